package dev.exdetect.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The structure the module list promises, checked on the compiled classes of every module (this
 * module sees them all): no package depends on itself through others, and each layer uses only the
 * layers below it. Maven already keeps modules from depending upwards; these rules also hold inside
 * a module, where Maven does not look.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // The other modules are on the class path as folders (mvn test) or as jars (mvn verify):
        // import both, without test classes in either form.
        classes =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .withImportOption(location -> !location.contains("-tests.jar"))
                        .importPackages("dev.exdetect");
    }

    @Test
    void everyModuleIsChecked() {
        // Rules over no classes pass; make sure each module's classes are there to be checked.
        for (String type :
                List.of(
                        "dev.exdetect.features.engine.FeatureEngine",
                        "dev.exdetect.rules.parse.RulePackParser",
                        "dev.exdetect.simulation.TrafficSimulator",
                        "dev.exdetect.embedded.EmbeddedKafka",
                        "dev.exdetect.job.pipeline.DetectorPipeline",
                        "dev.exdetect.gateway.ReferenceGateway",
                        "dev.exdetect.evaluation.benchmark.Benchmark",
                        "dev.exdetect.cli.DetectorCli")) {
            assertThat(classes.contain(type)).as(type).isTrue();
        }
        assertThat(classes.contain(ArchitectureTest.class.getName())).isFalse();
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.exdetect.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theJobUsesNoToolingAndNoTestBroker() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.exdetect.job..", "dev.exdetect.features..", "dev.exdetect.rules..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.exdetect.cli..",
                        "dev.exdetect.evaluation..",
                        "dev.exdetect.simulation..",
                        "dev.exdetect.gateway..",
                        "dev.exdetect.embedded..",
                        "org.apache.kafka.common.test..")
                .check(classes);
    }

    @Test
    void theSimulatorAndTheGatewayStandOnTheirOwn() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.exdetect.simulation..", "dev.exdetect.gateway..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.exdetect.job..", "dev.exdetect.cli..", "dev.exdetect.evaluation..")
                .check(classes);
    }

    @Test
    void theEvaluationDoesNotDependOnTheCommandLine() {
        noClasses()
                .that()
                .resideInAPackage("dev.exdetect.evaluation..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.exdetect.cli..")
                .check(classes);
    }
}
