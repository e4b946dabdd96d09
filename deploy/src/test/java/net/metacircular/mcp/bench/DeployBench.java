package net.metacircular.mcp.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.metacircular.mcp.e2e.AgentNode;
import net.metacircular.mcp.e2e.Operator;

/**
 * P1: {@code mcp deploy --force} of a two-component service ÷ the same podman commands by hand in sequence (pull,
 * stop, rm, run, inspect per component), run alternately so drifting machine load hits both sides alike.
 */
final class DeployBench {
    private static final Pattern DEPLOY_AUDIT = Pattern.compile("method=mcp\\.v1\\.\\w+/Deploy .*duration_ms=(\\d+)");

    private DeployBench() {
    }

    static List<Row> run(BenchEnv env, AgentNode node, Operator op, int runs) throws Exception {
        String service = BenchEnv.PREFIX + "deploy";
        StringBuilder toml = new StringBuilder("name = \"%s\"\nnode = \"%s\"\n".formatted(service, node.name));
        for (String c : List.of("a", "b")) {
            toml.append("""

                    [[components]]
                    name = "%s"
                    image = "%s"
                    restart = "no"
                    cmd = %s
                    """.formatted(c, BenchEnv.image(), BenchEnv.SLEEPER_CMD));
        }
        op.writeService(service, toml.toString());
        // the first deploy creates the containers, and one warm-up of each side fills the caches
        op.mcp("deploy", service).assertOk();
        raw();
        List<Double> mcp = new ArrayList<>();
        List<Double> podman = new ArrayList<>();
        List<Double> agent = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            if (i % 2 == 0) {
                podman.add(raw());
                mcp.add(BenchEnv.time(() -> op.mcp("deploy", service, "--force")));
            } else {
                mcp.add(BenchEnv.time(() -> op.mcp("deploy", service, "--force")));
                podman.add(raw());
            }
            agent.add(lastDeployMillis(node));
        }
        Stats m = Stats.of(mcp);
        Stats p = Stats.of(podman);
        Stats r = Stats.ratios(mcp, podman);
        Stats a = Stats.of(agent);
        return List.of(Row.of("P1", "deploy, 2 components (`mcp deploy --force` ÷ pull+stop+rm+run+inspect ×2)",
                m.ms(), p.ms(), r.ratio(), "≤ 1.05", r.median() <= 1.05,
                "agent-side Deploy RPC " + a.ms() + " (audit duration); the rest is the CLI's start, TLS and login; n=" + runs));
    }

    /** The baseline: what a careful operator types for each component, one command after another. */
    private static double raw() {
        long t = System.nanoTime();
        for (String c : List.of("a", "b")) {
            String name = BenchEnv.PREFIX + "raw-" + c;
            BenchEnv.podman("pull", "--quiet", BenchEnv.image()).assertOk();
            BenchEnv.podman("stop", "--ignore", "--time=10", name).assertOk();
            BenchEnv.podman("rm", "--ignore", name).assertOk();
            List<String> run = new ArrayList<>(List.of("run", "-d", "--name=" + name, "--restart=no", BenchEnv.image()));
            run.addAll(BenchEnv.SLEEPER_ARGV);
            BenchEnv.podman(run.toArray(String[]::new)).assertOk();
            BenchEnv.podman("inspect", name).assertOk();
        }
        return (System.nanoTime() - t) / 1e6;
    }

    private static double lastDeployMillis(AgentNode node) throws Exception {
        Matcher m = DEPLOY_AUDIT.matcher(node.logText());
        double last = Double.NaN;
        while (m.find()) {
            last = Double.parseDouble(m.group(1));
        }
        return last;
    }
}
