package org.sanke.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.Keys;
import org.sanke.loadtest.RequiredTool;
import org.sanke.server.SankeServer;

/**
 * Every page, in Chinese and in English, passes axe-core with no serious or critical violation and shows nothing
 * marked hidden; the administration and classroom pages are operable from the keyboard: Tab reaches every control,
 * with a focus outline and nothing over it, and Enter or Space works it.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class AccessibilityBrowserTest extends BrowserLessonTest {
    private static final Duration GUARD = Duration.ofSeconds(30);
    private static final Set<String> FAILING = Set.of("serious", "critical");
    /** More presses than any page has stops for Tab (a date field takes several): a page that traps focus ends. */
    private static final int MOST_TABS = 150;
    private static final String TAB_PROBLEMS =
            "controls Tab misses, or reaches without a focus outline or under another element";
    private PageTour tour;

    @BeforeEach
    void startServer() throws Exception {
        RequiredTool.requireChromium();
        server = SankeServer.start(TestLessons.onLoopbackWithDemo("a11y"));
        tour = PageTour.of(server);
    }

    @Test
    void noPageHasASeriousAccessibilityViolation() throws Exception {
        BrowserPage page = keep(BrowserPage.open("axe", server.baseUrl() + "/health"));
        List<String> violations = new ArrayList<>();
        for (String lang : List.of("zh", "en")) {
            for (PageTour.Stop stop : tour.stops()) {
                tour.visit(page, stop, lang);
                Results results = page.axe();
                assertThat(results.isErrored()).as(stop.in(lang) + ": " + results.getErrorMessage()).isFalse();
                assertThat(results.getPasses()).as(stop.in(lang) + ": axe checked nothing").isNotEmpty();
                // Not an axe rule: a page rule's display beating the hidden attribute shows, and reads out, a step
                // that is not there (the login page's later forms did).
                @SuppressWarnings("unchecked")
                List<String> shown = (List<String>) page.script("return [...document.querySelectorAll('[hidden]')]"
                        + ".filter(e => e.getClientRects().length > 0).map(e => e.tagName.toLowerCase() + '#' + e.id)");
                shown.forEach(e -> violations.add(stop.name() + " (" + lang + "): shown though hidden: " + e));
                for (Rule rule : results.getViolations()) {
                    for (CheckedNode node : rule.getNodes()) {
                        String impact = node.getImpact() != null ? node.getImpact() : rule.getImpact();
                        if (FAILING.contains(impact)) {
                            violations.add(stop.name() + " (" + lang + "): " + rule.getId() + " [" + impact + "] at "
                                    + node.getTarget() + ": " + rule.getHelp());
                        }
                    }
                }
            }
        }
        assertThat(violations).as("serious and critical axe-core violations, and hidden elements on show").isEmpty();
    }

    @Test
    void theAdministrationPageWorksFromTheKeyboard() throws Exception {
        BrowserPage page = keep(BrowserPage.open("keyboard", server.baseUrl() + "/health"));
        PageTour.Stop admin = tour.stops().stream().filter(s -> s.name().equals("admin")).findFirst().orElseThrow();
        tour.visit(page, admin, "en");
        assertThat(unreachedByTab(page)).as(TAB_PROBLEMS).isEmpty();
        // Enter in a field sends its form: a school is added without the mouse.
        page.script("document.querySelector('#school-form [name=name]').focus()");
        page.press("Keyboard Academy");
        page.press(Keys.ENTER);
        page.await("the school added", GUARD, p -> p.text("#schools").contains("Keyboard Academy"));
    }

    @Test
    void theClassroomPageWorksFromTheKeyboard() throws Exception {
        BrowserPage page = keep(BrowserPage.open("keyboard", server.baseUrl() + "/health"));
        tour.visit(page, null, tour.classroomPath + "&lang=en", "#controls:not([hidden])");
        page.await("the classroom in the lesson", GUARD, p -> "live".equals(p.state()));
        assertThat(unreachedByTab(page)).as(TAB_PROBLEMS).isEmpty();
        // Space on the focused button raises the hand.
        page.script("document.getElementById('hand').focus()");
        page.press(Keys.SPACE);
        page.await("the hand raised", GUARD, p -> "Lower hand".equals(p.text("#hand")));
    }

    /**
     * Tabs through the page from its top until the focus comes round to the first control again; returns the
     * controls (buttons, fields, links) on show that Tab never focused, those it focused without an outline, and
     * those another element lies over.
     */
    @SuppressWarnings("unchecked")
    private static List<String> unreachedByTab(BrowserPage page) {
        page.script("document.activeElement?.blur(); window.scrollTo(0, 0);"
                + "window.tabbed = new Set(); window.unmarked = new Set(); window.covered = new Set();"
                + "window.first = null;");
        for (int i = 0; i < MOST_TABS; i++) {
            page.press(Keys.TAB);
            boolean back = Boolean.TRUE.equals(page.script(
                    "const e = document.activeElement; if (e === document.body) return false;"
                            + "const style = getComputedStyle(e);"
                            + "if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) === 0) {"
                            + "  window.unmarked.add(e);"
                            + "}"
                            // What a pointer at its middle hits: itself, or something lying over it.
                            + "const r = e.getBoundingClientRect();"
                            + "const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);"
                            + "if (top !== e && !e.contains(top)) { e.dataset.coveredBy = top ? top.tagName.toLowerCase()"
                            + " + (top.id ? '#' + top.id : '') + '.' + top.className : 'nothing (off screen at ' + Math.round(r.x) + ',' + Math.round(r.y) + ' '"
                            + " + Math.round(r.width) + 'x' + Math.round(r.height) + ' in ' + innerWidth + 'x' + innerHeight + ')';"
                            + " window.covered.add(e); }"
                            + "if (e === window.first && window.tabbed.size > 1) return true;"
                            + "window.first ??= e; window.tabbed.add(e); return false;"));
            if (back) {
                break;
            }
        }
        return (List<String>) page.script("const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
                + " + (e.name ? '[name=' + e.name + ']' : '') + ' ' + (e.textContent || '').trim().slice(0, 30);"
                + "const controls = [...document.querySelectorAll('a[href], button, input, select, textarea')]"
                + ".filter(e => !e.disabled && e.getClientRects().length > 0"
                + " && getComputedStyle(e).visibility !== 'hidden');"
                + "return [...controls.filter(e => !window.tabbed.has(e)).map(e => 'not reached: ' + name(e)),"
                + " ...[...window.unmarked].map(e => 'no outline: ' + name(e)),"
                + " ...[...window.covered].map(e => 'covered by ' + e.dataset.coveredBy + ': ' + name(e))];");
    }
}
