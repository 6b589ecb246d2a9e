package org.sanke.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the tool asks of the server over plain HTTP: its health and /metrics text (public), and, logged in as a
 * lead teacher ({@link Credentials}), lessons and the grants to join them through the REST API. The session cookie
 * is kept here and sent with every API request; when the server has let the session go (30 minutes unused, 12 hours
 * at most) the tool logs in again once and repeats the request.
 */
public final class ServerHttp {
    /** The session cookie the server sets at login. */
    static final String SESSION_COOKIE = "sanke_session";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration API_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI server;
    private final Credentials credentials;
    private volatile String session;

    /** For the public reads only: health and /metrics. */
    public ServerHttp(HttpClient http, URI server) {
        this(http, server, null);
    }

    /** @param credentials the lead teacher to log in as for the API; null for the public reads only */
    public ServerHttp(HttpClient http, URI server, Credentials credentials) {
        this.http = http;
        this.server = server;
        this.credentials = credentials;
    }

    public HttpClient client() {
        return http;
    }

    public URI server() {
        return server;
    }

    /**
     * A lesson the tool created, with the invitations its creation answered: the classrooms' link, and for a
     * master-teacher or famous-school lesson the audience's (observers, or learners). A teacher's own grant is
     * not here: it lasts minutes, and {@link #teacherGrant} fetches one before every teacher join.
     *
     * @param id                  the lesson's id
     * @param classroomInvitation the grant of {@code links.classroom}, for any number of classrooms
     * @param audienceRole        observer or learner, the role of {@code links.observer}; null when there is none
     * @param audienceInvitation  the grant of {@code links.observer}; null when there is none
     */
    public record Lesson(String id, String classroomInvitation, String audienceRole, String audienceInvitation) {
        /** The invitation a classroom, an observer or a learner joins with. */
        public String invitation(String role) {
            if (role.equals("classroom") && classroomInvitation != null) {
                return classroomInvitation;
            }
            if (role.equals(audienceRole) && audienceInvitation != null) {
                return audienceInvitation;
            }
            throw new IllegalArgumentException("lesson " + id + " has no invitation for the role " + role);
        }

        @Override
        public String toString() {
            return "Lesson[" + id + "]"; // never the grants
        }
    }

    /** Fails with a clear message unless the server answers its health check. */
    public void requireReachable() throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(server.resolve("/health")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw unreachable();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the server at " + server + " is not healthy: " + response.statusCode()
                    + " " + response.body());
        }
    }

    private IllegalStateException unreachable() {
        return new IllegalStateException("cannot reach the server at " + server
                + " (connection refused): is it running?");
    }

    /**
     * Logs in ({@code POST /api/session}) and keeps the session cookie; a clear message when the server refuses.
     * The other API calls log in by themselves when needed: calling this first only makes a refusal come early.
     */
    public void logIn() throws IOException, InterruptedException {
        logInUnless(null);
    }

    /** Logs in unless another thread already replaced the session {@code refused} (null: log in anyway). */
    private synchronized void logInUnless(String refused) throws IOException, InterruptedException {
        if (refused != null && !refused.equals(session)) {
            return;
        }
        if (credentials == null) {
            throw new IllegalStateException(Credentials.MISSING);
        }
        ObjectNode body = JSON.createObjectNode().put("login", credentials.login())
                .put("password", credentials.password());
        HttpResponse<String> response = send("/api/session", body, null);
        JsonNode answer = json(response);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(loginRefused(response.statusCode(), answer));
        }
        String cookie = sessionCookie(response);
        if (cookie == null) {
            throw new IllegalStateException("the server at " + server + " accepted the login '" + credentials.login()
                    + "' but set no " + SESSION_COOKIE + " cookie");
        }
        List<String> pending = new ArrayList<>();
        answer.path("pending").forEach(p -> pending.add(p.asText()));
        if (!pending.isEmpty()) {
            throw new IllegalStateException("login refused: the account '" + credentials.login() + "' must first "
                    + String.join(" and ", pending) + " in a browser; the tool needs an account without steps to do,"
                    + " such as the server's --seed-teacher");
        }
        session = cookie;
    }

    private String loginRefused(int status, JsonNode answer) {
        String code = answer.path("error").asText("");
        String said = code.isEmpty() ? "HTTP " + status : code + ": " + answer.path("message").asText();
        return switch (code) {
            case "wrong_credentials" -> "login refused: the server at " + server + " does not know the login '"
                    + credentials.login() + "' with this password (" + said + "); give the tool the server's"
                    + " --seed-teacher NAME as --login and its SANKE_SEED_PASSWORD as SANKE_PASSWORD (a seed teacher"
                    + " keeps the password of the first start that made her)";
            case "account_locked" -> "login refused: the account '" + credentials.login() + "' is locked after"
                    + " failed logins (" + said + ")";
            case "second_factor_required", "wrong_second_factor" -> "login refused: the account '"
                    + credentials.login() + "' has a second factor, which the tool cannot give (" + said + "); use"
                    + " the server's --seed-teacher account";
            case "https_required" -> "login refused: the server at " + server + " takes passwords only over HTTPS"
                    + " or from this machine (" + said + "); give --server https://…";
            default -> status == 404 ? "the server at " + server + " has no login (POST /api/session answered 404):"
                    + " is it a Sanke server of this version?"
                    : "login refused: the server at " + server + " answered " + said;
        };
    }

    /** Creates a lesson ({@code POST /api/lessons}); a clear message when that cannot be done. */
    public Lesson createLesson(String title, String mode, int maxClassrooms) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("title", title).put("mode", mode);
        if (maxClassrooms > 0) {
            body.put("maxClassrooms", maxClassrooms);
        }
        JsonNode created = call("/api/lessons", body, 201, "create the lesson");
        String id = created.path("id").asText("");
        if (id.isEmpty()) {
            throw new IllegalStateException("the server created a lesson without an id: " + created);
        }
        JsonNode links = created.path("links");
        String classroom = query(links.path("classroom").asText(""), "grant");
        if (classroom == null) {
            throw new IllegalStateException("the server created lesson " + id + " without a classroom invitation"
                    + " in links.classroom: " + links);
        }
        String audience = links.path("observer").asText("");
        return new Lesson(id, classroom, query(audience, "role"), query(audience, "grant"));
    }

    /** A fresh teacher's grant for a lesson of hers ({@code POST /api/lessons/ID/grants}); it lasts 5 minutes. */
    public String teacherGrant(String lessonId) throws IOException, InterruptedException {
        return grant(lessonId, JSON.createObjectNode().put("role", "teacher"), "get the teacher's grant");
    }

    /** A new invitation to a lesson for classrooms, observers or learners; it lasts 12 hours. */
    public String invitation(String lessonId, String role) throws IOException, InterruptedException {
        return grant(lessonId, JSON.createObjectNode().put("role", role).put("invitation", true),
                "invite " + role + "s");
    }

    /** What {@code role} joins {@code lesson} with: a fresh grant for the teacher, else the lesson's invitation. */
    public String grantFor(Lesson lesson, String role) throws IOException, InterruptedException {
        return role.equals("teacher") ? teacherGrant(lesson.id()) : lesson.invitation(role);
    }

    private String grant(String lessonId, ObjectNode body, String what) throws IOException, InterruptedException {
        JsonNode issued = call("/api/lessons/" + URLEncoder.encode(lessonId, StandardCharsets.UTF_8) + "/grants",
                body, 201, what + " for lesson " + lessonId);
        String grant = issued.path("grant").asText("");
        if (grant.isEmpty()) {
            throw new IllegalStateException("the server answered without a grant: " + issued);
        }
        return grant;
    }

    /** An API request with the session; logs in first, or again once when the server has let the session go. */
    private JsonNode call(String path, ObjectNode body, int expected, String what)
            throws IOException, InterruptedException {
        String used = session;
        if (used == null) {
            logInUnless(null);
            used = session;
        }
        HttpResponse<String> response = send(path, body, used);
        JsonNode answer = json(response);
        if (response.statusCode() == 401 && "login_required".equals(answer.path("error").asText())) {
            logInUnless(used);
            response = send(path, body, session);
            answer = json(response);
        }
        if (response.statusCode() != expected) {
            throw new IllegalStateException("the server refused to " + what + ": " + response.statusCode() + " "
                    + response.body());
        }
        return answer;
    }

    private HttpResponse<String> send(String path, ObjectNode body, String cookie)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).timeout(API_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (cookie != null) {
            request.header("Cookie", SESSION_COOKIE + "=" + cookie);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw unreachable();
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            JsonNode node = JSON.readTree(response.body());
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String sessionCookie(HttpResponse<String> response) {
        for (String header : response.headers().allValues("Set-Cookie")) {
            for (HttpCookie cookie : HttpCookie.parse(header)) {
                if (cookie.getName().equals(SESSION_COOKIE) && !cookie.getValue().isEmpty()) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    /** One parameter of a link's query ({@code /classroom.html?lesson=…&grant=…}); null when it has none. */
    static String query(String link, String name) {
        int start = link.indexOf('?');
        if (start < 0) {
            return null;
        }
        for (String pair : link.substring(start + 1).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The server's /metrics text; empty when there is none (Janus) or it did not answer within 2 s. */
    public String metricsText() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.resolve("/metrics"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "";
        } catch (IOException | RuntimeException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
