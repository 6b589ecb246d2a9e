package org.sanke.signaling;

import java.time.Duration;
import java.util.Set;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.Role;

/** Credentials for tests that are not about access: join grants and signed-in sessions minted by the domain. */
public final class TestAccess {
    private TestAccess() {
    }

    /**
     * An invitation to the lesson in the role, any role, for an hour; for a teacher or an observer of a lesson whose
     * publishers need real names (S4), the grant of a new person whose real name is verified.
     */
    public static String grant(Domain domain, String lessonId, String role) {
        return grant(domain, lessonId, role, role);
    }

    /** As {@link #grant(Domain, String, String)}; a person made for it is called {@code name}. */
    public static String grant(Domain domain, String lessonId, String role, String name) {
        Role asked = Role.fromWireName(role).orElseThrow();
        boolean realNames = domain.lessons().find(lessonId).map(l -> l.mode().publishersNeedRealNames())
                .orElse(false);
        if (realNames && (asked == Role.TEACHER || asked == Role.OBSERVER)) {
            return domain.access().grants().forPerson(verifiedPerson(domain, asked == Role.TEACHER
                    ? PersonRole.LEAD_TEACHER : PersonRole.OBSERVER_TEACHER, name), lessonId, asked)
                    .token();
        }
        return domain.access().grants().invitation(lessonId, asked, Duration.ofHours(1)).token();
    }

    /** A new person of no school whose real name the operator declared. */
    public static Person verifiedPerson(Domain domain, PersonRole role, String name) {
        Person person = new Person(RestSupport.newId("u"), null, name, role);
        domain.schools().add(person);
        try {
            domain.access().records().declareRealName(person.id());
        } catch (org.sanke.classroom.privacy.PersonRecords.Refused e) {
            throw new IllegalStateException(e);
        }
        return person;
    }

    /** The join message's {@code "grant":"..."} field for the lesson and role, with a leading comma. */
    public static String grantField(Domain domain, String lessonId, String role) {
        return grantField(domain, lessonId, role, role);
    }

    /** As {@link #grantField(Domain, String, String)}; a person made for it is called {@code name}. */
    public static String grantField(Domain domain, String lessonId, String role, String name) {
        return ",\"grant\":\"" + grant(domain, lessonId, role, name) + "\"";
    }

    /** A platform administrator, signed in with every step done: the Cookie header value. */
    public static String adminCookie(Domain domain) {
        Person admin = new Person(RestSupport.newId("u"), null, "Test administrator", PersonRole.PLATFORM_ADMIN);
        domain.schools().add(admin);
        return cookie(domain, admin);
    }

    /** A REST call as a browser or a script would make it, with a session cookie or none (null). */
    public static java.net.http.HttpResponse<String> call(SignalingServer server, String method, String path,
                                                          String body, String cookie, String... headers)
            throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + server.port() + path)).method(method, body == null
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** A signaling server on loopback with no media server behind it (tests of REST and of the protocol's text). */
    public static SignalingServer startWithoutMedia(org.sanke.classroom.LessonDirectory lessons) throws Exception {
        return SignalingServer.start(new SignalingConfig("127.0.0.1", 0, 64 * 1024, "web"), () -> {
            throw new IllegalStateException("no media in this test");
        }, lessons, new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT));
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    /** A Cookie header value signing {@code person} in, with no step left to do. */
    public static String cookie(Domain domain, Person person) {
        return AccessGate.COOKIE + "=" + domain.access().sessions().open(person, Set.of());
    }
}
