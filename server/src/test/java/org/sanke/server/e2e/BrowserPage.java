package org.sanke.server.e2e;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.sanke.loadtest.browser.Chromium;

/** One headless Chromium showing one Sanke page, read through the page's window.sanke hook. */
final class BrowserPage implements AutoCloseable {
    final String label;
    private final ChromeDriver driver;
    /** The JavaScript expression of the page's window.sanke hook (a terminal's is in its lesson frame). */
    private final String hook;

    private BrowserPage(String label, ChromeDriver driver, String hook) {
        this.label = label;
        this.driver = driver;
        this.hook = hook;
    }

    static BrowserPage open(String label, String url) throws IOException {
        return open(label, url, "window.sanke");
    }

    /** A page served over HTTPS with {@code certificate}, in a browser that trusts exactly that certificate. */
    static BrowserPage openTrusting(String label, String url, X509Certificate certificate) throws IOException {
        return new BrowserPage(label, visit(Chromium.start(certificate), url), "window.sanke");
    }

    /** A page in a browser that keeps Chromium's own autoplay rules (no sound before a click). */
    static BrowserPage openWithAutoplayRules(String label, String url) throws IOException {
        return new BrowserPage(label, visit(Chromium.startWithAutoplayRules(), url), "window.sanke");
    }

    /** A page in a browser whose camera films {@code y4m}, looped. */
    static BrowserPage openWithCamera(String label, String url, java.nio.file.Path y4m) throws IOException {
        return new BrowserPage(label, visit(Chromium.startWithCamera(y4m), url), "window.sanke");
    }

    /** A page in a browser in which the person refused the camera and microphone. */
    static BrowserPage openRefusingCamera(String label, String url) throws IOException {
        return new BrowserPage(label, visit(Chromium.startRefusingPermissions(), url), "window.sanke");
    }

    /** A classroom terminal: the lesson runs in a frame that the terminal opens when the timetable says so. */
    static BrowserPage openTerminal(String label, String url) throws IOException {
        return open(label, url, "(window.sanke && window.sanke.frameHook())");
    }

    private static BrowserPage open(String label, String url, String hook) throws IOException {
        return new BrowserPage(label, visit(Chromium.start(), url), hook);
    }

    private static ChromeDriver visit(ChromeDriver driver, String url) {
        driver.get(url);
        return driver;
    }

    /**
     * Makes a session cookie ({@code name=value}, as a Cookie header) the browser's only one for the current site;
     * null: none.
     */
    void useCookie(String cookie) {
        driver.manage().deleteAllCookies();
        if (cookie == null) {
            return;
        }
        int equals = cookie.indexOf('=');
        driver.manage().addCookie(new org.openqa.selenium.Cookie(cookie.substring(0, equals),
                cookie.substring(equals + 1)));
    }

    Object script(String js) {
        return driver.executeScript(js);
    }

    String state() {
        return (String) script("const h = " + hook + "; return h ? h.state : null");
    }

    String participantId() {
        return (String) script("return " + hook + ".participantId");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> stats() {
        return (Map<String, Object>) driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const h = " + hook + "; if (!h) { done({inbound: []}); return; }"
                        + "h.stats().then(done, e => done({error: String(e), inbound: []}));");
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> inbound() {
        return (List<Map<String, Object>>) stats().get("inbound");
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> remoteTracks() {
        return (List<Map<String, Object>>) script("return " + hook + ".remoteTracks()");
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> events() {
        return (List<Map<String, Object>>) script("const h = " + hook + "; return h ? h.events : []");
    }

    /** Frames decoded from {@code participantId}'s video, 0 when none. */
    long framesDecodedFrom(String participantId) {
        return inbound().stream()
                .filter(s -> "video".equals(s.get("kind")) && participantId.equals(s.get("participantId")))
                .mapToLong(s -> ((Number) s.get("framesDecoded")).longValue()).sum();
    }

    long audioPacketsFrom(String participantId) {
        return inbound().stream()
                .filter(s -> "audio".equals(s.get("kind")) && participantId.equals(s.get("participantId")))
                .mapToLong(s -> ((Number) s.get("packetsReceived")).longValue()).sum();
    }

    /** Polls until {@code condition} holds; the limit only guards against a hung test. */
    void await(String what, Duration limit, Predicate<BrowserPage> condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.test(this)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(label + ": gave up waiting for " + what + "; state " + state()
                        + failure() + ", events " + events() + ", stats " + stats());
            }
            Thread.sleep(200);
        }
    }

    /** Goes to another page in the same browser (its cookies kept), as a person following a link would. */
    void go(String url) {
        driver.get(url);
    }

    /** The address the browser shows. */
    String location() {
        return driver.getCurrentUrl();
    }

    /** Why the page's client failed, if it did (its error and the console's last lines). */
    private String failure() {
        if (!"error".equals(state())) {
            return "";
        }
        Object error = script("const h = " + hook + "; return h && h.error ? h.error() : null");
        String console = consoleLog();
        return " (" + error + "; console: " + console.substring(Math.max(0, console.length() - 2000)) + ")";
    }

    /** Clicks the first element that matches a CSS selector, as a person would. */
    void click(String selector) {
        driver.findElement(org.openqa.selenium.By.cssSelector(selector)).click();
    }

    /** Types into the first element that matches a CSS selector, as a person would. */
    void type(String selector, String text) {
        driver.findElement(org.openqa.selenium.By.cssSelector(selector)).sendKeys(text);
    }

    /** Presses a key on whatever has the focus, as a keyboard or a TV remote would. */
    void press(org.openqa.selenium.Keys key) {
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(key).perform();
    }

    /** The text of the first element that matches a CSS selector. */
    String text(String selector) {
        return (String) script("const e = document.querySelector(arguments[0]); return e ? e.textContent : null",
                selector);
    }

    Object script(String js, Object... arguments) {
        return driver.executeScript(js, arguments);
    }

    /** Frames decoded from {@code participantId}'s video of one source ("camera" or "screen"). */
    long framesDecodedFrom(String participantId, String source) {
        return inbound().stream()
                .filter(s -> "video".equals(s.get("kind")) && participantId.equals(s.get("participantId"))
                        && source.equals(s.get("source")))
                .mapToLong(s -> ((Number) s.get("framesDecoded")).longValue()).sum();
    }

    /** Video frames this page has encoded and sent. */
    @SuppressWarnings("unchecked")
    long outboundFrames() {
        return ((List<Map<String, Object>>) stats().get("outbound")).stream()
                .filter(s -> "video".equals(s.get("kind")))
                .mapToLong(s -> ((Number) s.get("framesEncoded")).longValue()).sum();
    }

    /** Audio packets this page has sent. */
    @SuppressWarnings("unchecked")
    long outboundAudioPackets() {
        return ((List<Map<String, Object>>) stats().get("outbound")).stream()
                .filter(s -> "audio".equals(s.get("kind")))
                .mapToLong(s -> ((Number) s.get("packetsSent")).longValue()).sum();
    }

    /** Runs {@code call} on the page's hook, e.g. "raiseHand()". */
    Object hook(String call) {
        return script("return " + hook + "." + call);
    }

    String consoleLog() {
        StringBuilder out = new StringBuilder();
        try {
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                out.append(entry.getLevel()).append(' ').append(entry.getMessage()).append('\n');
            }
        } catch (RuntimeException e) {
            out.append("(no console log: ").append(e.getMessage()).append(")\n");
        }
        return out.toString();
    }

    /** What axe-core (its npm build, which Deque's Selenium binding injects) finds on the page as it is now. */
    Results axe() {
        return new AxeBuilder().analyze(driver);
    }

    /** Lays pages out for a screen of this many CSS pixels, whatever the headless window's size. */
    void viewport(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", false));
    }

    /** What the viewport shows, as a PNG file. */
    void screenshot(Path file) throws IOException {
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    /** Presses a key (e.g. {@link org.openqa.selenium.Keys#TAB}) where the focus is, as a person would. */
    void press(CharSequence key) {
        new Actions(driver).sendKeys(key).perform();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
