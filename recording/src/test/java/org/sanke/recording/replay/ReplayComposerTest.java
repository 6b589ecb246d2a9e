package org.sanke.recording.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanke.recording.RequiredFfmpeg;
import org.sanke.recording.ffmpeg.Ffmpeg;
import org.sanke.recording.ffmpeg.Ffprobe;

/**
 * A lesson's tracks, as the recorder leaves them (one WebM per track, each with its own start), composed into its
 * replay: the teacher's camera (grey) for 8 s and her voice; a blue screen share from 2 s to 5 s; a classroom (red)
 * on stage from 4 s to 6 s. The replay lasts 8 s, plays in H.264/AAC, shows the screen while it is shared with the
 * teacher inset, the classroom inset while on stage, and has HLS, a poster and two chapter marks.
 */
class ReplayComposerTest {
    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    @TempDir
    static Path recording;
    @TempDir
    Path out;

    @BeforeAll
    static void recordALesson() throws Exception {
        RequiredFfmpeg.require();
        video("teacher-camera-pteacher.webm", "color=c=gray:s=640x360:r=25", 8, 0);
        audio("teacher-microphone-pteacher.webm", 8, 0);
        video("teacher-screen-pteacher.webm", "color=c=blue:s=1280x720:r=10", 3, 2);
        video("classroom-camera-proom.webm", "color=c=red:s=640x360:r=25", 2, 4);
        audio("classroom-microphone-proom.webm", 2, 4);
        Files.writeString(recording.resolve("notes.txt"), "not a track");
    }

    private static void video(String name, String source, int seconds, int startsAt) throws IOException {
        make(name, List.of("-f", "lavfi", "-i", source, "-t", Integer.toString(seconds), "-c:v", "libvpx",
                "-b:v", "300k", "-deadline", "realtime", "-cpu-used", "8"), startsAt);
    }

    private static void audio(String name, int seconds, int startsAt) throws IOException {
        make(name, List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t",
                Integer.toString(seconds), "-ac", "2", "-c:a", "libopus"), startsAt);
    }

    private static void make(String name, List<String> arguments, int startsAt) throws IOException {
        List<String> command = new ArrayList<>(List.of(Ffmpeg.ffmpeg().toString(), "-nostdin", "-v", "error",
                "-y"));
        command.addAll(arguments);
        command.addAll(List.of("-metadata", "creation_time=" + T0.plusSeconds(startsAt),
                recording.resolve(name).toString()));
        Ffmpeg.Run run = Ffmpeg.run(command, Duration.ofMinutes(1));
        assertThat(run.ok()).as(run.stderr()).isTrue();
    }

    @Test
    void theTracksAreReadWithTheirStarts() throws Exception {
        List<RecordedTrack> tracks = ReplayComposer.tracks(recording);
        assertThat(tracks).hasSize(5);
        RecordedTrack screen = tracks.stream().filter(t -> t.source().equals("screen")).findFirst().orElseThrow();
        assertThat(screen.offsetSeconds(T0)).isCloseTo(2.0, within(0.01));
        assertThat(screen.durationSeconds()).isCloseTo(3.0, within(0.2));
        assertThat(ReplayComposer.chapters(tracks, T0)).extracting(Chapter::kind, Chapter::offsetMillis)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("screen_share", 2000L),
                        org.assertj.core.groups.Tuple.tuple("on_stage", 4000L));
    }

    @Test
    void theReplayIsAlignedPlayableAndMarked() throws Exception {
        ComposedReplay replay = ReplayComposer.compose(recording, out, Duration.ofMinutes(3));
        assertThat(replay.durationSeconds()).isCloseTo(8.0, within(0.2));

        Ffprobe.Probe mp4 = Ffprobe.probe(replay.mp4(), false);
        assertThat(mp4.durationSeconds()).isCloseTo(8.0, within(0.3));
        assertThat(mp4.first("video").orElseThrow().codecName()).isEqualTo("h264");
        assertThat(mp4.first("video").orElseThrow().width()).isEqualTo(1280);
        assertThat(mp4.first("audio").orElseThrow().codecName()).isEqualTo("aac");
        // faststart: the index (moov) before the media (mdat).
        byte[] head = Files.readAllBytes(replay.mp4());
        String start = new String(head, 0, Math.min(head.length, 4096), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(start.indexOf("moov")).isPositive().isLessThan(Math.max(0, start.indexOf("mdat")) + 4096);

        assertThat(colourAt(replay.mp4(), 1.0, 640, 360)).as("the teacher, before the share").isEqualTo("gray");
        assertThat(colourAt(replay.mp4(), 3.0, 640, 360)).as("the screen, while shared").isEqualTo("blue");
        assertThat(colourAt(replay.mp4(), 3.0, 1280 - 16 - 80, 720 - 16 - 45)).as("the teacher inset")
                .isEqualTo("gray");
        assertThat(colourAt(replay.mp4(), 4.5, 16 + 80, 720 - 16 - 45)).as("the classroom on stage, inset")
                .isEqualTo("red");
        assertThat(colourAt(replay.mp4(), 7.0, 640, 360)).as("the teacher again").isEqualTo("gray");
        assertThat(colourAt(replay.mp4(), 7.0, 16 + 80, 720 - 16 - 45)).as("the classroom off stage")
                .isEqualTo("gray");

        JsonNode chapters = new ObjectMapper().readTree(Ffmpeg.run(List.of(Ffmpeg.ffprobe().toString(), "-v",
                "error", "-print_format", "json", "-show_chapters", replay.mp4().toString()),
                Duration.ofMinutes(1)).stdout()).path("chapters");
        assertThat(chapters).as("the lesson's start, then the two marks").hasSize(3);
        assertThat(chapters.get(1).path("start_time").asDouble()).isCloseTo(2.0, within(0.05));
        assertThat(chapters.get(1).path("tags").path("title").asText()).isEqualTo("screen_share pteacher");
        assertThat(chapters.get(2).path("start_time").asDouble()).isCloseTo(4.0, within(0.05));
        assertThat(chapters.get(2).path("tags").path("title").asText()).isEqualTo("on_stage proom");

        String playlist = Files.readString(replay.hlsPlaylist());
        assertThat(playlist).contains("#EXT-X-PLAYLIST-TYPE:VOD", "segment0000.ts", "#EXT-X-ENDLIST");
        Ffprobe.Probe hls = Ffprobe.probe(replay.hlsPlaylist(), false);
        assertThat(hls.durationSeconds()).isCloseTo(8.0, within(0.5));
        BufferedImage poster = ImageIO.read(replay.poster().toFile());
        assertThat(poster.getWidth()).isEqualTo(640);
    }

    /** The colour name of the pixel at (x, y) of the frame at {@code seconds}: gray, blue, red, or its RGB. */
    private String colourAt(Path video, double seconds, int x, int y) throws IOException {
        Path frame = out.resolve("frame-" + seconds + ".png");
        Ffmpeg.Run run = Ffmpeg.run(List.of(Ffmpeg.ffmpeg().toString(), "-nostdin", "-v", "error", "-y", "-ss",
                Double.toString(seconds), "-i", video.toString(), "-frames:v", "1", frame.toString()),
                Duration.ofMinutes(1));
        assertThat(run.ok()).as(run.stderr()).isTrue();
        int rgb = ImageIO.read(frame.toFile()).getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (b > 150 && r < 80 && g < 80) {
            return "blue";
        }
        if (r > 150 && g < 80 && b < 80) {
            return "red";
        }
        if (Math.abs(r - g) < 30 && Math.abs(g - b) < 30 && r > 80 && r < 180) {
            return "gray";
        }
        return String.format("rgb(%d,%d,%d)", r, g, b);
    }
}
