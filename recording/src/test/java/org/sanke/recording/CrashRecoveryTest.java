package org.sanke.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanke.recording.ffmpeg.Ffprobe;
import org.sanke.recording.mkv.MatroskaRecovery;
import org.sanke.recording.rtp.Codec;

/**
 * A recorder process killed with SIGKILL in the middle of a stream: the file it leaves is recovered at the next start
 * and holds everything but the last seconds, bit for bit.
 */
class CrashRecoveryTest {
    /** What a kill may cost: the cluster in memory (one second) and what waits in the queue and reorder buffer. */
    private static final double MAY_LOSE_SECONDS = 2.0;

    @TempDir
    Path dir;

    @Test
    void aKilledRecorderLosesOnlyItsLastSeconds() throws Exception {
        RequiredFfmpeg.require();
        Path source = Clips.make(dir, Codec.VP8, 10);
        List<byte[]> packets = Clips.packetize(source);
        Path dump = dir.resolve("packets.bin");
        CrashChild.dump(packets, dump);
        Path recordings = Files.createDirectories(dir.resolve("recordings"));

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                dump.toString(), recordings.toString()).redirectErrorStream(true).start();
        long fedMillis = 0;
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("fed ")) {
                    fedMillis = Long.parseLong(line.substring(4));
                    if (fedMillis >= 6000) {
                        child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally, no flush
                        break;
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(fedMillis).as(output::toString).isGreaterThanOrEqualTo(6000);
        assertThat(child.exitValue()).isEqualTo(137); // 128 + SIGKILL

        List<MatroskaRecovery.Result> results = RecordingRecovery.recover(recordings);

        assertThat(results).hasSize(1);
        MatroskaRecovery.Result result = results.get(0);
        assertThat(result.outcome()).isEqualTo(MatroskaRecovery.Outcome.REPAIRED);
        Path file = result.file();
        assertThat(file).hasFileName("teacher-camera.webm");
        Ffprobe.Probe probe = Ffprobe.probe(file, true);
        double fed = fedMillis / 1000.0;
        System.out.printf("killed after %.1f s handed over; recovered %.2f s, %d frames%n", fed,
                probe.durationSeconds(), result.frames());
        assertThat(probe.durationSeconds()).isBetween(fed - MAY_LOSE_SECONDS, fed + 0.5);
        long frames = probe.first("video").orElseThrow().readFrames();
        assertThat(frames).isEqualTo(result.frames());
        assertThat(Clips.packetHashes(file)).isEqualTo(Clips.packetHashes(source).subList(0, (int) frames));
        assertThat(Clips.decodeErrors(file)).isEmpty();
        try (Stream<Path> left = Files.list(recordings)) {
            assertThat(left).containsExactly(file);
        }
    }
}
