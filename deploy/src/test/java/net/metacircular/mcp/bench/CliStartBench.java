package net.metacircular.mcp.bench;

import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import net.metacircular.mcp.e2e.Operator;
import net.metacircular.mcp.e2e.Proc;
import net.metacircular.mcp.e2e.Testbed;

/**
 * P5: wall time of {@code mcp --version} and of {@code mcp ps} against one idle agent, with the launcher's AOT
 * cache ÷ the same launcher without it ({@code MCP_NO_AOT=1}), alternating.
 */
final class CliStartBench {
    private static final Map<String, String> NO_AOT = Map.of("MCP_NO_AOT", "1");

    private CliStartBench() {
    }

    static List<Row> run(Operator op, int runs) {
        List<Row> rows = new ArrayList<>();
        for (String[] args : List.of(new String[] {"--version"}, new String[] {"ps"})) {
            // `mcp --version` exactly as an operator types it (no --config); `mcp ps` with the operator's config
            java.util.function.Function<Map<String, String>, Supplier<Proc.Result>> cmd = args[0].equals("--version")
                    ? env -> () -> Proc.run(env, Duration.ofSeconds(60), Testbed.launcher("mcp").toString(), "--version")
                    : env -> () -> op.mcpWith(env, args);
            Supplier<Proc.Result> with = cmd.apply(Map.of());
            Supplier<Proc.Result> without = cmd.apply(NO_AOT);
            with.get().assertOk();
            without.get().assertOk();
            List<Double> aot = new ArrayList<>();
            List<Double> plain = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                if (i % 2 == 0) {
                    plain.add(BenchEnv.time(without));
                    aot.add(BenchEnv.time(with));
                } else {
                    aot.add(BenchEnv.time(with));
                    plain.add(BenchEnv.time(without));
                }
            }
            Stats a = Stats.of(aot);
            Stats r = Stats.ratios(aot, plain);
            boolean version = args[0].equals("--version");
            String target = version ? "≤ 150 ms and ≤ 0.5" : "≤ 0.5";
            boolean met = r.median() <= 0.5 && (!version || a.median() <= 150);
            rows.add(Row.of(version ? "P5a" : "P5b", "`mcp " + args[0] + "` start: AOT cache ÷ without (MCP_NO_AOT=1)",
                    a.ms(), Stats.of(plain).ms(), r.ratio(), target, met,
                    (version ? "answered before picocli, with a small AOT cache of its own (share/mcp-version.aot)"
                            : "one idle agent, TLS + one RPC") + "; n=" + runs));
        }
        return rows;
    }

    /** The JVM alone, for the reading: {@code java -version} with the launcher's flags. */
    static Row jvmFloor(Operator op, int runs) {
        String javaBin = System.getProperty("java.home") + "/bin/java";
        List<Double> t = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            t.add(BenchEnv.time(() -> Proc.run(Map.of(), Duration.ofSeconds(30),
                    javaBin, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto", "-version")));
        }
        return Row.info("P5c", "floor: `java -version` with the launcher's JVM flags", Stats.of(t).ms(), "–", "–",
                "what no Java CLI on this machine can beat; n=" + runs);
    }
}
