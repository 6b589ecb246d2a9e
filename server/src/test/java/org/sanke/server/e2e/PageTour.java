package org.sanke.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.School;
import org.sanke.server.SankeServer;
import org.sanke.signaling.Domain;

/**
 * Every page of a server, each as the person it is for (a session cookie, or none), on a server with a little of
 * everything: two schools, their classrooms, a teacher, a learner, a lesson on tomorrow's timetable, the demo lesson
 * and a master teacher's lesson. The page text, accessibility and screenshot tours all walk it.
 */
final class PageTour {
    private static final Duration GUARD = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Ids that look like the server's, so that a page showing one is caught (PageTextBrowserTest). */
    static final String TEACHER_ID = "u0123456789abcdef";
    static final String LEARNER_ID = "u00aa11bb22cc33";

    /**
     * One page as one person sees it: a short name (the screenshot's), the session cookie (null: none), the path
     * without its language and a CSS selector that is there once the page has loaded what it shows.
     */
    record Stop(String name, String cookie, String path, String settledWhen) {
        /** The path in a language: zh (the default) or en. */
        String in(String lang) {
            return path + (path.contains("?") ? "&" : "?") + "lang=" + lang;
        }
    }

    private final SankeServer server;
    final String adminCookie;
    final String teacherCookie;
    /** A platform-wide inspector's session, for the patrol wall. */
    final String inspectorCookie;
    /** A reviewer's session, for the replays' review queue. */
    final String reviewerCookie;
    /** The demo lesson's teacher and classroom pages (each link with its invitation), without the server's address. */
    final String teacherPath;
    final String classroomPath;
    /** The teacher's page of the master teacher's lesson, which the observer page is in. */
    final String masterTeacherPath;
    private final String observerPath;
    private final String terminalPath;

    private PageTour(SankeServer server) throws Exception {
        this.server = server;
        adminCookie = TestLessons.adminCookie(server);
        server.domain().schools().add(new School("s7", "Chengdu No. 7 Middle School"));
        server.domain().schools().add(new School("shx", "Hongxing Village School"));
        Person teacher = new Person(TEACHER_ID, "s7", "Wang Fang", PersonRole.LEAD_TEACHER);
        server.domain().schools().add(teacher);
        server.domain().schools().add(new Person(LEARNER_ID, "shx", "Xiao Ming", PersonRole.LEARNER));
        teacherCookie = "sanke_session=" + server.domain().access().sessions().open(teacher, Set.of());
        Person inspector = new Person("inspector-tour", null, "Zhao Min", PersonRole.INSPECTOR);
        server.domain().schools().add(inspector);
        inspectorCookie = "sanke_session=" + server.domain().access().sessions().open(inspector, Set.of());
        Person reviewer = new Person("reviewer-tour", null, "Sun Li", PersonRole.REVIEWER);
        server.domain().schools().add(reviewer);
        reviewerCookie = "sanke_session=" + server.domain().access().sessions().open(reviewer, Set.of());
        String studio = post("/api/classrooms", "{\"schoolId\":\"s7\",\"name\":\"Studio\"}", "id");
        String village = post("/api/classrooms", "{\"schoolId\":\"shx\",\"name\":\"Grade 3\"}", "id");
        String villageToken = post("/api/classrooms/" + village + "/device-token", "", "deviceToken");
        String tomorrow = LocalDate.now(Domain.DEFAULT_ZONE).plusDays(1) + "T10:00";
        post("/api/timetable", "{\"subject\":\"Chinese\",\"mode\":\"dedicated\",\"teacherId\":\"" + TEACHER_ID
                + "\",\"sendingClassroomId\":\"" + studio + "\",\"receivingClassroomIds\":[\"" + village
                + "\"],\"start\":\"" + tomorrow + "\",\"durationMinutes\":40}", "id");
        String research = post("/api/lessons",
                "{\"title\":\"Teaching research\",\"mode\":\"master_teacher\",\"maxClassrooms\":2}", "id");
        SankeServer.DemoLinks demo = server.demoLinks().orElseThrow(
                () -> new IllegalStateException("the tour needs a server with the demo lesson"));
        teacherPath = demo.teacher().replace(server.baseUrl(), "");
        classroomPath = demo.classroom().replace(server.baseUrl(), "");
        observerPath = TestLessons.withGrant(server, "/observer.html?lesson=" + research
                + "&role=observer&name=Li%20Hua");
        masterTeacherPath = TestLessons.withGrant(server, "/teacher.html?lesson=" + research + "&name=Zhang%20Wei");
        terminalPath = "/terminal.html?classroom=" + village + "&token=" + villageToken;
        // Something for safety staff's page: a report from the demo lesson, and a measure against the learner.
        server.domain().reports().file(SankeServer.DEMO_LESSON_ID, "Demo lesson",
                org.sanke.classroom.report.Report.Kind.MESSAGE, "Grade 3", null, "p0", "Wang Fang", TEACHER_ID, null,
                "rude words", "a rude message", null);
        server.domain().sanctions().impose("tour", org.sanke.classroom.sanction.Sanction.Subject.PERSON, LEARNER_ID,
                org.sanke.classroom.sanction.Sanction.Measure.WARN, "rude words in the chat", null);
    }

    /** Fills {@code server} (started with its demo lesson) with the tour's people, rooms and lessons. */
    static PageTour of(SankeServer server) throws Exception {
        return new PageTour(server);
    }

    /**
     * The pages, in an order in which each has something to show: the lesson pages come before the report of the
     * lesson they joined.
     */
    List<Stop> stops() {
        return List.of(
                new Stop("login", null, "/login.html", "#login-form:not([hidden])"),
                new Stop("setup", null, "/setup.html", "#setup-form"),
                new Stop("start", adminCookie, "/index.html", "#create"),
                new Stop("admin", adminCookie, "/admin.html", "#timetable tr"),
                new Stop("records", adminCookie, "/records.html", ".record h3"),
                new Stop("safety", adminCookie, "/safety.html", "#sanctions tr"),
                new Stop("patrol", inspectorCookie, "/patrol.html", "#no-lessons:not([hidden]), #wall li"),
                new Stop("replays", reviewerCookie, "/replays.html", "#no-pending:not([hidden]), #pending li"),
                new Stop("lessons", teacherCookie, "/lessons.html", "#timetabled tr"),
                new Stop("teacher", null, teacherPath, "#status"),
                new Stop("classroom", null, classroomPath, "#status"),
                new Stop("observer", null, observerPath, "#status"),
                new Stop("terminal", null, terminalPath, "#next"),
                new Stop("report", adminCookie, "/report.html?lesson=" + SankeServer.DEMO_LESSON_ID, "#rows tr"));
    }

    /**
     * Opens a page in a language as its person, and returns once it has settled: loaded, the selector there, and
     * what its scripts fill in unchanged for a second.
     */
    void visit(BrowserPage page, Stop stop, String lang) throws InterruptedException {
        visit(page, stop.cookie(), stop.in(lang), stop.settledWhen());
    }

    void visit(BrowserPage page, String cookie, String path, String settledWhen) throws InterruptedException {
        page.go(server.baseUrl() + "/health");
        page.useCookie(cookie);
        page.go(server.baseUrl() + path);
        page.await(path + " settled", GUARD, p -> Boolean.TRUE.equals(p.script(
                "return document.readyState === 'complete' && document.querySelector(arguments[0]) !== null",
                settledWhen)));
        // Its text unchanged over five looks (a second) is settled.
        String[] last = {null};
        int[] unchanged = {0};
        page.await(path + "'s text to stop changing", GUARD, p -> {
            String now = (String) p.script("return document.body.innerText");
            unchanged[0] = now.equals(last[0]) ? unchanged[0] + 1 : 0;
            last[0] = now;
            return unchanged[0] >= 5;
        });
    }

    /** A REST call as the administrator; returns one field of the reply. */
    private String post(String path, String body, String field) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Cookie", adminCookie).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(201);
        Matcher value = Pattern.compile("\"" + field + "\":\"([^\"]+)\"").matcher(response.body());
        assertThat(value.find()).as(field + " in " + response.body()).isTrue();
        return value.group(1);
    }
}
