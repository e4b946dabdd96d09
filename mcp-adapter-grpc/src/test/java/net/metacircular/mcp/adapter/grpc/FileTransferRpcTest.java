package net.metacircular.mcp.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import net.metacircular.mcp.domain.FileContent;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.domain.Problem;
import net.metacircular.mcp.port.out.AgentGateway.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FileTransferRpcTest {
    private static final Node RIFT = new Node("rift", "rift.test:9444");
    private final FakeUseCases useCases = new FakeUseCases();
    private final InProcessAgent agent = new InProcessAgent(useCases, InProcessAgent.allowAll(), InstantSource.system());
    private final GrpcAgentGateway gateway = agent.gateway(() -> "token");

    @AfterEach
    void stop() {
        gateway.close();
        agent.close();
    }

    @Test
    void pushThenPull_carriesBytesAndModeBothWays() {
        byte[] pem = "pem\n".getBytes(StandardCharsets.UTF_8);

        gateway.pushFile(RIFT, "mcr", "certs/a.pem", pem, 0600);

        assertThat(useCases.files).containsEntry("mcr/certs/a.pem", new FileContent(pem, 0600));
        assertThat(gateway.pullFile(RIFT, "mcr", "certs/a.pem")).isEqualTo(new FileContent(pem, 0600));
    }

    @Test
    void pushWithModeZero_asksTheAgentForItsDefault() {
        gateway.pushFile(RIFT, "mcr", "mcr.toml", new byte[] {1}, 0);

        assertThat(useCases.files.get("mcr/mcr.toml").mode()).isEqualTo(0644);
    }

    @Test
    void aRefusedPath_comesBackAsInvalidInputWithItsFieldPath() {
        useCases.failure = new InvalidInputException("path", "\"../x\" contains \"..\"");

        assertThatThrownBy(() -> gateway.pushFile(RIFT, "mcr", "../x", new byte[] {1}, 0))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problems())
                        .containsExactly(new Problem("path", "\"../x\" contains \"..\"")));
    }

    @Test
    void aMissingFile_comesBackAsNotFound() {
        assertThatThrownBy(() -> gateway.pullFile(RIFT, "mcr", "nope")).isInstanceOf(NotFoundException.class);
    }
}
