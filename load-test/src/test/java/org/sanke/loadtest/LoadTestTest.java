package org.sanke.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanke.loadtest.report.Report;
import picocli.CommandLine;

/** The tool against a real server (signaling and media) in this JVM. */
class LoadTestTest {
    private static InProcessSanke sanke;
    private static URI server;

    @BeforeAll
    static void start() throws Exception {
        sanke = InProcessSanke.start();
        server = sanke.uri();
    }

    @AfterAll
    static void stop() {
        sanke.close();
    }

    private static LoadTestOptions dedicated(int classrooms, double loss, Path dir) {
        return new LoadTestOptions(Scenario.DEDICATED, server, classrooms, Duration.ofSeconds(4), Duration.ofSeconds(1),
                40, 300, loss, dir);
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
        LoadTestOptions options = new LoadTestOptions(Scenario.DEDICATED, server, 2, Duration.ofSeconds(4),
                Duration.ofSeconds(1), 40, 800, 0, dir, LoadTestOptions.Target.SANKE, 0, false, 0, true);
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
        LoadTestOptions options = new LoadTestOptions(Scenario.DEDICATED, server, 1, Duration.ofSeconds(5),
                Duration.ofSeconds(1), 40, 300, 0, dir, LoadTestOptions.Target.SANKE, 0, false, 2, false);
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
        assertThat(run("broadcast", "--server", server.toString(), "-n", "1", "--realistic", "99")).isEqualTo(2);
        assertThat(lastError).contains("--realistic must be 0 to 8").doesNotContain("Exception");
        assertThat(run("soak", "--server", server.toString(), "-n", "7")).isEqualTo(2);
        assertThat(lastError).contains("--classrooms is per lesson in a soak: 1 to 6");
        assertThat(run("soak", "--server", server.toString(), "--lessons", "0")).isEqualTo(2);
        assertThat(lastError).contains("--lessons must be at least 1");
        assertThat(run("soak", "--server", server.toString(), "--mean-stay", "0")).isEqualTo(2);
        assertThat(lastError).contains("--mean-stay must be above 0");
        assertThatThrownBy(() -> LoadTest.check(new LoadTestOptions(Scenario.BROADCAST, server, 100_000_000,
                Duration.ofSeconds(1), Duration.ofSeconds(1), 40, 800, 0, Path.of("x"))))
                .hasMessageContaining("open files").hasMessageContaining("ulimit -n");
    }

    private String lastError;

    private int run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine line = LoadTestCommand.commandLine();
        line.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        int status = line.execute(args);
        lastError = err.toString(StandardCharsets.UTF_8);
        return status;
    }
}
