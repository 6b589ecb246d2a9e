package org.sanke.media;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The SFU knows nothing of lessons, signaling or the assembly, nor of Vert.x: it is driven through its own API
 * ({@code org.sanke.media.api}), so that it can be measured, replaced or run apart.
 */
@AnalyzeClasses(packages = "org.sanke.media", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule mediaServerStandsAlone = noClasses().that().resideInAPackage("org.sanke.media..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.sanke.signaling..", "org.sanke.classroom..", "org.sanke.server..", "io.vertx..")
            .because("the media server is driven through org.sanke.media.api, never the other way round");
}
