package org.sanke.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanke.recording.ffmpeg.Ffmpeg;
import org.sanke.recording.ffmpeg.Ffprobe;
import org.sanke.recording.mkv.CodecHeaders;
import org.sanke.recording.mkv.MatroskaRecovery;
import org.sanke.recording.mkv.MatroskaTrackWriter;
import org.sanke.recording.mkv.TrackHeader;
import org.sanke.recording.rtp.Codec;

/**
 * Files as a killed process leaves them: the track writer's file copied while it is still being written (what the
 * disk holds at that moment), then cut at awkward places, and finished by recovery.
 */
class RecoveryTest {
    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static Path source;
    private static List<Ivf.Frame> frames;
    private static List<String> sourceHashes;
    /** The file after 120 frames (4 s) were written and before the writer closed: three clusters are on disk. */
    private static byte[] unfinished;

    @BeforeAll
    static void writeAndCopyMidWay() throws Exception {
        RequiredFfmpeg.require();
        source = Clips.make(shared, Codec.VP8, 4);
        frames = Ivf.frames(source);
        sourceHashes = Clips.packetHashes(source);
        CodecHeaders.Size size = CodecHeaders.vp8Size(frames.get(0).data(), 0, frames.get(0).data().length);
        Path file = shared.resolve("live.webm");
        TrackHeader header = new TrackHeader(Codec.VP8, "teacher-camera", System.currentTimeMillis() * 1_000_000,
                size, null, 0);
        long now = System.nanoTime();
        try (MatroskaTrackWriter writer = MatroskaTrackWriter.create(file, header, 1000, 5000, now)) {
            for (int i = 0; i < frames.size(); i++) {
                Ivf.Frame f = frames.get(i);
                writer.write(i * 1000L / 30, f.data(), 0, f.data().length, f.keyframe(), now);
            }
            unfinished = Files.readAllBytes(file);
        }
    }

    private Path copy(int length) throws IOException {
        Path file = dir.resolve("teacher-camera.webm");
        Files.write(file, Arrays.copyOf(unfinished, length));
        return file;
    }

    @Test
    void anUnfinishedFileIsReadableAsItIsAndRecoveryFinishesIt() throws Exception {
        assertThat(frames).hasSize(120);
        Path file = copy(unfinished.length);
        assertThat(Ffprobe.probe(file, true).first("video").orElseThrow().readFrames()).isEqualTo(90);

        MatroskaRecovery.Result result = MatroskaRecovery.recover(file);

        assertThat(result.outcome()).isEqualTo(MatroskaRecovery.Outcome.REPAIRED);
        assertThat(result.frames()).isEqualTo(90);
        assertThat(result.bytesCut()).isZero();
        Ffprobe.Probe probe = Ffprobe.probe(file, true);
        assertThat(probe.durationSeconds()).isCloseTo(3.0, within(0.05));
        assertThat(probe.first("video").orElseThrow().readFrames()).isEqualTo(90);
        assertThat(Clips.packetHashes(file)).isEqualTo(sourceHashes.subList(0, 90));
        assertThat(Clips.decodeErrors(file)).isEmpty();
        assertThat(seeksTo(file, 2.5)).isTrue();

        byte[] finished = Files.readAllBytes(file);
        assertThat(MatroskaRecovery.recover(file).outcome()).isEqualTo(MatroskaRecovery.Outcome.ALREADY_FINISHED);
        assertThat(Files.readAllBytes(file)).isEqualTo(finished);
    }

    @Test
    void aClusterCutShortKeepsItsCompleteFrames() throws Exception {
        Path file = copy(unfinished.length - 3000);

        MatroskaRecovery.Result result = MatroskaRecovery.recover(file);

        assertThat(result.outcome()).isEqualTo(MatroskaRecovery.Outcome.REPAIRED);
        assertThat(result.frames()).isBetween(61L, 89L);
        assertThat(result.bytesCut()).isPositive().isLessThan(3000);
        List<String> kept = Clips.packetHashes(file);
        assertThat(kept).isEqualTo(sourceHashes.subList(0, (int) result.frames()));
        assertThat(Clips.decodeErrors(file)).isEmpty();
        assertThat(Ffprobe.probe(file, false).durationSeconds()).isCloseTo(result.frames() / 30.0, within(0.05));
    }

    @Test
    void everyCutIsRecoveredToAReadableFile() throws Exception {
        for (int length = 300; length < unfinished.length; length += 7919) { // a prime stride lands anywhere
            Path file = copy(length);
            MatroskaRecovery.Result result = MatroskaRecovery.recover(file);
            if (result.outcome() == MatroskaRecovery.Outcome.REMOVED_EMPTY) {
                assertThat(file).doesNotExist();
                continue;
            }
            assertThat(result.outcome()).as("cut at %d", length).isEqualTo(MatroskaRecovery.Outcome.REPAIRED);
            assertThat(Clips.packetHashes(file)).as("cut at %d", length)
                    .isEqualTo(sourceHashes.subList(0, (int) result.frames()));
            assertThat(Clips.decodeErrors(file)).as("cut at %d", length).isEmpty();
        }
    }

    @Test
    void aFileCutInsideItsHeaderHeldNothingAndIsRemoved() throws Exception {
        Path file = copy(100);
        assertThat(MatroskaRecovery.recover(file).outcome()).isEqualTo(MatroskaRecovery.Outcome.REMOVED_EMPTY);
        assertThat(file).doesNotExist();
    }

    @Test
    void aDirectoryIsRecoveredAndFilesOfOtherWritersAreLeftAlone() throws Exception {
        Path lesson = Files.createDirectories(dir.resolve("lesson-1"));
        Files.write(lesson.resolve("teacher-camera.webm"), unfinished);
        Path foreign = lesson.resolve("upload.webm");
        Ffmpeg.Run run = Ffmpeg.run(List.of(Ffmpeg.ffmpeg().toString(), "-v", "error", "-i", source.toString(),
                "-c", "copy", "-f", "webm", "-live", "1", foreign.toString()), Duration.ofMinutes(1));
        assertThat(run.ok()).as(run.stderr()).isTrue();
        byte[] foreignBytes = Files.readAllBytes(foreign);

        List<MatroskaRecovery.Result> results = RecordingRecovery.recover(dir);

        assertThat(results).extracting(r -> lesson.relativize(r.file()).toString(), MatroskaRecovery.Result::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("teacher-camera.webm",
                                MatroskaRecovery.Outcome.REPAIRED),
                        org.assertj.core.groups.Tuple.tuple("upload.webm", MatroskaRecovery.Outcome.UNREADABLE));
        assertThat(Files.readAllBytes(foreign)).isEqualTo(foreignBytes);
        assertThat(RecordingRecovery.recover(dir)).extracting(MatroskaRecovery.Result::outcome)
                .containsExactly(MatroskaRecovery.Outcome.ALREADY_FINISHED, MatroskaRecovery.Outcome.UNREADABLE);
    }

    /** Whether ffmpeg can seek into the file (through its Cues) and decode from there. */
    private static boolean seeksTo(Path file, double seconds) throws IOException {
        Ffmpeg.Run run = Ffmpeg.run(List.of(Ffmpeg.ffmpeg().toString(), "-v", "error", "-ss",
                Double.toString(seconds), "-i", file.toString(), "-frames:v", "1", "-f", "null", "-"),
                Duration.ofMinutes(1));
        return run.ok() && run.stderr().isBlank();
    }
}
