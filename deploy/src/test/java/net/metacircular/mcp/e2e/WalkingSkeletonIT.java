package net.metacircular.mcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.metacircular.mcp.proto.v1.ListServicesRequest;
import net.metacircular.mcp.proto.v1.McpAgentGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The walking skeleton end to end: the real mcp and mcp-agent launchers, real podman in the test bed's isolated
 * store, images pulled from a real registry on loopback, real TLS 1.3 and a real (development) MCIAS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Path work;
    private Pki pki;
    private Mcias mcias;
    private AgentNode rift;
    private Operator op;

    @BeforeAll
    void startNode() throws Exception {
        for (String c : List.of("skel-api", "skel-web", "mc-proxy", "broken-web")) {
            Operator.podman("rm", "-f", "--ignore", c);
        }
        work = Files.createTempDirectory("mcp-skeleton-");
        pki = Pki.create(work.resolve("pki"));
        mcias = Mcias.start(pki, work);
        rift = new AgentNode("rift", work.resolve("rift"), pki, mcias, "podman").start();
        op = new Operator(work.resolve("operator"), pki, mcias, List.of(rift));
        op.token = mcias.issue("admin", List.of("admin"), 3600);
    }

    @AfterAll
    void stopNode() throws Exception {
        if (rift != null) {
            rift.close();
        }
        if (mcias != null) {
            mcias.close();
        }
        for (String c : List.of("skel-api", "skel-web", "mc-proxy", "broken-web")) {
            Operator.podman("rm", "-f", "--ignore", c);
        }
    }

    private String skel(String webImage) {
        return """
                # the walking skeleton's two-component service
                name = "skel"
                node = "rift"
                active = true

                [[components]]
                name = "api"
                image = "%s"
                restart = "no"
                cmd = ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"]

                [[components]]
                name = "web"
                image = "%s"
                cmd = ["sh", "-c", "trap 'exit 0' TERM; httpd -f -p 8080 & wait"]
                env = ["GREETING=-hello"]
                """.formatted(Testbed.imageV1(), webImage);
    }

    private static JsonNode inspect(String container) throws Exception {
        return JSON.readTree(Operator.podman("container", "inspect", container).assertOk().out()).get(0);
    }

    private JsonNode rows(Proc.Result r) throws Exception {
        return JSON.readTree(r.out()).get("components");
    }

    private static List<JsonNode> of(JsonNode rows, String service) {
        List<JsonNode> out = new ArrayList<>();
        rows.forEach(r -> {
            if (r.get("service").asText().equals(service)) {
                out.add(r);
            }
        });
        return out;
    }

    @Test
    @Order(1)
    void twoComponentService_deployedFromFile_runsBothAndPsShowsTheTagVersion() throws Exception {
        op.writeService("skel", skel(Testbed.imageV1()));

        Proc.Result deploy = op.mcp("deploy", "skel").assertOk();

        assertThat(deploy.out()).contains("skel/api").contains("skel/web");
        assertThat(inspect("skel-api").at("/State/Status").asText()).isEqualTo("running");
        assertThat(inspect("skel-web").at("/State/Status").asText()).isEqualTo("running");
        List<JsonNode> skel = of(rows(op.mcp("ps", "--json").assertOk()), "skel");
        assertThat(skel).extracting(r -> r.get("component").asText()).containsExactlyInAnyOrder("api", "web");
        for (JsonNode r : skel) {
            assertThat(r.get("node").asText()).isEqualTo("rift");
            assertThat(r.get("observed_state").asText()).isEqualTo("running");
            assertThat(r.get("desired_state").asText()).isEqualTo("running");
            assertThat(r.get("version").asText()).isEqualTo("v1");
            assertThat(r.get("started").isNull()).isFalse();
        }
    }

    @Test
    @Order(2)
    void redeployingOneComponentWithANewTag_leavesTheOtherContainerUntouched() throws Exception {
        JsonNode apiBefore = inspect("skel-api");
        op.writeService("skel", skel(Testbed.imageV2()));

        op.mcp("deploy", "skel/web").assertOk();

        JsonNode apiAfter = inspect("skel-api");
        assertThat(apiAfter.get("Id").asText()).isEqualTo(apiBefore.get("Id").asText());
        assertThat(apiAfter.at("/State/StartedAt").asText()).isEqualTo(apiBefore.at("/State/StartedAt").asText());
        List<JsonNode> skel = of(rows(op.mcp("ps", "--json").assertOk()), "skel");
        assertThat(skel).filteredOn(r -> r.get("component").asText().equals("web"))
                .singleElement().satisfies(r -> assertThat(r.get("version").asText()).isEqualTo("v2"));
        assertThat(skel).filteredOn(r -> r.get("component").asText().equals("api"))
                .singleElement().satisfies(r -> assertThat(r.get("version").asText()).isEqualTo("v1"));
    }

    @Test
    @Order(3)
    void deployingAComponentTheServiceLacks_failsAndChangesNothing() throws Exception {
        String listBefore = op.mcp("list", "--json").assertOk().out();
        String idsBefore = Operator.podman("ps", "-a", "--format", "{{.ID}} {{.Names}} {{.StartedAt}}").assertOk().out();

        Proc.Result r = op.mcp("deploy", "skel/nosuch");

        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("nosuch");
        assertThat(op.mcp("list", "--json").assertOk().out()).isEqualTo(listBefore);
        assertThat(Operator.podman("ps", "-a", "--format", "{{.ID}} {{.Names}} {{.StartedAt}}").assertOk().out())
                .isEqualTo(idsBefore);
    }

    @Test
    @Order(4)
    void singleComponentServiceMcProxy_runsAsContainerMcProxy_andIsReportedAsServiceMcProxy() throws Exception {
        op.writeService("mc-proxy", """
                name = "mc-proxy"
                node = "rift"

                [[components]]
                name = "mc-proxy"
                image = "%s"
                cmd = ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"]
                """.formatted(Testbed.imageV1()));

        op.mcp("deploy", "mc-proxy").assertOk();

        assertThat(inspect("mc-proxy").at("/State/Status").asText()).isEqualTo("running");
        assertThat(of(rows(op.mcp("ps", "--json").assertOk()), "mc-proxy"))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("component").asText()).isEqualTo("mc-proxy");
                    assertThat(r.get("observed_state").asText()).isEqualTo("running");
                });
    }

    @Test
    @Order(5)
    void definitionWithThreeMistakes_reportsAllThreeWithFieldPaths_andDeploysNothing() throws Exception {
        op.writeService("broken", """
                name = "broken"
                node = "rift"

                [[components]]
                name = "web"
                image = "NOT A REFERENCE"
                ports = ["8080"]
                env = ["NOVALUE"]
                """);

        Proc.Result r = op.mcp("deploy", "broken");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("components[0].image").contains("components[0].ports[0]").contains("components[0].env[0]");
        assertThat(Operator.podman("container", "exists", "broken-web").exit()).isEqualTo(1);
        assertThat(op.mcp("list", "--json").assertOk().out()).doesNotContain("\"broken\"");
    }

    @Test
    @Order(6)
    void deployedSpecsAndStates_surviveAnAgentRestart() throws Exception {
        String before = op.mcp("list", "--json").assertOk().out();
        String apiId = inspect("skel-api").get("Id").asText();

        assertThat(rift.stop()).isZero();
        rift.start();

        assertThat(op.mcp("list", "--json").assertOk().out()).isEqualTo(before);
        assertThat(of(rows(op.mcp("ps", "--json").assertOk()), "skel"))
                .allSatisfy(r -> assertThat(r.get("observed_state").asText()).isEqualTo("running"));
        assertThat(inspect("skel-api").get("Id").asText()).isEqualTo(apiId);
    }

    private ManagedChannel channel(String... protocols) throws Exception {
        return NettyChannelBuilder.forTarget(rift.address())
                .sslContext(GrpcSslContexts.forClient().trustManager(pki.caCert.toFile()).protocols(protocols).build())
                .build();
    }

    private Status callListServices(String authorization) throws Exception {
        ManagedChannel ch = channel("TLSv1.3");
        try {
            Metadata md = new Metadata();
            if (authorization != null) {
                md.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
            }
            McpAgentGrpc.newBlockingStub(ch).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md))
                    .withDeadlineAfter(20, TimeUnit.SECONDS).listServices(ListServicesRequest.getDefaultInstance());
            return Status.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus();
        } finally {
            ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private long auditLines(String outcome) throws Exception {
        return rift.logText().lines()
                .filter(l -> l.contains("audit method=mcp.v1.McpAgent/ListServices") && l.contains("outcome=" + outcome)).count();
    }

    @Test
    @Order(7)
    void everyBadCredential_isRefusedWithTheRightCode_andAudited() throws Exception {
        long unauthBefore = auditLines("UNAUTHENTICATED");
        long deniedBefore = auditLines("PERMISSION_DENIED");

        assertThat(callListServices(null).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(callListServices("Bearer garbage.token.value").getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(callListServices("Bearer " + mcias.issue("admin", List.of("admin"), -60)).getCode())
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(callListServices("Bearer " + mcias.issue("viewer", List.of("viewer"), 3600)).getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(callListServices("Bearer " + op.token).getCode()).isEqualTo(Status.Code.OK);

        Thread.sleep(200);
        assertThat(auditLines("UNAUTHENTICATED") - unauthBefore).isEqualTo(3);
        assertThat(auditLines("PERMISSION_DENIED") - deniedBefore).isEqualTo(1);
        assertThat(rift.logText()).doesNotContain(op.token);
    }

    @Test
    @Order(8)
    void expiredTokenOnTheCli_saysToLogInAgain() throws Exception {
        String good = op.token;
        op.token = mcias.issue("admin", List.of("admin"), -60);
        try {
            Proc.Result r = op.mcp("ps");
            assertThat(r.exit()).isNotZero();
            assertThat(r.err()).contains("mcp login");
        } finally {
            op.token = good;
        }
    }

    @Test
    @Order(9)
    void aClientLimitedToTls12_cannotConnect() throws Exception {
        ManagedChannel ch = channel("TLSv1.2");
        try {
            assertThatThrownBy(() -> McpAgentGrpc.newBlockingStub(ch).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .listServices(ListServicesRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        } finally {
            ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
