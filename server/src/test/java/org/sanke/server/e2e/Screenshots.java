package org.sanke.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sanke.loadtest.RequiredTool;
import org.sanke.server.SankeServer;

/**
 * Not a test of the suite (its name is outside surefire's patterns): {@code ./sanke screenshots} runs it to take every
 * page of {@link PageTour} in Chinese and English at 1280×800 into {@code -Dsanke.screenshots=DIR} (by default
 * server/target/screenshots), with a gallery README. The teacher's, classroom's and observer's pages are shown in
 * a live lesson: a second browser plays the other side, so that they show video from the fake camera.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class Screenshots extends BrowserLessonTest {
    private static final Duration GUARD = Duration.ofSeconds(60);
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;
    /** A script expression: the page's state banner ("waiting for the teacher") has gone. */
    private static final String BANNER_GONE = "document.getElementById('status').hidden";
    /** What each page is for, in the tour's order: the gallery's lines. */
    private static final Map<String, String> PURPOSE = new LinkedHashMap<>();

    static {
        PURPOSE.put("login", "Logging in: a password, then, for staff, a code from an authenticator app.");
        PURPOSE.put("setup", "First run: the platform administrator is made with the code the server printed.");
        PURPOSE.put("start", "The start page: the ways in, and a new ad-hoc lesson with the links to its pages.");
        PURPOSE.put("admin", "Administration: schools, classrooms and their terminals, people and their logins, "
                + "the timetable.");
        PURPOSE.put("records", "Personal data: what Sanke keeps about a person, to download, correct or ask to "
                + "delete; the deletion requests a school decides.");
        PURPOSE.put("safety", "Safety staff's page: reports from lessons, with the picture the reporter saw, and the "
                + "measures that keep a person or a classroom out of every lesson.");
        PURPOSE.put("patrol", "The inspectors' patrol wall: every live lesson of their jurisdiction as a small picture "
                + "that renews, one click from watching it unseen.");
        PURPOSE.put("replays", "Replays: the reviewers' queue (nothing plays for learners before it is approved) and "
                + "the replays a person may watch, in a player with a watermark of their name.");
        PURPOSE.put("lessons", "A teacher's home: her lessons today and this week, each with a button to her "
                + "console.");
        PURPOSE.put("teacher", "The teacher's console in a live lesson: each classroom's video and reception, raised "
                + "hands, questions, problems, chat.");
        PURPOSE.put("classroom", "A receiving classroom's big screen: the teacher full screen, the assistant "
                + "teacher's buttons, the room's own camera.");
        PURPOSE.put("observer", "An observer teacher in a master teacher's lesson: the teacher, questions and "
                + "chat; the teacher may bring her on stage to speak.");
        PURPOSE.put("terminal", "A classroom terminal waiting for its next timetabled lesson, which it joins by "
                + "itself.");
        PURPOSE.put("report", "A lesson's attendance and network quality (also as CSV).");
    }

    @Test
    void everyPageInBothLanguages() throws Exception {
        RequiredTool.requireChromium();
        Path out = Path.of(System.getProperty("sanke.screenshots", "target/screenshots")).toAbsolutePath();
        Files.createDirectories(out);
        server = SankeServer.start(TestLessons.onLoopbackWithDemo("screenshots"));
        PageTour tour = PageTour.of(server);
        assertThat(tour.stops()).extracting(PageTour.Stop::name).containsExactlyElementsOf(PURPOSE.keySet());
        BrowserPage page = keep(BrowserPage.open("screenshots", server.baseUrl() + "/health"));
        page.viewport(WIDTH, HEIGHT);
        // The other side of a live lesson: a classroom while the teacher's page is shown, a teacher while a
        // classroom's or an observer's is.
        BrowserPage other = keep(BrowserPage.open("other side", server.baseUrl() + "/health"));
        for (String lang : List.of("zh", "en")) {
            for (PageTour.Stop stop : tour.stops()) {
                page.go(server.baseUrl() + "/health");
                if (stop.name().equals("teacher")) {
                    tour.visit(other, null, tour.classroomPath + "&lang=" + lang, "#status");
                } else if (stop.name().equals("classroom")) {
                    tour.visit(other, null, tour.teacherPath + "&lang=" + lang, "#status");
                } else if (stop.name().equals("observer")) {
                    tour.visit(other, null, tour.masterTeacherPath + "&lang=" + lang, "#status");
                }
                tour.visit(page, stop, lang);
                if (stop.name().equals("teacher")) {
                    page.await("a classroom's video on the teacher's page", GUARD,
                            p -> playing(p, "#classrooms video"));
                } else if (stop.name().equals("classroom") || stop.name().equals("observer")) {
                    page.await("the teacher's video on the " + stop.name() + "'s page", GUARD,
                            p -> playing(p, "#teacher") && Boolean.TRUE.equals(p.script("return " + BANNER_GONE)));
                }
                Path file = out.resolve(stop.name() + "-" + lang + ".png");
                page.screenshot(file);
                BufferedImage image = ImageIO.read(file.toFile());
                assertThat(image.getWidth() + "×" + image.getHeight()).as(file.toString())
                        .isEqualTo(WIDTH + "×" + HEIGHT);
            }
        }
        Files.writeString(out.resolve("README.md"), gallery());
    }

    /** Whether a video element matching the selector shows frames (a picture, its clock moving). */
    private static boolean playing(BrowserPage page, String selector) {
        return Boolean.TRUE.equals(page.script("return [...document.querySelectorAll(arguments[0])]"
                + ".some(v => v.videoWidth > 0 && v.currentTime > 1)", selector));
    }

    private static String gallery() {
        StringBuilder md = new StringBuilder("""
                # What Sanke looks like

                Every page in Chinese (the default) and English (`?lang=en`), at 1280×800, as the person it is \
                for sees it, on a server with sample data: two schools, a teacher, a lesson on tomorrow's \
                timetable, and lessons live with a classroom or an observer (the video is Chromium's fake camera). \
                Made by `./sanke screenshots`, not by hand: run it again after changing a page.

                | page | what it is for | 中文 | English |
                |---|---|---|---|
                """);
        PURPOSE.forEach((page, purpose) -> md.append("| ").append(page).append(" | ").append(purpose)
                .append(" | ![").append(page).append(" in Chinese](").append(page).append("-zh.png) | ![")
                .append(page).append(" in English](").append(page).append("-en.png) |\n"));
        return md.toString();
    }
}
