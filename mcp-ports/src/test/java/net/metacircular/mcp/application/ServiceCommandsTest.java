package net.metacircular.mcp.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.metacircular.mcp.domain.AdoptResult;
import net.metacircular.mcp.domain.ComponentRecord;
import net.metacircular.mcp.domain.ComponentSpec;
import net.metacircular.mcp.domain.DesiredState;
import net.metacircular.mcp.domain.InvalidInputException;
import net.metacircular.mcp.domain.LifecycleAction;
import net.metacircular.mcp.domain.NotFoundException;
import net.metacircular.mcp.domain.ObservedState;
import net.metacircular.mcp.domain.PreconditionException;
import net.metacircular.mcp.domain.Reconciliation;
import net.metacircular.mcp.domain.ServiceDefinition;
import net.metacircular.mcp.domain.ServiceRecord;
import net.metacircular.mcp.domain.ServiceSpec;
import net.metacircular.mcp.domain.ServiceSyncResult;
import net.metacircular.mcp.port.in.OperatorUseCase.Fleet;
import net.metacircular.mcp.port.in.ServiceCommandsUseCase.LifecycleOutcome;
import net.metacircular.mcp.port.out.AgentGateway.Node;
import net.metacircular.mcp.port.out.EditorLauncher;
import net.metacircular.mcp.port.out.FakeAgentGateway;
import net.metacircular.mcp.port.out.FakeDefinitionStore;
import org.junit.jupiter.api.Test;

class ServiceCommandsTest {
    private static final Node RIFT = new Node("rift", "10.0.0.1:9444");
    private static final Node VADE = new Node("vade", "10.0.0.2:9444");
    private final FakeAgentGateway gateway = new FakeAgentGateway();
    private final FakeDefinitionStore definitions = new FakeDefinitionStore();
    private final List<Path> edited = new ArrayList<>();
    private int editorExit;
    private Runnable whileEditing = () -> { };
    private final EditorLauncher editor = new EditorLauncher() {
        @Override
        public int edit(Path file) {
            edited.add(file);
            whileEditing.run();
            return editorExit;
        }

        @Override
        public String describe() {
            return "fake-editor";
        }
    };

    private ServiceCommands commands() {
        Operator fleet = new Operator(gateway, definitions, List.of(RIFT, VADE), Duration.ofSeconds(2), "services");
        return new ServiceCommands(fleet, gateway, definitions, editor);
    }

    private static ServiceSpec spec(String name, boolean active) {
        return new ServiceSpec(name, active, List.of(ComponentSpec.of("api", "reg/" + name + ":v1")));
    }

    private static ServiceRecord deployed(String name, boolean active) {
        return new ServiceRecord(name, active, List.of(new ComponentRecord(name, ComponentSpec.of("api", "reg/" + name + ":v1"),
                active ? DesiredState.RUNNING : DesiredState.STOPPED, ObservedState.RUNNING, "v1", null, "")));
    }

    @Test
    void stop_setsActiveFalseInTheFileFirst_thenTellsTheNodeTheFileNames() {
        definitions.with(new ServiceDefinition("vade", spec("metacrypt", true)));
        gateway.services("vade", deployed("metacrypt", true));

        LifecycleOutcome outcome = commands().lifecycle(LifecycleAction.STOP, "metacrypt");

        assertThat(definitions.activeEdits()).containsExactly("metacrypt=false");
        assertThat(gateway.calls()).containsExactly("stop vade");
        assertThat(outcome.node()).isEqualTo("vade");
        assertThat(outcome.file()).isPresent();
        assertThat(outcome.succeeded()).isTrue();
    }

    @Test
    void restart_leavesTheFileAlone_andAServiceWithoutFileGoesToTheNodeHoldingIt() {
        gateway.services("vade", deployed("metacrypt", true));

        LifecycleOutcome outcome = commands().lifecycle(LifecycleAction.RESTART, "metacrypt");

        assertThat(definitions.activeEdits()).isEmpty();
        assertThat(outcome.node()).isEqualTo("vade");
        assertThat(outcome.file()).isEmpty();
        assertThat(gateway.calls()).contains("restart vade");
    }

    @Test
    void lifecycleOfAServiceNoNodeHolds_isNotFound_andNoNodeIsAskedToAct() {
        gateway.services("rift", new ServiceRecord("scratchpad", true, List.of(Reconciliation.discovered(
                new net.metacircular.mcp.domain.ContainerInfo("i", "scratchpad", "img:v1", "x", ObservedState.RUNNING, null)))));

        assertThatThrownBy(() -> commands().lifecycle(LifecycleAction.START, "scratchpad"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("mcp adopt scratchpad");
        assertThat(gateway.calls()).doesNotContain("start rift", "start vade");
    }

    @Test
    void aFailedComponent_makesTheOutcomeFail() {
        definitions.with(new ServiceDefinition("rift", spec("metacrypt", false)));
        gateway.services("rift", deployed("metacrypt", false)).failing("api", "boom");

        assertThat(commands().lifecycle(LifecycleAction.START, "metacrypt").succeeded()).isFalse();
    }

    @Test
    void sync_pushesEachNodeItsDefinitions_andEveryOtherNodeAnEmptyPush() {
        definitions.with(new ServiceDefinition("rift", spec("a", true))).with(new ServiceDefinition("rift", spec("b", false)));

        Fleet<List<ServiceSyncResult>> fleet = commands().sync();

        assertThat(gateway.syncCalls()).extracting(c -> c.node().name() + ":" + c.services().stream().map(ServiceSpec::name).toList())
                .containsExactly("rift:[a, b]", "vade:[]");
        assertThat(fleet.answers()).hasSize(2);
        assertThat(fleet.partial()).isFalse();
    }

    @Test
    void sync_withADefinitionNamingAnUnknownNode_asksNoNode() {
        definitions.with(new ServiceDefinition("nowhere", spec("a", true)));

        assertThatThrownBy(() -> commands().sync()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a.toml: node").hasMessageContaining("rift, vade");
        assertThat(gateway.syncCalls()).isEmpty();
    }

    @Test
    void sync_reportsAnUnreachableNodeAsAnErrorAndStillPushesTheOthers() {
        gateway.unreachable("vade", "connection refused");

        Fleet<List<ServiceSyncResult>> fleet = commands().sync();

        assertThat(fleet.answers()).extracting(a -> a.node()).containsExactly("rift");
        assertThat(fleet.errors()).singleElement().satisfies(e -> assertThat(e.node()).isEqualTo("vade"));
    }

    @Test
    void adopt_goesToTheNodeWhoseRegistryKnowsMatchingContainers() {
        gateway.services("vade", new ServiceRecord("mc-web", true, List.of(Reconciliation.discovered(
                new net.metacircular.mcp.domain.ContainerInfo("i", "mc-web", "img:v1", "x", ObservedState.RUNNING, null)))));
        gateway.adoptable("vade", "mc", AdoptResult.ok("mc-web", "web"));

        var outcome = commands().adopt("mc", Optional.empty());

        assertThat(outcome.node()).isEqualTo("vade");
        assertThat(outcome.results()).containsExactly(AdoptResult.ok("mc-web", "web"));
        assertThatThrownBy(() -> commands().adopt("zz", Optional.empty())).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("--node");
        assertThatThrownBy(() -> commands().adopt("mc", Optional.of("nowhere"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void showAndExport_useTheRegistrySpecOfTheHoldingNode() {
        gateway.services("rift", deployed("metacrypt", true));

        ServiceDefinition shown = commands().show("metacrypt");
        Path written = commands().export("metacrypt", Optional.of(Path.of("/tmp/m.toml")));

        assertThat(shown).isEqualTo(new ServiceDefinition("rift", deployed("metacrypt", true).spec()));
        assertThat(written).isEqualTo(Path.of("/tmp/m.toml"));
        assertThat(definitions.written()).containsEntry(Path.of("/tmp/m.toml"), shown);
    }

    @Test
    void edit_withoutAFile_startsFromTheRegistrySpec_andSavesAValidDraft() {
        gateway.services("rift", deployed("metacrypt", true));
        ServiceDefinition changed = new ServiceDefinition("rift", spec("metacrypt", false));
        whileEditing = () -> definitions.editDraft(edited.getFirst(), () -> changed);

        Path saved = commands().edit("metacrypt");

        assertThat(saved.toString()).endsWith("metacrypt.toml");
        assertThat(definitions.find("metacrypt")).contains(changed);
        assertThat(definitions.drafts()).isEmpty();
    }

    @Test
    void edit_ofAnInvalidDraft_savesNothing_namesTheProblemAndWhereTheTextIsKept() {
        ServiceDefinition original = new ServiceDefinition("rift", spec("metacrypt", true));
        definitions.with(original);
        whileEditing = () -> definitions.editDraft(edited.getFirst(), () -> {
            throw new InvalidInputException("components[0].name", "\"Bad\" must be lower-case");
        });

        assertThatThrownBy(() -> commands().edit("metacrypt")).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.problems().getFirst().field()).isEqualTo("components[0].name");
            assertThat(e.getMessage()).contains("nothing was saved; your text is kept in " + edited.getFirst());
        });
        assertThat(definitions.find("metacrypt")).contains(original);
        assertThat(definitions.drafts()).containsKey(edited.getFirst());
    }

    @Test
    void edit_whenTheEditorFails_savesNothing() {
        definitions.with(new ServiceDefinition("rift", spec("metacrypt", true)));
        editorExit = 2;

        assertThatThrownBy(() -> commands().edit("metacrypt")).isInstanceOf(PreconditionException.class)
                .hasMessageContaining("exited with 2").hasMessageContaining("nothing was saved");
    }
}
