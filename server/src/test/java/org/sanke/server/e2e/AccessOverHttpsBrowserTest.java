package org.sanke.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.Role;
import org.sanke.classroom.School;
import org.sanke.classroom.access.JoinGrants;
import org.sanke.classroom.access.RevokedGrantStore;
import org.sanke.loadtest.RequiredTool;
import org.sanke.server.AccessOptions;
import org.sanke.server.SankeOptions;
import org.sanke.server.SankeServer;
import org.sanke.server.TransportOptions;

/**
 * Over HTTPS with the certificate Sanke made: a teacher logs in on her lesson's page and teaches, a classroom joins
 * with the link her page gives; when she withdraws it the classroom is put out and told why; a stranger's link, a
 * forged, an expired and a withdrawn link are refused, each with a clear message in the page's language.
 * S3 S5 S26.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class AccessOverHttpsBrowserTest extends BrowserLessonTest {
    private static final Duration GUARD = Duration.ofSeconds(60);

    @TempDir
    Path data;
    private X509Certificate certificate;

    /** A page in a browser that trusts exactly the server's certificate; the path as given (no grant added). */
    @Override
    protected BrowserPage open(String label, String path) throws Exception {
        return keep(BrowserPage.openTrusting(label, server.baseUrl() + path, certificate));
    }

    private static String status(BrowserPage page) {
        return String.valueOf(page.text("#status"));
    }

    @Test
    void aTeacherLogsInTeachesAndWithdrawsHerLinkAndBadLinksAreToldWhy() throws Exception {
        RequiredTool.requireChromium();
        byte[] key = JoinGrants.newKey();
        server = SankeServer.start(new SankeOptions("127.0.0.1", 0, 0, List.of("127.0.0.1"), 1, false,
                "jdbc:h2:mem:access-https" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "")
                .withTransport(new TransportOptions(TransportOptions.Tls.ON, null, null, data.resolve("tls"),
                        List.of()))
                .withAccess(new AccessOptions(null, Base64.getEncoder().encodeToString(key), null, null, null)));
        certificate = server.certificate().orElseThrow();
        server.domain().schools().add(new School("hill", "Hill School"));
        BrowserLogin.person(server, "wang", "hill", PersonRole.LEAD_TEACHER, "wang");
        String lesson = server.domain().lessons().create("Maths", LessonMode.DEDICATED, 3, "wang").id();

        // The teacher opens her lesson: she logs in over HTTPS and teaches; her page gives the classrooms' link.
        BrowserPage teacher = open("teacher", "/teacher.html?lang=en&lesson=" + lesson);
        assertThat(BrowserLogin.logIn(teacher, "wang")).isNull();
        teacher.await("the teacher live", GUARD, p -> "live".equals(p.state()));
        teacher.await("the link for the classrooms", GUARD, p -> status(p) != null
                && String.valueOf(p.text("#invite-link")).contains("&grant="));
        String link = teacher.text("#invite-link").replaceAll(".*?(/classroom\\.html\\S+)$", "$1");
        String grant = link.replaceAll(".*grant=", "");
        String teacherId = teacher.participantId();

        BrowserPage room = open("Village", link + "&name=Village&lang=en");
        room.await("the teacher's video in the classroom", GUARD, p -> p.framesDecodedFrom(teacherId) > 0);

        // She asks for a new link: the old one is withdrawn, the room is put out at once and told why.
        teacher.click("#withdraw");
        teacher.await("a new link", GUARD, p -> !String.valueOf(p.text("#invite-link")).contains(grant)
                && String.valueOf(p.text("#invite-link")).contains("&grant="));
        room.await("the room told its link was withdrawn", GUARD, p -> "grant-revoked".equals(p.state())
                && status(p).contains("This lesson link was withdrawn"));

        BrowserPage withdrawn = open("withdrawn link", link + "&name=Late&lang=en");
        withdrawn.await("a withdrawn link refused", GUARD, p -> status(p).contains("This lesson link was withdrawn"));
        String forgedGrant = new JoinGrants(List.of(JoinGrants.newKey()), RevokedGrantStore.inMemory(),
                Clock.systemUTC()).invitation(lesson, Role.CLASSROOM, Duration.ofHours(1)).token();
        BrowserPage forged = open("forged link", "/classroom.html?lang=en&name=X&lesson=" + lesson + "&grant="
                + forgedGrant);
        forged.await("a forged link refused", GUARD, p -> status(p).contains("This lesson link is not valid"));
        String expiredGrant = new JoinGrants(List.of(key), RevokedGrantStore.inMemory(),
                Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC))
                .invitation(lesson, Role.CLASSROOM, Duration.ofHours(1)).token();
        BrowserPage expired = open("expired link", "/classroom.html?lang=en&name=X&lesson=" + lesson + "&grant="
                + expiredGrant);
        expired.await("an expired link refused", GUARD, p -> status(p).contains("This lesson link has expired"));
        BrowserPage stranger = open("stranger", "/classroom.html?lang=en&name=X&lesson=" + lesson);
        stranger.await("a stranger sent to log in", GUARD, p -> p.location().contains("/login.html?next="));
        assertThat(teacher.state()).as("the lesson went on").isEqualTo("live");
    }
}
