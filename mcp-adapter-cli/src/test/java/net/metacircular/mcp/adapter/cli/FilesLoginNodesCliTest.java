package net.metacircular.mcp.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import net.metacircular.mcp.application.Login;
import net.metacircular.mcp.application.Operator;
import net.metacircular.mcp.domain.FileContent;
import net.metacircular.mcp.port.in.LoginUseCase;
import net.metacircular.mcp.port.in.OperatorUseCase;
import net.metacircular.mcp.port.out.AgentGateway.Node;
import net.metacircular.mcp.port.out.FakeAgentGateway;
import net.metacircular.mcp.port.out.FakeDefinitionStore;
import net.metacircular.mcp.port.out.IdentityProvider;
import net.metacircular.mcp.port.out.IssuedToken;
import net.metacircular.mcp.port.out.TotpRequiredException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static net.metacircular.mcp.port.out.RegistryTestData.running;
import static net.metacircular.mcp.port.out.RegistryTestData.service;

class FilesLoginNodesCliTest {
    private static final Node RIFT = new Node("rift", "10.0.0.1:9444");
    private static final Node VADE = new Node("vade", "10.0.0.2:9444");
    private static final Instant NOW = Instant.parse("2026-03-04T12:00:00Z");

    @TempDir
    Path dir;
    private final FakeAgentGateway gateway = new FakeAgentGateway();
    private final List<String> logins = new ArrayList<>();
    private final IdentityProvider mcias = (user, password, totp, svc) -> {
        logins.add(user + "/" + password + "/" + totp.orElse("-"));
        if (!password.equals("right")) {
            throw new net.metacircular.mcp.port.out.LoginRejectedException("MCIAS login failed: username or password rejected");
        }
        if (user.equals("kyle") && !totp.equals(Optional.of("123456"))) {
            throw new TotpRequiredException("MCIAS asks for a TOTP code for kyle");
        }
        return new IssuedToken("tok-" + user, Optional.of(NOW.plusSeconds(3600)));
    };

    private record Run(int code, String out, String err) {
    }

    /** A prompter reading scripted answers; records what it was asked. */
    private static final class Script implements Prompter {
        final Deque<String> answers = new ArrayDeque<>();
        final List<String> asked = new ArrayList<>();
        boolean interactive = true;
        byte[] stdin = new byte[0];

        @Override
        public boolean interactive() {
            return interactive;
        }

        @Override
        public String readLine(String prompt) {
            asked.add("line " + prompt);
            return answers.removeFirst();
        }

        @Override
        public char[] readSecret(String prompt) {
            asked.add("secret " + prompt);
            return answers.removeFirst().toCharArray();
        }

        @Override
        public InputStream stdin() {
            return new ByteArrayInputStream(stdin);
        }
    }

    private final Script script = new Script();

    private Run run(String... args) {
        Operator operator = new Operator(gateway, new FakeDefinitionStore(), List.of(RIFT, VADE), Duration.ofSeconds(2));
        Path token = dir.resolve("token");
        OperatorFactory factory = new OperatorFactory() {
            @Override
            public OperatorUseCase create(Optional<Path> configPath) {
                return operator;
            }

            @Override
            public LoginUseCase login(Optional<Path> configPath) {
                return new Login(mcias, new TokenFile(token), InstantSource.fixed(NOW), "mcp", Optional.empty(), Optional.empty());
            }
        };
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = McpCli.commandLine(factory, script, "mcp 1.2.3", TerminalInfo.plain(), InstantSource.fixed(NOW))
                .setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private void mcrOnRift() {
        gateway.services("rift", service("mcr", running("mcr", "mcr", "v1", NOW)));
    }

    @Test
    void push_sendsTheFileToTheServicesNode_withTheDefaultModeDecidedByThePath() throws IOException {
        mcrOnRift();
        Path pem = Files.writeString(dir.resolve("cert.pem"), "PEM\n");

        Run r = run("push", pem.toString(), "mcr", "certs/mcr.pem");

        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).isEqualTo("rift: mcr/certs/mcr.pem: written (4 bytes, mode 0600)\n");
        assertThat(gateway.files()).containsEntry("rift:mcr/certs/mcr.pem", new FileContent("PEM\n".getBytes(StandardCharsets.UTF_8), 0600));
    }

    @Test
    void pushWithoutAPath_usesTheLocalFileNameAndMode() throws IOException {
        mcrOnRift();
        Path toml = Files.writeString(dir.resolve("mcr.toml"), "x = 1\n");

        Run r = run("push", toml.toString(), "mcr", "--mode", "0640");

        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(gateway.files().get("rift:mcr/mcr.toml").mode()).isEqualTo(0640);
    }

    @Test
    void givenAFileOverTheLimit_push_namesTheLimitAndSendsNothing() throws IOException {
        mcrOnRift();
        Path big = Files.write(dir.resolve("big.bin"), new byte[FileContent.MAX_BYTES + 1]);

        Run r = run("push", big.toString(), "mcr");

        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).contains("over the limit of " + FileContent.MAX_BYTES + " bytes").contains("nothing was sent");
        assertThat(gateway.calls()).isEmpty();
    }

    @Test
    void givenATraversalPath_push_isRefusedBeforeAnyNodeIsAsked() throws IOException {
        Path f = Files.writeString(dir.resolve("x"), "x");

        Run r = run("push", f.toString(), "mcr", "../x");

        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).contains("path: ").contains("\"..\"");
        assertThat(gateway.calls()).isEmpty();
    }

    @Test
    void pull_writesTheBytesWithTheNodesMode_andKeepsAnExistingFileUnlessForced() throws IOException {
        mcrOnRift();
        gateway.file("rift", "mcr", "certs/mcr.pem", new FileContent("PEM\n".getBytes(StandardCharsets.UTF_8), 0600));
        Path local = dir.resolve("out.pem");

        Run first = run("pull", "mcr", "certs/mcr.pem", local.toString());

        assertThat(first.code()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(local)).isEqualTo("PEM\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(local))).isEqualTo("rw-------");

        Files.writeString(local, "mine\n");
        Run again = run("pull", "mcr", "certs/mcr.pem", local.toString());
        assertThat(again.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(again.err()).contains("exists; use --force");
        assertThat(Files.readString(local)).isEqualTo("mine\n");

        assertThat(run("pull", "mcr", "certs/mcr.pem", local.toString(), "--force").code()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(local)).isEqualTo("PEM\n");
        try (var list = Files.list(dir)) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactly("out.pem");
        }
    }

    @Test
    void login_readsThePasswordWithoutEcho_promptsForTotp_andStoresTheToken0600() throws IOException {
        script.answers.addAll(List.of("right", "123456"));

        Run r = run("login", "kyle");

        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(script.asked).containsExactly("secret Password for kyle: ", "line TOTP code: ");
        assertThat(logins).containsExactly("kyle/right/-", "kyle/right/123456");
        Path token = dir.resolve("token");
        assertThat(Files.readString(token)).startsWith("tok-kyle\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
        assertThat(r.err()).contains("logged in as kyle; token stored in " + token);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void loginWithPasswordStdinAndTotpFlag_asksNothing() {
        script.interactive = false;
        script.stdin = "right\n".getBytes(StandardCharsets.UTF_8);

        Run r = run("login", "kyle", "--password-stdin", "--totp", "123456");

        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(script.asked).isEmpty();
    }

    @Test
    void givenNoTerminal_loginNeedingTotp_saysToPassTotp() {
        script.interactive = false;
        script.stdin = "right\n".getBytes(StandardCharsets.UTF_8);

        Run r = run("login", "kyle", "--password-stdin");

        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--totp CODE");
        assertThat(dir.resolve("token")).doesNotExist();
    }

    @Test
    void givenAWrongPassword_login_saysSoAndStoresNothing() {
        script.answers.add("wrong");

        Run r = run("login", "alice");

        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).isEqualTo("MCIAS login failed: username or password rejected\n");
        assertThat(dir.resolve("token")).doesNotExist();
    }

    @Test
    void logout_removesTheToken() {
        script.answers.add("right");
        run("login", "alice");

        Run r = run("logout");

        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.err()).startsWith("logged out; removed ");
        assertThat(dir.resolve("token")).doesNotExist();
        assertThat(run("logout").err()).startsWith("not logged in");
    }

    @Test
    void nodeList_showsEachNodesStatus_andAnUnreachableOneWithExit3() {
        mcrOnRift();
        gateway.unreachable("vade", "connection refused");

        Run r = run("node", "list");

        assertThat(r.code()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(r.out()).startsWith("NODE  ADDRESS        RUNTIME      AGENT  SERVICES  COMPONENTS  DISK FREE  MEMORY FREE  CPU   UP SINCE")
                .contains("rift  10.0.0.1:9444  fake 0       test   1         1           0B/0B      0B/0B        0.0%  1970-01-01T00:00:00Z")
                .contains("vade  10.0.0.2:9444  unreachable  -");
        assertThat(r.err()).isEqualTo("node vade (10.0.0.2:9444): connection refused\n");
    }

    @Test
    void bytes_areShownInBinaryUnits() {
        assertThat(NodeListCommand.bytes(512)).isEqualTo("512B");
        assertThat(NodeListCommand.bytes(1536)).isEqualTo("1.5K");
        assertThat(NodeListCommand.bytes(50L * 1024 * 1024 * 1024)).isEqualTo("50.0G");
    }
}
