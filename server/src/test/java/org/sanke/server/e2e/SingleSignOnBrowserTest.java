package org.sanke.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.School;
import org.sanke.classroom.audit.AuditQuery;
import org.sanke.loadtest.RequiredTool;
import org.sanke.server.AccessOptions;
import org.sanke.server.SankeOptions;
import org.sanke.server.SankeServer;
import org.sanke.signaling.oidc.OidcSettings;

/**
 * A teacher opens her lesson, is sent to log in, chooses the education platform's single sign-on, and comes back
 * teaching; someone the provider knows but Sanke does not is told so. Against a real OpenID Connect provider
 * (mock-oauth2-server) that the test starts.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SingleSignOnBrowserTest extends BrowserLessonTest {
    private static final Duration GUARD = Duration.ofSeconds(30);
    private MockOAuth2Server provider;

    @Override
    protected void afterServer() {
        if (provider != null) {
            provider.shutdown();
        }
    }

    /** A provider, and a server of the Hill School that offers single sign-on through it. */
    private void startWithProvider(String name) throws Exception {
        RequiredTool.requireChromium();
        provider = new MockOAuth2Server(new OAuth2Config());
        provider.start(0);
        int port = RestartableOptions.freePort();
        OidcSettings sso = OidcSettings.of(URI.create(provider.issuerUrl("school").toString()), "sanke",
                "sanke-secret", URI.create("http://127.0.0.1:" + port + "/api/session/oidc/callback"));
        SankeOptions loopback = TestLessons.onLoopback(name);
        server = SankeServer.start(new SankeOptions(loopback.bindAddress(), port, 0, List.of("127.0.0.1"), 1, false,
                loopback.databaseUrl(), "sa", "").withAccess(AccessOptions.defaults().withSingleSignOn(sso)));
        server.domain().schools().add(new School("hill", "Hill School"));
    }

    @Test
    void aTeacherLogsInThroughTheProviderAndTeachesAndAStrangerIsTurnedAway() throws Exception {
        startWithProvider("sso");
        BrowserLogin.person(server, "wang", "hill", PersonRole.LEAD_TEACHER, "wang");
        String lesson = server.domain().lessons().create("Maths", LessonMode.DEDICATED, 3, "wang").id();

        provider.enqueueCallback(new DefaultOAuth2TokenCallback("school", "subject-wang", "JWT", null,
                Map.of("preferred_username", "wang"), 3600));
        BrowserPage teacher = keep(BrowserPage.open("teacher", server.baseUrl() + "/teacher.html?lesson=" + lesson));
        teacher.await("the login page offering single sign-on", GUARD, p -> p.location().contains("/login.html")
                && Boolean.FALSE.equals(p.script("return document.getElementById('single-sign-on').hidden")));
        teacher.click("#sso-link");
        teacher.await("the teacher back on her lesson, live", GUARD,
                p -> p.location().contains("/teacher.html?lesson=" + lesson) && "live".equals(p.state()));
        teacher.await("her invitation for the classrooms", GUARD, p -> String.valueOf(p.text("#invite-link"))
                .contains("/classroom.html?lesson=" + lesson + "&grant="));

        provider.enqueueCallback(new DefaultOAuth2TokenCallback("school", "subject-zhao", "JWT", null,
                Map.of("preferred_username", "zhao"), 3600));
        BrowserPage stranger = keep(BrowserPage.open("stranger", server.baseUrl() + "/teacher.html?lesson="
                + lesson));
        stranger.await("the login page", GUARD, p -> p.location().contains("/login.html")
                && Boolean.FALSE.equals(p.script("return document.getElementById('single-sign-on').hidden")));
        stranger.click("#sso-link");
        stranger.await("the refusal", GUARD, p -> String.valueOf(p.text("body")).contains("not to Sanke"));
        assertThat(stranger.location()).contains("/api/session/oidc/callback");
        // S22: both are in the audit trail, with their outcome and the browser's address.
        assertThat(server.domain().access().records().audit().search(AuditQuery.ALL, 50, null))
                .extracting(e -> e.action() + " " + e.outcome().wireName() + " " + e.actorId() + " " + e.detail()
                        + " " + e.sourceAddress())
                .contains("login success wang single sign-on 127.0.0.1",
                        "login_failed failure null single sign-on: a person Sanke does not know 127.0.0.1");
    }

    @Test
    void staffComeInThroughTheProviderOnlyWithASecondFactorThere() throws Exception { // S3
        startWithProvider("sso-staff");
        server.domain().schools().add(new Person("head", "hill", "Head", PersonRole.SCHOOL_ADMIN));

        provider.enqueueCallback(new DefaultOAuth2TokenCallback("school", "subject-head", "JWT", null,
                Map.of("preferred_username", "head", "amr", List.of("pwd")), 3600));
        BrowserPage passwordOnly = keep(BrowserPage.open("password only", server.baseUrl() + "/admin.html"));
        passwordOnly.await("the login page", GUARD, p -> p.location().contains("/login.html")
                && Boolean.FALSE.equals(p.script("return document.getElementById('single-sign-on').hidden")));
        passwordOnly.click("#sso-link");
        passwordOnly.await("the refusal", GUARD, p -> String.valueOf(p.text("body")).contains("second factor"));

        provider.enqueueCallback(new DefaultOAuth2TokenCallback("school", "subject-head", "JWT", null,
                Map.of("preferred_username", "head", "amr", List.of("pwd", "otp")), 3600));
        BrowserPage twoFactors = keep(BrowserPage.open("two factors", server.baseUrl() + "/admin.html"));
        twoFactors.await("the login page", GUARD, p -> p.location().contains("/login.html")
                && Boolean.FALSE.equals(p.script("return document.getElementById('single-sign-on').hidden")));
        twoFactors.click("#sso-link");
        twoFactors.await("the administration page, with no second setup of a factor", GUARD,
                p -> p.location().contains("/admin.html") && String.valueOf(p.text("#schools")).contains("Hill"));
    }
}
