package org.sanke.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.Role;
import org.sanke.server.SankeOptions;
import org.sanke.server.SankeServer;

/** What the end-to-end tests share: a server on loopback with an in-memory database, and lessons made over REST. */
public final class TestLessons {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestLessons() {
    }

    /** Any free ports, one media loop, no demo lesson, a private H2 database in memory. */
    static SankeOptions onLoopback(String name) {
        return new SankeOptions("127.0.0.1", 0, 0, List.of("127.0.0.1"), 1, false,
                "jdbc:h2:mem:" + name + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    /** The same, with the demo lesson and its links (what ./sanke run gives). */
    static SankeOptions onLoopbackWithDemo(String name) {
        SankeOptions loopback = onLoopback(name);
        return new SankeOptions(loopback.bindAddress(), 0, 0, loopback.announcedAddresses(), 1, true,
                loopback.databaseUrl(), "sa", "");
    }

    /** Creates a lesson through the REST API with this JSON body, as a platform administrator; returns its id. */
    static String create(SankeServer server, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/api/lessons")).header("Cookie", adminCookie(server))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(response.body());
        assertThat(id.find()).isTrue();
        return id.group(1);
    }

    /** A signed-in platform administrator with every step done, as a Cookie header value. */
    public static String adminCookie(SankeServer server) {
        Person admin = new Person("u" + Long.toHexString(System.nanoTime()), null, "Test administrator",
                PersonRole.PLATFORM_ADMIN);
        server.domain().schools().add(admin);
        return "sanke_session=" + server.domain().access().sessions().open(admin, java.util.Set.of());
    }

    /**
     * A lesson page's path with an invitation for the role the page joins as (teacher.html: teacher,
     * classroom.html: its role or classroom, observer.html: its role), as a link the teacher sent would carry.
     */
    static String withGrant(SankeServer server, String path) {
        Matcher lesson = Pattern.compile("[?&]lesson=([^&]+)").matcher(path);
        if (path.contains("grant=") || !lesson.find()) {
            return path;
        }
        Matcher roleParam = Pattern.compile("[?&]role=([^&]+)").matcher(path);
        String role = roleParam.find() ? roleParam.group(1) : path.startsWith("/teacher.html") ? "teacher"
                : path.startsWith("/observer.html") ? "observer" : "classroom";
        Matcher name = Pattern.compile("[?&]name=([^&]+)").matcher(path);
        return path + "&grant=" + grant(server, lesson.group(1), role, name.find()
                ? java.net.URLDecoder.decode(name.group(1), java.nio.charset.StandardCharsets.UTF_8) : role);
    }

    /**
     * An invitation to the lesson in the role; for a teacher or an observer of a lesson whose publishers need real
     * names (S4), the grant of a new person of that name whose real name is verified.
     */
    static String grant(SankeServer server, String lessonId, String role, String name) {
        Role asked = Role.fromWireName(role).orElseThrow();
        boolean realNames = server.domain().lessons().find(lessonId).map(l -> l.mode().publishersNeedRealNames())
                .orElse(false);
        if (!realNames || (asked != Role.TEACHER && asked != Role.OBSERVER)) {
            return grant(server, lessonId, role);
        }
        Person person = new Person("u" + Long.toHexString(System.nanoTime()), null, name,
                asked == Role.TEACHER ? PersonRole.LEAD_TEACHER : PersonRole.OBSERVER_TEACHER);
        server.domain().schools().add(person);
        try {
            server.domain().access().records().declareRealName(person.id());
        } catch (org.sanke.classroom.privacy.PersonRecords.Refused e) {
            throw new IllegalStateException(e);
        }
        return server.domain().access().grants().forPerson(person, lessonId, asked).token();
    }

    /** An invitation to the lesson in the role (any role), for an hour. */
    public static String grant(SankeServer server, String lessonId, String role) {
        return server.domain().access().grants().invitation(lessonId, Role.fromWireName(role).orElseThrow(),
                Duration.ofHours(1)).token();
    }
}
