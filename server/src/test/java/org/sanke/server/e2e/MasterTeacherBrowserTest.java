package org.sanke.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sanke.loadtest.RequiredTool;
import org.sanke.server.SankeOptions;
import org.sanke.server.SankeServer;

/**
 * A master teacher's teaching-research session, end to end in Chromium: observer teachers on their own page watch
 * the master teacher; one raises a hand, the teacher brings them on stage and everyone decodes them; the teacher
 * shares a screen that the others decode full screen, then stops it; off stage the observer stops sending. Then the
 * server restarts and the pages that were opened by hand (an observer, a teaching-research classroom) come back.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class MasterTeacherBrowserTest {
    private static final Duration GUARD = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;
    private SankeServer server;
    private final List<BrowserPage> pages = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void tearDown() {
        pages.forEach(BrowserPage::close);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anObserverIsBroughtOnStageTheTeacherSharesAScreenAndPagesComeBackAfterARestart() throws Exception {
        RequiredTool.requireChromium();
        // Fixed ports and a file database, so that the server can restart in the middle of the lesson.
        SankeOptions options = RestartableOptions.in(dataDir);
        server = SankeServer.start(options);
        String lessonId = createLesson();

        BrowserPage teacher = open("master teacher", "/teacher.html?lang=en&lesson=" + lessonId + "&name=Zhang");
        teacher.await("the teacher to be live", GUARD, p -> "live".equals(p.state()));
        String teacherId = teacher.participantId();
        BrowserPage speaker = open("observer Li", "/observer.html?lang=en&role=observer&lesson=" + lessonId
                + "&name=Li");
        BrowserPage listener = open("observer Zhao", "/classroom.html?lang=en&role=observer&lesson=" + lessonId
                + "&name=Zhao");
        BrowserPage room = open("research room", "/classroom.html?lang=en&lesson=" + lessonId + "&name=Room%201");
        try {
            for (BrowserPage page : List.of(speaker, listener, room)) {
                page.await("the teacher's video", GUARD, p -> p.framesDecodedFrom(teacherId) > 0);
            }
            assertThat(listener.script("return location.pathname")).as("the audience has its own page")
                    .isEqualTo("/observer.html");
            String speakerId = speaker.participantId();

            // Li raises a hand on the page; the teacher brings Li on stage from the hand queue.
            speaker.click("#hand");
            teacher.await("Li's hand, by name", GUARD, p -> String.valueOf(p.text("#hands")).contains("Li"));
            teacher.click("#hands button");
            speaker.await("its camera sent", GUARD, p -> p.outboundFrames() > 0);
            for (BrowserPage page : List.of(teacher, listener, room)) {
                page.await("Li's video, on stage", GUARD, p -> p.framesDecodedFrom(speakerId) > 0);
            }

            // Zhao asks a question; the teacher sees it and marks it answered; Zhao's list shows it answered.
            listener.type("#chat-form input", "How do you grade the essays?");
            listener.click("#ask");
            teacher.await("Zhao's question", GUARD,
                    p -> String.valueOf(p.text("#questions")).contains("How do you grade the essays?"));
            teacher.click("#questions button.answered");
            listener.await("the question marked answered", GUARD,
                    p -> String.valueOf(p.text("#questions li.answered")).contains("How do you grade the essays?"));

            // The teacher shares a screen: the others decode it as a screen, full screen.
            teacher.click("#share");
            for (BrowserPage page : List.of(listener, room)) {
                page.await("the teacher's screen", GUARD, p -> p.framesDecodedFrom(teacherId, "screen") > 0
                        && Boolean.TRUE.equals(p.script("return document.body.classList.contains('sharing')")));
            }
            teacher.click("#share");
            listener.await("the screen share to end", GUARD, p -> Boolean.FALSE.equals(
                    p.script("return document.body.classList.contains('sharing')")) && p.remoteTracks().stream()
                    .filter(t -> "screen".equals(t.get("source"))).noneMatch(t -> Boolean.TRUE.equals(t.get("active"))));
            long cameraFrames = listener.framesDecodedFrom(teacherId, "camera");
            listener.await("the teacher's camera going on", GUARD,
                    p -> p.framesDecodedFrom(teacherId, "camera") > cameraFrames);

            // Off stage, Li stops sending and the others' sections of Li end.
            teacher.hook("stage('" + speakerId + "', false)");
            speaker.await("no more publishing", GUARD, p -> p.stats().get("outbound") instanceof List<?> out
                    && out.isEmpty());
            listener.await("Li's tracks to end", GUARD, p -> p.remoteTracks().stream()
                    .filter(t -> speakerId.equals(t.get("participantId")))
                    .noneMatch(t -> Boolean.TRUE.equals(t.get("active"))));
            // Li is still in the lesson, watching, and could be brought on stage again.
            assertThat(speaker.state()).isEqualTo("live");
            assertThat(speaker.participantId()).isEqualTo(speakerId);
            assertThat(teacher.events()).noneMatch(e -> "participantLeft".equals(e.get("type"))
                    && speakerId.equals(e.get("participantId")));
            long stillWatching = speaker.framesDecodedFrom(teacherId);
            speaker.await("the teacher's video going on", GUARD, p -> p.framesDecodedFrom(teacherId) > stillWatching);

            // The server restarts: the pages opened by hand join again by themselves.
            server.close();
            server = SankeServer.start(options);
            teacher.await("the teacher back", GUARD,
                    p -> "live".equals(p.state()) && !teacherId.equals(p.participantId()));
            String teacherAgain = teacher.participantId();
            for (BrowserPage page : List.of(speaker, room)) {
                page.await("back after the restart, decoding the teacher", GUARD,
                        p -> "live".equals(p.state()) && p.framesDecodedFrom(teacherAgain) > 0);
            }
        } catch (AssertionError | RuntimeException failure) {
            for (BrowserPage page : pages) {
                System.err.println("---- " + page.label + " console:\n" + page.consoleLog());
            }
            throw failure;
        }
    }

    private BrowserPage open(String label, String path) throws Exception {
        BrowserPage page = BrowserPage.open(label, server.baseUrl() + TestLessons.withGrant(server, path));
        pages.add(page);
        return page;
    }

    private String createLesson() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/lessons"))
                .header("Cookie", TestLessons.adminCookie(server)).POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Teaching research\",\"mode\":\"master_teacher\","
                        + "\"maxClassrooms\":2}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response.body().replaceAll("^\\{\"id\":\"([^\"]+)\".*", "$1");
    }

}
