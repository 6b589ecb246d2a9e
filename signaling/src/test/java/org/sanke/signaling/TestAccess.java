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

    /** An invitation to the lesson in the role, any role, for an hour. */
    public static String grant(Domain domain, String lessonId, String role) {
        return domain.access().grants().invitation(lessonId, Role.fromWireName(role).orElseThrow(),
                Duration.ofHours(1)).token();
    }

    /** The join message's {@code "grant":"..."} field for the lesson and role, with a leading comma. */
    public static String grantField(Domain domain, String lessonId, String role) {
        return ",\"grant\":\"" + grant(domain, lessonId, role) + "\"";
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

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    /** A Cookie header value signing {@code person} in, with no step left to do. */
    public static String cookie(Domain domain, Person person) {
        return AccessGate.COOKIE + "=" + domain.access().sessions().open(person, Set.of());
    }
}
