package net.metacircular.mcp.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * The hexagon's rules, checked on the production classes of every module. A violation fails the build.
 * The apps ({@code ..app..}) wire adapters together and are exempt from the onion rule only.
 */
@AnalyzeClasses(packages = "net.metacircular.mcp", importOptions = ImportOption.DoNotIncludeTests.class)
class HexagonRulesTest {
    private static final String DOMAIN = "net.metacircular.mcp.domain..";
    private static final String PORTS = "net.metacircular.mcp.port..";
    private static final String APPLICATION = "net.metacircular.mcp.application..";

    @ArchTest
    static final ArchRule dependenciesPointInward = onionArchitecture()
            .domainModels(DOMAIN)
            .domainServices(PORTS)
            .applicationServices(APPLICATION)
            .adapter("podman", "net.metacircular.mcp.adapter.podman..", "net.metacircular.mcp.adapter.fake..",
                    "net.metacircular.mcp.adapter.files..")
            .adapter("sqlite", "net.metacircular.mcp.adapter.sqlite..")
            .adapter("grpc", "net.metacircular.mcp.adapter.grpc..", "net.metacircular.mcp.adapter.mcias..")
            .adapter("cli", "net.metacircular.mcp.adapter.cli..", "net.metacircular.mcp.adapter.toml..")
            .withOptionalLayers(true)
            // The apps are the composition root: they alone may see every adapter.
            .ignoreDependency(JavaClass.Predicates.resideInAPackage("net.metacircular.mcp.app.."), DescribedPredicate.alwaysTrue())
            .because("dependencies point inward: domain <- ports <- adapters <- apps, and adapters never import each other");

    @ArchTest
    static final ArchRule domainDependsOnTheJdkOnly = classes().that().resideInAPackage(DOMAIN)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN)
            .because("the domain is a dependency-free library other Metacircular tools embed");

    @ArchTest
    static final ArchRule portsDependOnTheDomainAndTheJdkOnly = classes().that().resideInAnyPackage(PORTS, APPLICATION)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN, PORTS, APPLICATION)
            .because("no gRPC, JDBI, jline, toml4j or process type may leak into the ports or the use cases");

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("net.metacircular.mcp.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule processesOnlyInThePodmanAdapter = noClasses()
            .that().resideOutsideOfPackages("net.metacircular.mcp.adapter.podman..")
            .should().dependOnClassesThat().haveFullyQualifiedName(ProcessBuilder.class.getName())
            .orShould().callMethod(Runtime.class, "exec", String.class)
            .orShould().callMethod(Runtime.class, "exec", String[].class)
            .because("only the podman adapter starts processes, always as an argv");

    @ArchTest
    static final ArchRule jdbiAndSqliteOnlyInTheSqliteAdapter = noClasses()
            .that().resideOutsideOfPackages("net.metacircular.mcp.adapter.sqlite..")
            .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "org.sqlite..");

    @ArchTest
    static final ArchRule grpcAndProtobufOnlyInTheGrpcAdapter = noClasses()
            .that().resideOutsideOfPackages("net.metacircular.mcp.adapter.grpc..", "net.metacircular.mcp.proto..",
                    "net.metacircular.mcp.app..")
            .should().dependOnClassesThat().resideInAnyPackage("io.grpc..", "com.google.protobuf..", "net.metacircular.mcp.proto..");

    @ArchTest
    static final ArchRule terminalLibrariesOnlyInTheCliAdapter = noClasses()
            .that().resideOutsideOfPackages("net.metacircular.mcp.adapter.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("picocli..", "org.jline..");

    @ArchTest
    static final ArchRule tomlOnlyInTheTomlAdapter = noClasses()
            .that().resideOutsideOfPackages("net.metacircular.mcp.adapter.toml..")
            .should().dependOnClassesThat().resideInAnyPackage("com.moandjiezana.toml..");

    @ArchTest
    static final ArchRule standardStreamsOnlyThroughTheCliOutputSeam = noClasses()
            .that().resideOutsideOfPackages("net.metacircular.mcp.adapter.cli..", "net.metacircular.mcp.testbed..")
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .because("command output goes through picocli's writers and everything else through the logger");

    @ArchTest
    static final ArchRule noClockReadsInTheCore = noClasses().that().resideInAnyPackage(DOMAIN, APPLICATION, PORTS)
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(Clock.class, "systemUTC")
            .orShould().callMethod(LocalDateTime.class, "now")
            .because("time arrives as an InstantSource or a parameter, so rules are testable with a simulated clock");
}
