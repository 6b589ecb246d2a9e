package org.sanke.recording;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The recorder is fed by the SFU through {@link TrackTap} and knows nothing of lessons, signaling or the assembly;
 * of the media server it may later use the API, never the engine's internals.
 */
@AnalyzeClasses(packages = "org.sanke.recording", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule recorderStandsApart = noClasses().that().resideInAPackage("org.sanke.recording..")
            .should().dependOnClassesThat().resideInAnyPackage("org.sanke.signaling..", "org.sanke.classroom..",
                    "org.sanke.server..", "org.sanke.media.sfu..", "io.vertx..", "io.netty..")
            .because("the SFU hands packets to the recorder, signaling decides what is recorded");
}
