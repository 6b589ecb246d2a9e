package org.sanke.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanke.loadtest.report.Report;

/**
 * The benchmark's Janus adapter against Debian's Janus, started by the benchmark's own script: the same tool must
 * measure both servers, so it must work against both. .ci/run installs the janus package.
 */
class JanusAdapterTest {
    @Test
    void broadcastThroughJanusVideoRoom(@TempDir Path dir) throws Exception {
        RequiredTool.require(Path.of("/usr/bin/janus"), "janus");
        Process start = new ProcessBuilder("bash", "janus/start-janus.sh", dir.resolve("janus").toString())
                .redirectErrorStream(true).start();
        String output = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(start.waitFor()).as("start-janus.sh: %s", output).isZero();
        long pid = Long.parseLong(output.lines().reduce((a, b) -> b).orElseThrow());
        try {
            LoadTestOptions options = new LoadTestOptions(Scenario.BROADCAST, URI.create("http://127.0.0.1:8188"), 2,
                    Duration.ofSeconds(3), Duration.ofSeconds(1), 40, 300, 0, dir.resolve("report"),
                    LoadTestOptions.Target.JANUS, pid);
            Report.Result result = new LoadTest(options, new PrintStream(new ByteArrayOutputStream())).run();
            assertThat(result.joined()).isEqualTo(3);
            assertThat(result.failed()).isZero();
            assertThat(result.packets()).isGreaterThan(100);
            assertThat(result.lost()).isZero();
            assertThat(Files.readString(dir.resolve("report/report.txt")))
                    .contains("RESULT target=janus scenario=broadcast n=2");
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        }
    }
}
