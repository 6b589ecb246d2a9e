package org.sanke.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.sanke.loadtest.report.Report;
import picocli.CommandLine;

/** The tool against a real server (signaling and media) in this JVM. */
class LoadTestTest {
    @RegisterExtension
    static final InProcessSanke.PerClass SANKE = new InProcessSanke.PerClass();

    private static LoadTestOptions dedicated(int classrooms, double loss, Path dir) {
        return new LoadTestOptions(Scenario.DEDICATED, SANKE.uri(), classrooms, Duration.ofSeconds(4),
                Duration.ofSeconds(1), 40, 300, loss, dir).withCredentials(InProcessSanke.credentials());
    }

    @Test
    void shortDedicatedRunJoinsEveryoneWithoutLoss(@TempDir Path dir) throws Exception {
        Report.Result result = new LoadTest(dedicated(2, 0, dir), new PrintStream(new ByteArrayOutputStream()))
                .run();
        assertThat(result.joined()).isEqualTo(3);
        assertThat(result.failed()).isZero();
        assertThat(result.packets()).as("teacher and two classrooms receive each other").isGreaterThan(500);
        assertThat(result.lost()).isZero();
        assertThat(result.duplicates()).isZero();
        assertThat(result.joinMedianMillis()).isPositive();
        assertThat(Files.readString(dir.resolve("report.txt"))).contains("clients joined      3 of 3 (0 failed)");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("<svg", "End-to-end delay");
    }

    @Test
    void simulcastPublishersAreForwardedOneLayerWithoutLoss(@TempDir Path dir) throws Exception {
        LoadTestOptions options = new LoadTestOptions(Scenario.DEDICATED, SANKE.uri(), 2, Duration.ofSeconds(4),
                Duration.ofSeconds(1), 40, 800, 0, dir, LoadTestOptions.Target.SANKE, 0, false, 0, true)
                .withCredentials(InProcessSanke.credentials());
        Report.Result result = new LoadTest(options, new PrintStream(new ByteArrayOutputStream())).run();
        assertThat(result.joined()).isEqualTo(3);
        assertThat(result.failed()).isZero();
        // Each receiver gets one layer of each publisher's video: its sequence runs on without gaps.
        assertThat(result.lost()).isZero();
        assertThat(result.duplicates()).isZero();
        // 4 s of 4 video streams at about 120 packets/s (800 kbit/s) and 4 audio streams at 50: about 2,700 packets;
        // audio alone would be 800, so video got through.
        assertThat(result.packets()).isGreaterThan(1800);
        assertThat(Files.readString(dir.resolve("report.txt"))).contains("in three simulcast layers");
    }

    @Test
    void aFakeNetworkDroppingTenPercentIsReportedAsAboutTenPercentLoss(@TempDir Path dir) throws Exception {
        Report.Result result = new LoadTest(dedicated(1, 0.10, dir), new PrintStream(new ByteArrayOutputStream()))
                .run();
        assertThat(result.failed()).isZero();
        assertThat(result.lossPercent()).isBetween(7.0, 13.0);
    }

    @Test
    void libwebrtcPeersBesideTheScenarioReportWhatTheirOwnStackDecoded(@TempDir Path dir) throws Exception {
        LoadTestOptions options = new LoadTestOptions(Scenario.DEDICATED, SANKE.uri(), 1, Duration.ofSeconds(5),
                Duration.ofSeconds(1), 40, 300, 0, dir, LoadTestOptions.Target.SANKE, 0, false, 2, false)
                .withCredentials(InProcessSanke.credentials());
        Report.Result result = new LoadTest(options, new PrintStream(new ByteArrayOutputStream())).run();
        assertThat(result.failed()).isZero();
        String report = Files.readString(dir.resolve("report.txt"));
        assertThat(report).contains("libwebrtc peers", "libwebrtc teacher  sent").doesNotContain("failed:");
        for (String peer : List.of("libwebrtc 1", "libwebrtc 2")) {
            String line = report.lines().filter(l -> l.trim().startsWith(peer)).findFirst().orElseThrow();
            long frames = Long.parseLong(line.replaceAll(".*decoded ([0-9,]+) frames.*", "$1").replace(",", ""));
            assertThat(frames).as(line).isGreaterThan(10);
        }
    }

    @Test
    void countersAreReadFromMetricsText() {
        String metrics = "# TYPE sanke_media_socket_drops_total counter\nsanke_media_socket_drops_total 7.0\n"
                + "sanke_media_packets_dropped_total{reason=\"oversized\"} 2.0\n";
        assertThat(LoadTest.counter(metrics, "sanke_media_socket_drops_total")).isEqualTo(7.0);
        assertThat(LoadTest.counter(metrics, "sanke_media_packets_dropped_total")).isEqualTo(2.0);
        assertThat(LoadTest.counter(metrics, "janus_nothing_total")).isNaN();
    }

    @Test
    void badInputGetsAClearMessageNotAStackTrace() {
        assertThat(run("lecture")).isEqualTo(2);
        assertThat(lastError).contains("unknown scenario 'lecture'; choose dedicated, master, broadcast or soak")
                .doesNotContain("Exception");
        assertThat(run("dedicated", "--server", "http://127.0.0.1:1", "-n", "1")).isEqualTo(2);
        assertThat(lastError).contains("cannot reach the server at http://127.0.0.1:1");
        assertThat(run("broadcast", "--server", "not a url")).isEqualTo(2);
        assertThat(lastError).contains("--server must be a URL");
        assertThat(run("broadcast", "--server", SANKE.uri().toString(), "-n", "1", "--realistic", "99")).isEqualTo(2);
        assertThat(lastError).contains("--realistic must be 0 to 8").doesNotContain("Exception");
        assertThat(run("soak", "--server", SANKE.uri().toString(), "-n", "7")).isEqualTo(2);
        assertThat(lastError).contains("--classrooms is per lesson in a soak: 1 to 6");
        assertThat(run("soak", "--server", SANKE.uri().toString(), "--lessons", "0")).isEqualTo(2);
        assertThat(lastError).contains("--lessons must be at least 1");
        assertThat(run("soak", "--server", SANKE.uri().toString(), "--mean-stay", "0")).isEqualTo(2);
        assertThat(lastError).contains("--mean-stay must be above 0");
        assertThatThrownBy(() -> LoadTest.check(new LoadTestOptions(Scenario.BROADCAST, SANKE.uri(), 100_000_000,
                Duration.ofSeconds(1), Duration.ofSeconds(1), 40, 800, 0, Path.of("x"))))
                .hasMessageContaining("open files").hasMessageContaining("ulimit -n");
    }

    @Test
    void withoutALoginAgainstSankeTheToolSaysAtOnceHowToGiveOne(@TempDir Path dir) {
        int lessons = SANKE.server().domain().lessons().all().size();
        assertThat(runWith(Map.of(), "dedicated", "--server", SANKE.uri().toString(), "-n", "1", "--report-dir",
                dir.toString())).isEqualTo(2);
        assertThat(lastError).contains("start the server with --seed-teacher=NAME", "SANKE_SEED_PASSWORD",
                "give the tool --login NAME", "SANKE_PASSWORD").doesNotContain("Exception");
        // At once: before anything is asked of the server, even whether it is there.
        assertThat(runWith(Map.of(), "soak", "--server", "http://127.0.0.1:1")).isEqualTo(2);
        assertThat(lastError).contains("--seed-teacher=NAME").doesNotContain("cannot reach");
        // Half a login says what is missing; the password is never taken from the command line.
        assertThat(runWith(Map.of(), "broadcast", "--server", SANKE.uri().toString(), "--login", "load")).isEqualTo(2);
        assertThat(lastError).contains("the login 'load' needs its password in SANKE_PASSWORD");
        assertThat(runWith(Map.of("SANKE_PASSWORD", InProcessSanke.PASSWORD), "broadcast", "--server",
                SANKE.uri().toString())).isEqualTo(2);
        assertThat(lastError).contains("SANKE_PASSWORD is set but no login is given");
        assertThat(runWith(Map.of(), "broadcast", "--server", SANKE.uri().toString(), "--login", "load", "--password",
                "x")).isEqualTo(2);
        assertThat(lastError).contains("Unknown option", "'--password'");
        assertThat(SANKE.server().domain().lessons().all()).as("no lesson was created").hasSize(lessons);
        // The same refusal for a run started from code.
        assertThatThrownBy(() -> LoadTest.check(new LoadTestOptions(Scenario.BROADCAST, SANKE.uri(), 1,
                Duration.ofSeconds(1), Duration.ofSeconds(1), 40, 800, 0, dir)))
                .hasMessageContaining("--seed-teacher=NAME");
        // Janus asks for none of this: the run gets as far as looking for Janus.
        assertThat(runWith(Map.of(), "broadcast", "--target", "janus", "--server", "http://127.0.0.1:1", "-n", "1",
                "--ramp-up", "0", "--duration", "0", "--report-dir", dir.resolve("janus").toString())).isEqualTo(2);
        assertThat(lastError).contains("the teacher could not join").doesNotContain("--seed-teacher");
    }

    @Test
    void aWrongPasswordIsALoginRefusedBeforeAnyLessonOrJoin(@TempDir Path dir) {
        int lessons = SANKE.server().domain().lessons().all().size();
        assertThat(runWith(Map.of("SANKE_LOGIN", InProcessSanke.LOGIN, "SANKE_PASSWORD", "Not-The-Password-1"),
                "dedicated", "--server", SANKE.uri().toString(), "-n", "1", "--report-dir", dir.toString()))
                .isEqualTo(2);
        assertThat(lastError).contains("login refused", "does not know the login 'load' with this password",
                "wrong_credentials", "--seed-teacher").doesNotContain("Not-The-Password-1", "Exception");
        assertThat(SANKE.server().domain().lessons().all()).as("no lesson was created").hasSize(lessons);
        // The right password still works (one failure does not lock the account).
        assertThat(runWith(Map.of("SANKE_PASSWORD", InProcessSanke.PASSWORD), "dedicated", "--login",
                InProcessSanke.LOGIN, "--server", SANKE.uri().toString(), "-n", "1", "--duration", "1", "--ramp-up",
                "0", "--no-heap", "--report-dir", dir.resolve("right").toString())).as(lastError).isZero();
        assertThat(SANKE.server().domain().lessons().all()).hasSize(lessons + 1);
    }

    private String lastError;

    /** Runs the command as a person would with the trial teacher's login (--login from SANKE_LOGIN). */
    private int run(String... args) {
        return runWith(Map.of("SANKE_LOGIN", InProcessSanke.LOGIN, "SANKE_PASSWORD", InProcessSanke.PASSWORD), args);
    }

    private int runWith(Map<String, String> env, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine line = LoadTestCommand.commandLine(env);
        line.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        line.setOut(new java.io.PrintWriter(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        int status = line.execute(args);
        lastError = err.toString(StandardCharsets.UTF_8);
        return status;
    }
}
