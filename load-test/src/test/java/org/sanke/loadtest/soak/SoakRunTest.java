package org.sanke.loadtest.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanke.loadtest.InProcessSanke;
import org.sanke.loadtest.LoadTestOptions;
import org.sanke.loadtest.Scenario;
import org.sanke.loadtest.ServerHttp;
import org.sanke.loadtest.report.Report;

/** Half a minute of a fast school day against a real server in this JVM: classrooms come and go, lessons end. */
class SoakRunTest {
    private static LoadTestOptions soak(URI server, int classroomsPerLesson, Duration duration, SoakOptions soak,
                                        Path dir) {
        return new LoadTestOptions(Scenario.SOAK, server, classroomsPerLesson, duration, Duration.ofSeconds(2), 40,
                300, 0, dir, LoadTestOptions.Target.SANKE, 0, false, 0, false, soak)
                .withCredentials(InProcessSanke.credentials());
    }

    @Test
    void classroomsComeAndGoLessonsEndAndTheServerLetsGoOfEverything(@TempDir Path dir) throws Exception {
        try (InProcessSanke sanke = InProcessSanke.start()) {
            // Two lessons of three seats; a classroom stays 2.5 s on average, a lesson lasts 10 s.
            SoakOptions fast = new SoakOptions(2, Duration.ofMillis(2500), Duration.ofMillis(300),
                    Duration.ofSeconds(10), Duration.ofSeconds(1));
            Report.Result result = new SoakRun(soak(sanke.uri(), 3, Duration.ofSeconds(24), fast, dir),
                    new PrintStream(new ByteArrayOutputStream())).run();

            String report = Files.readString(dir.resolve("report.txt"));
            System.out.println(report); // in target/surefire-reports, to read what a run looks like
            assertThat(result.failed()).as(report).isZero();
            assertThat(result.joined()).as(report).isGreaterThanOrEqualTo(24);
            assertThat(number(report, "leaves=(\\d+)")).as(report).isGreaterThanOrEqualTo(24);
            assertThat(number(report, "\\((\\d+) samples\\)")).as(report).isGreaterThanOrEqualTo(18);
            assertThat(number(report, "(\\d+) lessons started")).as("lessons end and new ones start").isGreaterThan(2);
            // Receivers connected through whole intervals got media, and joins and leaves were not taken for loss.
            assertThat(number(report, "connected_expected=(\\d+)")).as(report).isGreaterThan(2000);
            assertThat(result.lossPercent()).as(report).isLessThan(1.0);

            assertThat(report).contains("resources over time", "rule: the first quarter of the run is warm-up");
            for (Resource r : Resource.values()) {
                assertThat(report).contains("server " + r.label);
            }
            for (Resource r : new Resource[] {Resource.HEAP_USED, Resource.DIRECT_MEMORY, Resource.NETTY_DIRECT_MEMORY,
                    Resource.LIVE_THREADS,
                    Resource.OPEN_FILES, Resource.SRTP_CONTEXTS, Resource.TRANSPORTS, Resource.CONSUMERS,
                    Resource.LESSONS_LIVE, Resource.SIGNALING_SESSIONS}) {
                String line = report.lines().filter(l -> l.contains("server " + r.label + " ")).findFirst()
                        .orElseThrow();
                assertThat(line).as("read from /metrics").doesNotContain("not exported").matches(".*\\d.*");
            }
            assertThat(Files.readString(dir.resolve("report.html")))
                    .contains("<svg", "Server media transports", "Server heap used (MiB)", "Classrooms connected");

            // Everyone has left: what the server held for them is gone.
            ResourceReading after = ResourceProbe.parse(new ServerHttp(HttpClient.newHttpClient(), sanke.uri())
                    .metricsText(), 0);
            assertThat(after.get(Resource.TRANSPORTS)).as(report).isLessThanOrEqualTo(1);
            assertThat(after.get(Resource.CONSUMERS)).as(report).isLessThanOrEqualTo(2);
            assertThat(after.get(Resource.SIGNALING_SESSIONS)).as(report).isZero();
            assertThat(report).contains("after everyone left").contains("media transports 0.0,");
            // And so is what the tool held for them: sockets, streams, participants.
            assertThat(report).contains("the tool then held 0 participants and 0 received streams");
        }
    }

    @Test
    void aSoakRefusesWhatCannotWork(@TempDir Path dir) {
        URI nowhere = URI.create("http://127.0.0.1:1");
        assertThatThrownBy(() -> SoakRun.check(soak(nowhere, 7, Duration.ofSeconds(5), SoakOptions.DEFAULT, dir)))
                .hasMessageContaining("1 to 6");
        assertThatThrownBy(() -> SoakRun.check(soak(nowhere, 2, Duration.ofSeconds(5), new SoakOptions(0,
                Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)), dir)))
                .hasMessageContaining("--lessons");
        assertThatThrownBy(() -> new SoakRun(soak(nowhere, 2, Duration.ofSeconds(5), SoakOptions.DEFAULT, dir),
                new PrintStream(new ByteArrayOutputStream())).run()).hasMessageContaining("cannot reach the server");
        assertThatThrownBy(() -> new SoakRun(soak(nowhere, 2, Duration.ofSeconds(5), SoakOptions.DEFAULT, dir)
                .withCredentials(null), new PrintStream(new ByteArrayOutputStream())).run())
                .hasMessageContaining("--seed-teacher=NAME").hasMessageNotContaining("cannot reach");
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in\n" + text).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }
}
