package org.sanke.signaling;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Signaling is assembled by the server module and never reaches back into it. */
@AnalyzeClasses(packages = "org.sanke.signaling", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule signalingDoesNotKnowTheAssembly = noClasses().that().resideInAPackage("org.sanke.signaling..")
            .should().dependOnClassesThat().resideInAPackage("org.sanke.server..")
            .because("the server module assembles signaling, configuration flows in through its constructors");
}
