package net.metacircular.mcp.adapter.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.metacircular.mcp.port.in.LoginUseCase;
import net.metacircular.mcp.port.in.LoginUseCase.LoginOutcome;
import net.metacircular.mcp.port.out.TotpRequiredException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mcp login}: logs in to MCIAS and stores the token for the following commands. */
@Command(name = "login",
        description = "Log in to MCIAS and store the token (mode 0600) at [auth] token_path.",
        footer = {"",
                "The password is read from the terminal without echo, or from the first line",
                "of standard input with --password-stdin. When MCIAS asks for a TOTP code, it",
                "is prompted for, unless --totp gives it.",
                "",
                "Examples:",
                "  mcp login",
                "  mcp login kyle --totp 123456",
                "  pass show mcias | mcp login kyle --password-stdin"})
final class LoginCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    private final CliContext context;

    @Parameters(index = "0", arity = "0..1", paramLabel = "USERNAME",
            description = "The MCIAS account. Default: [auth] username, else asked.")
    private String username;

    @Option(names = "--totp", paramLabel = "CODE", description = "The TOTP code, when the account has one.")
    private String totp;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    private boolean passwordStdin;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    LoginCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "'context' must not be null");
    }

    @Override
    public Integer call() {
        LoginUseCase login = context.login();
        Prompter prompter = context.prompter();
        String user = username != null ? username : login.configuredUsername().orElseGet(() -> {
            if (!prompter.interactive()) {
                throw new ParameterException(spec.commandLine(), "give USERNAME: there is no terminal to ask on");
            }
            return prompter.readLine("Username: ").strip();
        });
        char[] password = passwordStdin ? firstLine(prompter) : secret(prompter, "Password for " + user + ": ");
        try {
            LoginOutcome outcome;
            try {
                outcome = login.login(user, new String(password), Optional.ofNullable(totp));
            } catch (TotpRequiredException e) {
                if (totp != null) {
                    throw e;
                }
                if (!prompter.interactive()) {
                    throw new ParameterException(spec.commandLine(), e.getMessage()
                            + ": pass --totp CODE (there is no terminal to ask on)");
                }
                String code = prompter.readLine("TOTP code: ").strip();
                outcome = login.login(user, new String(password), Optional.of(code));
            }
            spec.commandLine().getErr().println("logged in as " + outcome.username() + "; token stored in "
                    + outcome.location() + outcome.expiresAt().map(e -> " (expires " + FleetView.rfc3339(e) + ")").orElse(""));
            return ExitCodes.OK;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private char[] secret(Prompter prompter, String prompt) {
        if (!prompter.interactive()) {
            throw new ParameterException(spec.commandLine(),
                    "there is no terminal to read the password from; use --password-stdin");
        }
        return prompter.readSecret(prompt);
    }

    private char[] firstLine(Prompter prompter) {
        try {
            // bounded: a password is short, and an endless stdin must not exhaust memory
            byte[] bytes = prompter.stdin().readNBytes(4096);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            String line = (nl < 0 ? text : text.substring(0, nl)).replace("\r", "");
            if (line.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--password-stdin: standard input holds no password");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
        }
    }
}
