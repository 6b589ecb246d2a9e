package org.sanke.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sanke.loadtest.RequiredTool;
import org.sanke.server.SankeServer;

/**
 * Every page, in Chinese and in English, as the person it is for sees it: no string key the translation table lacks,
 * no raw code (snake_case or camelCase words) and no internal id in the visible text.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PageTextBrowserTest extends BrowserLessonTest {
    /** A key or a code: lowerCamelCase or snake_case. */
    private static final Pattern CODE = Pattern.compile("\\b[a-z]+(?:[A-Z][a-z]*)+\\b|\\b[a-z]+(?:_[a-z]+)+\\b");
    /** Server ids: people, participants, data requests, classrooms, schools (a letter and 12 or more hex digits). */
    private static final Pattern ID = Pattern.compile("\\b[a-z][0-9a-f]{12,}\\b");

    @Test
    void noPageShowsAKeyACodeOrAnId() throws Exception {
        RequiredTool.requireChromium();
        server = SankeServer.start(TestLessons.onLoopbackWithDemo("texts"));
        PageTour tour = PageTour.of(server);

        BrowserPage page = keep(BrowserPage.open("pages", server.baseUrl() + "/login.html"));
        List<String> wrong = new ArrayList<>();
        for (String lang : List.of("zh", "en")) {
            for (PageTour.Stop stop : tour.stops()) {
                tour.visit(page, stop, lang);
                check(page, stop.in(lang), wrong);
            }
            // Two pages that explain what is missing: a terminal's unknown room, a report without its lesson.
            for (String path : List.of("/terminal.html?classroom=nowhere&lang=" + lang, "/report.html?lang=" + lang)) {
                tour.visit(page, tour.adminCookie, path, path.startsWith("/terminal") ? "#next" : "#message a");
                check(page, path, wrong);
            }
        }
        assertThat(wrong).as("what the pages show that a person should not see").isEmpty();
    }

    /** What a settled page shows. */
    private static void check(BrowserPage page, String path, List<String> wrong) {
        @SuppressWarnings("unchecked")
        List<String> untranslated = (List<String>) page.script("return [...document.querySelectorAll('[data-i18n]')]"
                + ".filter(e => e.textContent.trim() === e.dataset.i18n).map(e => e.dataset.i18n).concat("
                + "[...document.querySelectorAll('[data-i18n-label]')].filter(e => e.ariaLabel === e.dataset.i18nLabel)"
                + ".map(e => e.dataset.i18nLabel))");
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
