package org.sanke.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.School;
import org.sanke.loadtest.RequiredTool;
import org.sanke.server.SankeOptions;
import org.sanke.server.SankeServer;

/**
 * Every page, in Chinese and in English, as the person it is for sees it: no string key the translation table lacks,
 * no raw code (snake_case or camelCase words) and no internal id in the visible text.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class PageTextBrowserTest extends BrowserLessonTest {
    private static final Duration GUARD = Duration.ofSeconds(30);
    /** A key or a code: lowerCamelCase or snake_case. */
    private static final Pattern CODE = Pattern.compile("\\b[a-z]+(?:[A-Z][a-z]*)+\\b|\\b[a-z]+(?:_[a-z]+)+\\b");
    /** Server ids: people, participants, data requests, classrooms, schools (a letter and 12 or more hex digits). */
    private static final Pattern ID = Pattern.compile("\\b[a-z][0-9a-f]{12,}\\b");

    @Test
    void noPageShowsAKeyACodeOrAnId() throws Exception {
        RequiredTool.requireChromium();
        SankeOptions loopback = TestLessons.onLoopback("texts");
        server = SankeServer.start(new SankeOptions(loopback.bindAddress(), 0, 0, List.of("127.0.0.1"), 1, true,
                loopback.databaseUrl(), "sa", ""));
        server.domain().schools().add(new School("hill", "Hill School"));
        Person teacher = new Person("u0123456789abcdef", "hill", "Wang", PersonRole.LEAD_TEACHER);
        server.domain().schools().add(teacher);
        server.domain().schools().add(new Person("u00aa11bb22cc33", "hill", "Xiao Ming", PersonRole.LEARNER));
        String admin = TestLessons.adminCookie(server);
        String teacherCookie = "sanke_session=" + server.domain().access().sessions().open(teacher, java.util.Set.of());
        SankeServer.DemoLinks demo = server.demoLinks().orElseThrow();

        BrowserPage page = keep(BrowserPage.open("pages", server.baseUrl() + "/login.html"));
        List<String> wrong = new ArrayList<>();
        for (String lang : List.of("zh", "en")) {
            Map<String, String> anonymous = Map.of(
                    "/login.html?lang=" + lang, "#login-form",
                    "/terminal.html?classroom=nowhere&lang=" + lang, "#next");
            for (var visit : anonymous.entrySet()) {
                check(page, null, visit.getKey(), visit.getValue(), wrong);
            }
            check(page, null, demo.teacher().replace(server.baseUrl(), "") + "&lang=" + lang, "#status", wrong);
            check(page, null, demo.classroom().replace(server.baseUrl(), "") + "&lang=" + lang, "#status", wrong);
            check(page, admin, "/index.html?lang=" + lang, "#create", wrong);
            check(page, admin, "/admin.html?lang=" + lang, "#people li", wrong);
            check(page, admin, "/records.html?lang=" + lang, ".record h3", wrong);
            // The demo pages above left attendance rows: the report shows them, roles and names as people read them.
            check(page, admin, "/report.html?lesson=demo&lang=" + lang, "#rows tr", wrong);
            check(page, admin, "/report.html?lang=" + lang, "#message a", wrong);
            check(page, teacherCookie, "/lessons.html?lang=" + lang, "#none", wrong);
        }
        assertThat(wrong).as("what the pages show that a person should not see").isEmpty();
    }

    /** Opens a page as a person (a session cookie, or none) and looks at what it shows once it has settled. */
    private void check(BrowserPage page, String cookie, String path, String settledWhen, List<String> wrong)
            throws InterruptedException {
        page.go(server.baseUrl() + "/health");
        page.useCookie(cookie);
        page.go(server.baseUrl() + path);
        page.await(path + " settled", GUARD, p -> Boolean.TRUE.equals(p.script(
                "return document.readyState === 'complete' && document.querySelector(arguments[0]) !== null",
                settledWhen)));
        // What the page's scripts fill in after loading: its text unchanged over five looks (a second) is settled.
        String[] last = {null};
        int[] unchanged = {0};
        page.await(path + "'s text to stop changing", GUARD, p -> {
            String now = (String) p.script("return document.body.innerText");
            unchanged[0] = now.equals(last[0]) ? unchanged[0] + 1 : 0;
            last[0] = now;
            return unchanged[0] >= 5;
        });
        @SuppressWarnings("unchecked")
        List<String> untranslated = (List<String>) page.script("return [...document.querySelectorAll('[data-i18n]')]"
                + ".filter(e => e.textContent.trim() === e.dataset.i18n).map(e => e.dataset.i18n)");
        for (String key : untranslated) {
            wrong.add(path + ": untranslated " + key);
        }
        String text = (String) page.script("return document.body.innerText");
        for (Pattern pattern : List.of(CODE, ID)) {
            Matcher found = pattern.matcher(text);
            while (found.find()) {
                wrong.add(path + ": shows '" + found.group() + "'");
            }
        }
    }
}
