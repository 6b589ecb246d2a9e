package org.sanke.signaling.oidc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The test provider brings Kotlin and OkHttp onto the test classpath; the login client itself stays plain Java. */
@AnalyzeClasses(packages = "org.sanke.signaling.oidc", importOptions = ImportOption.DoNotIncludeTests.class)
class OidcArchitectureTest {
    @ArchTest
    static final ArchRule noTestProviderInMainCode = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("kotlin..", "okhttp3..", "okio..", "no.nav..")
            .because("mock-oauth2-server and what it brings are test dependencies only");
}
