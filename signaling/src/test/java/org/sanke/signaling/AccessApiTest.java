package org.sanke.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.LessonDirectory;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.School;
import org.sanke.classroom.access.TotpSecret;
import org.sanke.classroom.audit.AuditQuery;
import org.sanke.classroom.access.TotpVerifier;
import org.sanke.media.MediaServer;
import org.sanke.media.MediaServerConfig;
import org.sanke.signaling.testing.NoBlockingOnEventLoops;

/**
 * Logging in and out, the first run, second factors and grants, through the server as a browser or a script of
 * an attacker's would use it. S1 S2 S3 S5 S26 S32.
 */
@NoBlockingOnEventLoops
class AccessApiTest {
    private static final String PASSWORD = "Spring-Rain-2026";
    private static MediaServer media;
    private static SignalingServer server;
    private static Domain domain;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        media = MediaServer.start(new MediaServerConfig("127.0.0.1", 0, List.of("127.0.0.1"), 1,
                Duration.ofSeconds(30)), registry);
        server = SignalingServer.start(new SignalingConfig("127.0.0.1", 0, 64 * 1024, "web"), media::createRouter,
                new LessonDirectory(), registry);
        domain = server.domain();
        domain.schools().add(new School("hill", "Hill School"));
    }

    @AfterAll
    static void stop() {
        server.close();
        media.close();
    }

    /** Each test's calls come from an address of its own (a proxy on this machine says which), over HTTPS. */
    static HttpResponse<String> call(String method, String path, String body, String cookie, String... headers)
            throws Exception {
        if (headers.length > 0) {
            return TestAccess.call(server, method, path, body, cookie, headers);
        }
        return TestAccess.call(server, method, path, body, cookie, "X-Forwarded-For", address,
                "X-Forwarded-Proto", "https");
    }

    private static int tests;
    private static String address = "10.9.0.0";

    @org.junit.jupiter.api.BeforeEach
    void anAddressOfItsOwn() {
        address = "10.9.0." + (++tests);
    }

    /** The session cookie a response set, as a Cookie header value. */
    static String cookieOf(HttpResponse<String> response) {
        String set = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(AccessGate.COOKIE + "=")).findFirst().orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }

    private static Person teacherWithLogin(String id, String login) {
        Person teacher = new Person(id, "hill", "Teacher " + id, PersonRole.LEAD_TEACHER);
        domain.schools().add(teacher);
        domain.access().accounts().create(teacher, login, PASSWORD, false);
        return teacher;
    }

    private static String login(String login) throws Exception {
        HttpResponse<String> in = call("POST", "/api/session", "{\"login\":\"" + login + "\",\"password\":\""
                + PASSWORD + "\"}", null);
        assertThat(in.statusCode()).as(in.body()).isEqualTo(200);
        return cookieOf(in);
    }

    @Test
    void aPersonLogsInWithAnHttpOnlyStrictCookieAndAWrongPasswordSaysNothingMore() throws Exception {
        teacherWithLogin("t-cookie", "wang.cookie");
        HttpResponse<String> in = call("POST", "/api/session", "{\"login\":\"wang.cookie\",\"password\":\""
                + PASSWORD + "\"}", null);
        assertThat(in.statusCode()).isEqualTo(200);
        assertThat(in.body()).contains("\"id\":\"t-cookie\"", "\"role\":\"lead_teacher\"", "\"pending\":[]")
                .doesNotContain(PASSWORD);
        String set = in.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(set).containsIgnoringCase("HttpOnly").contains("SameSite=Strict", "Path=/", "Secure");
        assertThat(call("GET", "/api/session", null, cookieOf(in)).body()).contains("\"id\":\"t-cookie\"");

        HttpResponse<String> wrong = call("POST", "/api/session", "{\"login\":\"wang.cookie\",\"password\":\"x\"}",
                null);
        HttpResponse<String> unknown = call("POST", "/api/session", "{\"login\":\"nobody\",\"password\":\"x\"}",
                null);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(unknown.body())
                .contains("\"error\":\"wrong_credentials\"", "the login name or the password is wrong");
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
    }

    /** S22: each login, failed login and logout is in the audit trail with its outcome and source address. */
    @Test
    void loginsFailuresAndLogoutsAreAuditedWithTheirSourceAddress() throws Exception {
        teacherWithLogin("t-audit", "wang.audit");
        call("POST", "/api/session", "{\"login\":\"wang.audit\",\"password\":\"guess\"}", null);
        call("POST", "/api/session", "{\"login\":\"who.knows@example.org\",\"password\":\"guess\"}", null);
        String cookie = login("wang.audit");
        assertThat(call("DELETE", "/api/session", null, cookie).statusCode()).isEqualTo(200);
        List<String> trail = domain.access().records().audit().search(new AuditQuery(null, null, null, null, null),
                        500, null).stream().filter(e -> address.equals(e.sourceAddress()))
                .map(e -> e.action() + " " + e.outcome().wireName() + " " + e.actorId() + " " + e.detail()).toList();
        assertThat(trail).containsExactly("logout success t-audit null", "login success t-audit password",
                "login_failed failure null unknown login name", "login_failed failure t-audit failures=1");
        assertThat(trail.toString()).as("never the login name tried (S36)").doesNotContain("who.knows");
    }

    @Test
    void fiveFailuresLockTheAccountEvenForTheRightPassword() throws Exception {
        teacherWithLogin("t-lock", "wang.lock");
        for (int i = 0; i < 4; i++) {
            assertThat(call("POST", "/api/session", "{\"login\":\"wang.lock\",\"password\":\"guess\"}", null)
                    .statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = call("POST", "/api/session", "{\"login\":\"wang.lock\",\"password\":\"guess\"}",
                null);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.body()).contains("\"error\":\"account_locked\"", "locked until");
        assertThat(call("POST", "/api/session", "{\"login\":\"wang.lock\",\"password\":\"" + PASSWORD + "\"}", null)
                .body()).contains("account_locked");
    }

    @Test
    void oneMachineGetsTenGuessesAMinuteWhateverTheAccounts() throws Exception {
        for (int i = 0; i < LoginThrottle.PER_MINUTE; i++) {
            assertThat(call("POST", "/api/session", "{\"login\":\"guess" + i + "\",\"password\":\"x\"}", null)
                    .statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = call("POST", "/api/session", "{\"login\":\"guess\",\"password\":\"x\"}",
                null);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.body()).contains("\"error\":\"too_many_attempts\"");
        assertThat(call("POST", "/api/session", "{\"login\":\"guess\",\"password\":\"x\"}", null,
                "X-Forwarded-For", "10.9.9.9", "X-Forwarded-Proto", "https").statusCode())
                .as("another machine behind the same proxy").isEqualTo(401);
    }

    @Test
    void aPasswordIsRefusedOverPlainHttpFromAnotherMachine() throws Exception {
        teacherWithLogin("t-plain", "wang.plain");
        HttpResponse<String> proxied = call("POST", "/api/session", "{\"login\":\"wang.plain\",\"password\":\""
                + PASSWORD + "\"}", null, "X-Forwarded-For", "10.0.0.7");
        assertThat(proxied.statusCode()).isEqualTo(403);
        assertThat(proxied.body()).contains("\"error\":\"https_required\"", "https://");
    }

    @Test
    void withoutASessionOnlyLoginAndSetupAnswerAndAForgedCookieIsNobody() throws Exception {
        for (String path : List.of("/api/schools", "/api/lessons", "/api/people", "/api/timetable")) {
            HttpResponse<String> refused = call("GET", path, null, null);
            assertThat(refused.statusCode()).as(path).isEqualTo(401);
            assertThat(refused.body()).as(path).contains("\"error\":\"login_required\"");
            assertThat(call("GET", path, null, AccessGate.COOKIE + "=forged").statusCode()).as(path)
                    .isEqualTo(401);
        }
        assertThat(call("POST", "/api/schools", "{\"name\":\"Planted\"}", null).statusCode()).isEqualTo(401);
        assertThat(domain.schools().schools()).extracting(School::name).doesNotContain("Planted");
        assertThat(call("GET", "/api/setup", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void theFirstAdministratorIsMadeWithTheConsolesCodeAndMustSetUpASecondFactorFirst() throws Exception {
        assertThat(call("GET", "/api/setup", null, null).body()).startsWith("{\"needed\":true,");
        String code = domain.access().setup().pendingCode().orElseThrow();
        String body = "{\"code\":\"%s\",\"name\":\"Operator\",\"login\":\"operator\",\"password\":\"" + PASSWORD
                + "\"}";
        HttpResponse<String> wrong = call("POST", "/api/setup", body.formatted("guessed"), null);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("\"field\":\"code\"", "the setup code is wrong");
        HttpResponse<String> made = call("POST", "/api/setup", body.formatted(code), null);
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        assertThat(made.body()).contains("\"role\":\"platform_admin\"", "\"pending\":[\"set_up_second_factor\"]");
        String admin = cookieOf(made);
        assertThat(call("POST", "/api/setup", body.formatted(code), null).statusCode()).as("once").isEqualTo(400);
        assertThat(call("GET", "/api/setup", null, null).body()).startsWith("{\"needed\":false,");

        HttpResponse<String> blocked = call("GET", "/api/schools", null, admin);
        assertThat(blocked.statusCode()).isEqualTo(403);
        assertThat(blocked.body()).contains("\"error\":\"pending_step\"", "set up your authenticator app");

        String setup = call("POST", "/api/session/second-factor", "{}", admin).body();
        assertThat(setup).as("a QR code for the app to scan").contains("\"qrCode\":\"data:image/svg+xml;base64,");
        String secret = setup.replaceAll(".*\"secret\":\"([A-Z2-7]+)\".*", "$1");
        TotpVerifier app = new TotpVerifier();
        HttpResponse<String> confirmed = call("POST", "/api/session/second-factor/confirm", "{\"code\":\""
                + app.currentCode(TotpSecret.fromBase32(secret)) + "\"}", admin);
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.body()).contains("\"pending\":[]", "\"recoveryCodes\":[");
        assertThat(call("GET", "/api/schools", null, admin).statusCode()).isEqualTo(200);

        HttpResponse<String> again = call("POST", "/api/session", "{\"login\":\"operator\",\"password\":\""
                + PASSWORD + "\"}", null);
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(again.body()).contains("\"error\":\"second_factor_required\"");
        assertThat(call("POST", "/api/session", "{\"login\":\"operator\",\"password\":\"" + PASSWORD
                + "\",\"code\":\"000000\"}", null).body()).contains("wrong_second_factor");
    }

    @Test
    void aTeachersGrantOpensHerLessonAndLogoutClosesHerConnectionAndVoidsIt() throws Exception {
        Person teacher = teacherWithLogin("t-grant", "wang.grant");
        String cookie = login("wang.grant");
        String lesson = created(call("POST", "/api/lessons", "{\"title\":\"Maths\"}", cookie));
        HttpResponse<String> issued = call("POST", "/api/lessons/" + lesson + "/grants", "{\"role\":\"teacher\"}",
                cookie);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        String grant = field(issued.body(), "grant");

        WsClient ws = WsClient.open("ws://127.0.0.1:" + server.port() + "/ws");
        ws.send(join(lesson, "teacher", "Anyone", grant));
        assertThat(ws.next()).contains("\"type\":\"joined\"");
        WsClient room = WsClient.open("ws://127.0.0.1:" + server.port() + "/ws");
        room.send(join(lesson, "classroom", "Village", TestAccess.grant(domain, lesson, "classroom")));
        assertThat(room.next()).as("a person's name comes from the grant, not the page")
                .contains("\"type\":\"joined\"", "Teacher t-grant").doesNotContain("Anyone");

        assertThat(call("DELETE", "/api/session", null, cookie).body()).contains("\"signedOut\":true");
        assertThat(ws.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(4005);
        assertThat(call("GET", "/api/session", null, cookie).statusCode()).isEqualTo(401);
        WsClient back = WsClient.open("ws://127.0.0.1:" + server.port() + "/ws");
        back.send(join(lesson, "teacher", "Anyone", grant));
        assertThat(back.next()).contains("\"code\":\"grant_revoked\"");
        assertThat(teacher.role()).isEqualTo(PersonRole.LEAD_TEACHER);
    }

    @Test
    void joinsWithoutAGrantOrWithAForgedExpiredOrForeignOneAreRefusedPrecisely() throws Exception {
        String lesson = domain.lessons().create("Art", LessonMode.DEDICATED, 3).id();
        String other = domain.lessons().create("Music", LessonMode.DEDICATED, 3).id();
        WsClient ws = WsClient.open("ws://127.0.0.1:" + server.port() + "/ws");
        ws.send("{\"type\":\"join\",\"requestId\":1,\"lessonId\":\"" + lesson + "\",\"role\":\"inspector\","
                + "\"name\":\"Stranger\"}");
        assertThat(ws.next()).contains("\"code\":\"grant_required\"", "log in, or open the link");
        ws.send(join(lesson, "teacher", "Stranger", "eyJhbGciOiJub25lIn0.eyJsZXNzb24iOiJ4In0."));
        assertThat(ws.next()).contains("\"code\":\"grant_forged\"");
        ws.send(join(lesson, "teacher", "Stranger", TestAccess.grant(domain, other, "teacher")));
        assertThat(ws.next()).contains("\"code\":\"grant_not_for_this\"");
        ws.send(join(lesson, "inspector", "Stranger", TestAccess.grant(domain, lesson, "classroom")));
        assertThat(ws.next()).as("a classroom's link does not make an inspector")
                .contains("\"code\":\"grant_not_for_this\"");
        ws.send("{\"type\":\"ping\",\"requestId\":9}");
        assertThat(ws.next()).as("the connection serves on").contains("pong");
    }

    @Test
    void aWithdrawnInvitationPutsOutTheRoomsThatCameWithItAndLetsNoMoreIn() throws Exception {
        teacherWithLogin("t-invite", "wang.invite");
        String cookie = login("wang.invite");
        String lesson = created(call("POST", "/api/lessons", "{\"title\":\"Science\"}", cookie));
        HttpResponse<String> invitation = call("POST", "/api/lessons/" + lesson + "/grants",
                "{\"role\":\"classroom\",\"validHours\":2}", cookie);
        assertThat(invitation.body()).contains("\"invitation\":true");
        String grant = field(invitation.body(), "grant");
        WsClient room = WsClient.open("ws://127.0.0.1:" + server.port() + "/ws");
        room.send(join(lesson, "classroom", "Village 1", grant));
        assertThat(room.next()).contains("\"type\":\"joined\"");

        assertThat(call("POST", "/api/lessons/" + lesson + "/grants", "{\"role\":\"teacher\",\"invitation\":true}",
                cookie).body()).contains("\"field\":\"invitation\"", "joins in person");
        assertThat(call("POST", "/api/lessons/" + lesson + "/grants/revoke", "{\"grant\":\"" + grant + "\"}",
                cookie).statusCode()).isEqualTo(200);
        assertThat(room.closeCode.get(10, TimeUnit.SECONDS)).isEqualTo(4006);
        WsClient late = WsClient.open("ws://127.0.0.1:" + server.port() + "/ws");
        late.send(join(lesson, "classroom", "Village 2", grant));
        assertThat(late.next()).contains("\"code\":\"grant_revoked\"", "withdrawn");
    }

    private static String join(String lesson, String role, String name, String grant) {
        return "{\"type\":\"join\",\"requestId\":1,\"lessonId\":\"" + lesson + "\",\"role\":\"" + role
                + "\",\"name\":\"" + name + "\",\"grant\":\"" + grant + "\"}";
    }

    static String created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return field(response.body(), "id");
    }

    static String field(String json, String name) {
        return json.replaceAll(".*?\"" + name + "\":\"([^\"]+)\".*", "$1");
    }
}
