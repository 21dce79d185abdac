package io.spinloop.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture.md, checked on the compiled main classes of every module (the app's
 * test class path holds them all). Maven already refuses a dependency between modules that the poms do not declare;
 * these rules say which of the declared ones the code may use, and keep the finer rules that no pom can express.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importTheMainClasses() {
        // Sibling modules come as target/classes (mvn test) or as their jars (mvn verify): take both, leave out
        // test classes and test jars.
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.spinloop");
    }

    /** The data flow: lab-config, bench, HDF5, twin, training, chip; each module sees only those below it. */
    @Test
    void modulesSeeOnlyTheModulesBelowThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("autodiff").definedBy("io.spinloop.autodiff..")
                .layer("measurements").definedBy("io.spinloop.measurements..")
                .layer("drivers").definedBy("io.spinloop.drivers..")
                .layer("emulator").definedBy("io.spinloop.emulator..")
                .layer("twin").definedBy("io.spinloop.twin..")
                .layer("lab").definedBy("io.spinloop.lab..")
                .layer("training").definedBy("io.spinloop.training..")
                .layer("app").definedBy("io.spinloop.app..")
                .whereLayer("app").mayNotBeAccessedByAnyLayer()
                .whereLayer("training").mayOnlyBeAccessedByLayers("app")
                .whereLayer("lab").mayOnlyBeAccessedByLayers("training", "app")
                .whereLayer("twin").mayOnlyBeAccessedByLayers("lab", "training", "app")
                .whereLayer("emulator").mayOnlyBeAccessedByLayers("lab", "app")
                .whereLayer("drivers").mayOnlyBeAccessedByLayers("lab", "app")
                .whereLayer("measurements").mayOnlyBeAccessedByLayers("twin", "lab", "training", "app")
                .whereLayer("autodiff").mayOnlyBeAccessedByLayers("twin", "training", "app")
                .check(classes);
    }

    /**
     * Only lab talks to instruments. Knowing the drivers' exception types is not talking to an instrument (the
     * command line maps every module's failures to exit codes); the one other exception is the SCPI round-trip
     * benchmark, which measures the driver session itself and so must hold one.
     */
    @Test
    void onlyLabTalksToInstruments() {
        noClasses().that().resideOutsideOfPackages("io.spinloop.drivers..", "io.spinloop.lab..")
                .and().doNotHaveFullyQualifiedName("io.spinloop.app.benchmark.ScpiBenchmark")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.spinloop.drivers..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.assignableTo(Throwable.class))))
                .because("every run that touches a bench goes through the lab module (its claims, ramps and safe stop)")
                .check(classes);
    }

    /** The drivers are tested against the emulator, but never built on it: a real bench has no emulator. */
    @Test
    void driversNeverSeeTheEmulator() {
        noClasses().that().resideInAPackage("io.spinloop.drivers..")
                .should().dependOnClassesThat().resideInAPackage("io.spinloop.emulator..")
                .check(classes);
    }

    /** Training and the twin run anywhere (a cluster task has no terminal): no command line in them. */
    @Test
    void noCommandLineBelowTheApp() {
        noClasses().that().resideOutsideOfPackage("io.spinloop.app..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(classes);
    }

    /**
     * Nothing depends on the cluster module: it is not on the app's class path at all, so a dependency on it can
     * only be a name a class refers to, which ArchUnit still records. Studies reach Spark only through
     * training.engine.Engines, which finds the engine by its service when the cluster jar is there.
     */
    @Test
    void nothingDependsOnTheCluster() {
        noClasses().that().resideOutsideOfPackage("io.spinloop.cluster..")
                .should().dependOnClassesThat().resideInAPackage("io.spinloop.cluster..")
                .orShould().dependOnClassesThat().resideInAPackage("org.apache.spark..")
                .check(classes);
    }

    /** Inside a module, packages do not go round in circles either, so each can be read on its own. */
    @Test
    void packagesInsideAModuleHaveNoCycles() {
        slices().matching("io.spinloop.(*).(*)..").should().beFreeOfCycles().check(classes);
    }
}
