package org.sanke.loadtest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.openqa.selenium.chrome.ChromeDriver;
import org.sanke.loadtest.browser.Chromium;

/**
 * Measures, against a running server, how long a classroom waits from opening its WebSocket to its first decoded
 * frame of the teacher's video, in headless Chromium on this machine, and reads the SFU's own forwarding-delay
 * histogram from /metrics for the same period.
 *
 * <p>Usage: {@code SANKE_PASSWORD=… JoinBenchmark --login NAME [--server http://127.0.0.1:8080] [--runs 9]
 * [--hold 30]}, logged in as a lead teacher (the server's {@code --seed-teacher}; the login may come from
 * {@code SANKE_LOGIN}), who creates the lesson. One teacher page, opened with a teacher's grant fetched for it,
 * publishes for the whole run; each run opens a fresh classroom browser on the lesson's invitation link, reads
 * {@code window.sanke.joinToFirstFrameMs}, and closes it. Then three classrooms stay for {@code --hold} seconds
 * after a 10 s warm-up, and the forwarding delay is reported for that steady window alone.
 */
public final class JoinBenchmark {
    private static final String DELAY_METRIC = "sanke_media_forwarding_delay_seconds";

    private JoinBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String server = "http://127.0.0.1:8080";
        int runs = 9;
        int holdSeconds = 30;
        String login = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--server" -> server = args[++i];
                case "--login" -> login = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--hold" -> holdSeconds = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("unknown option " + args[i] + "; usage: SANKE_PASSWORD=… JoinBenchmark"
                            + " --login NAME [--server URL] [--runs N] [--hold SECONDS]");
                    System.exit(2);
                }
            }
        }
        Credentials credentials = null;
        try {
            credentials = Credentials.from(login, System.getenv());
            if (credentials == null) {
                throw new IllegalArgumentException(Credentials.MISSING);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("bench-join: " + e.getMessage());
            System.exit(2);
        }
        if (!Chromium.installed()) {
            System.err.println("needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)");
            System.exit(2);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ServerHttp api = new ServerHttp(http, LoadTest.normalize(server), credentials);
        ServerHttp.Lesson lesson = api.createLesson("Join benchmark", "dedicated", 6);
        String lessonId = lesson.id();
        // The pages take their grant from the link, as a classroom opening the link it was sent does.
        String classroomLink = server + "/classroom.html?lesson=" + lessonId + "&grant="
                + lesson.classroomInvitation();

        List<Double> joins = new ArrayList<>();
        PrometheusHistogram steady;
        ChromeDriver teacher = Chromium.start();
        try {
            teacher.get(server + "/teacher.html?lesson=" + lessonId + "&grant=" + api.teacherGrant(lessonId)
                    + "&name=Teacher");
            waitFor(teacher, "return window.sanke && window.sanke.state === 'live'", Duration.ofSeconds(30));
            for (int run = 1; run <= runs; run++) {
                ChromeDriver classroom = Chromium.start();
                try {
                    classroom.get(classroomLink + "&name=Run%20" + run);
                    waitFor(classroom, "return window.sanke && window.sanke.joinToFirstFrameMs != null",
                            Duration.ofSeconds(30));
                    double ms = ((Number) classroom.executeScript("return window.sanke.joinToFirstFrameMs"))
                            .doubleValue();
                    joins.add(ms);
                    System.out.printf(Locale.ROOT, "run %d: join to first frame %.0f ms%n", run, ms);
                } finally {
                    classroom.quit();
                }
            }
            steady = steadyForwardingDelay(http, server, classroomLink, holdSeconds);
        } finally {
            teacher.quit();
        }
        Collections.sort(joins);
        PrometheusHistogram delay = steady;
        System.out.printf(Locale.ROOT, "join to first decoded frame over %d runs: median %.0f ms, min %.0f ms, max %.0f ms%n",
                joins.size(), median(joins), joins.get(0), joins.get(joins.size() - 1));
        System.out.printf(Locale.ROOT,
                "SFU forwarding delay, steady %d s with 3 classrooms, %d forwarded packets: p50 <= %.3f ms, p99 <= %.3f ms"
                        + " (bucket upper bounds)%n", holdSeconds,
                delay.count(), delay.quantileUpperBound(0.50) * 1000, delay.quantileUpperBound(0.99) * 1000);
    }

    /** Three classrooms receive for a warm-up, then the histogram is read over {@code holdSeconds}. */
    private static PrometheusHistogram steadyForwardingDelay(HttpClient http, String server, String classroomLink,
                                                            int holdSeconds) throws Exception {
        List<ChromeDriver> classrooms = new ArrayList<>();
        try {
            for (int i = 1; i <= 3; i++) {
                ChromeDriver classroom = Chromium.start();
                classrooms.add(classroom);
                classroom.get(classroomLink + "&name=Steady%20" + i);
            }
            for (ChromeDriver classroom : classrooms) {
                waitFor(classroom, "return window.sanke && window.sanke.joinToFirstFrameMs != null",
                        Duration.ofSeconds(30));
            }
            Thread.sleep(10_000);
            PrometheusHistogram before = PrometheusHistogram.parse(get(http, server + "/metrics"), DELAY_METRIC);
            Thread.sleep(holdSeconds * 1000L);
            return PrometheusHistogram.parse(get(http, server + "/metrics"), DELAY_METRIC).since(before);
        } finally {
            classrooms.forEach(ChromeDriver::quit);
        }
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void waitFor(ChromeDriver driver, String condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (Boolean.TRUE.equals(driver.executeScript(condition))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("gave up after " + limit.toSeconds() + " s waiting for: " + condition);
    }
}
