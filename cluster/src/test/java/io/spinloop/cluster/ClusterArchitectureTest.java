package io.spinloop.cluster;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** docs/architecture.md: the cluster module sees training and the modules below it, never the command line. */
class ClusterArchitectureTest {
    @Test
    void theClusterSeesTrainingAndBelowButNotTheApp() {
        JavaClasses cluster = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.spinloop.cluster");
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.spinloop.app..", "picocli..")
                .check(cluster);
    }
}
