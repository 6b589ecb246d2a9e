package org.sanke.classroom;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The domain is plain Java: no network framework, no media, no signaling; signaling translates between them. */
@AnalyzeClasses(packages = "org.sanke.classroom", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule domainKnowsNoTransportNorMedia = noClasses().that().resideInAPackage("org.sanke.classroom..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.netty..", "io.vertx..", "org.sanke.media..", "org.sanke.signaling..")
            .because("the domain decides, signaling translates its decisions to the media server and the wire");
}
