package org.sanke.recording.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.sanke.recording.ffmpeg.Ffmpeg;

/**
 * Composes a lesson's track files into its replay, with ffmpeg:
 * <ul>
 *   <li>the picture (1280×720): the teacher's camera; while a screen is shared, the screen, with the teacher inset
 *   bottom right; classrooms on stage inset bottom left, side by side, while on stage;</li>
 *   <li>the sound: every microphone recorded (the teacher's, on-stage classrooms'), mixed;</li>
 *   <li>each track placed at its own start (the files' DateUTC), so tracks that started and stopped at different
 *   moments line up; the replay runs from the first track's start to the last one's end;</li>
 *   <li>out: {@code replay.mp4} (H.264/AAC, faststart, chapters), {@code hls/index.m3u8} with 4 s segments,
 *   {@code poster.jpg}.</li>
 * </ul>
 * Blocks for as long as ffmpeg works: a job's thread, never a lesson's.
 */
public final class ReplayComposer {
    static final int WIDTH = 1280;
    static final int HEIGHT = 720;
    static final int INSET_WIDTH = 320;
    private static final int MARGIN = 16;

    private ReplayComposer() {
    }

    /** The tracks of a recording folder, by start. */
    public static List<RecordedTrack> tracks(Path recording) throws IOException {
        List<RecordedTrack> tracks = new ArrayList<>();
        try (Stream<Path> files = Files.list(recording)) {
            for (Path file : files.sorted().toList()) {
                RecordedTrack.read(file).ifPresent(tracks::add);
            }
        }
        tracks.sort(Comparator.comparing(RecordedTrack::start));
        return tracks;
    }

    /** Composes {@code recording}'s tracks into {@code out} (made if missing). */
    public static ComposedReplay compose(Path recording, Path out, Duration timeout) throws IOException {
        List<RecordedTrack> tracks = tracks(recording);
        if (tracks.stream().noneMatch(RecordedTrack::video)) {
            throw new IOException("no video track to compose in " + recording);
        }
        Files.createDirectories(out);
        Instant start = tracks.get(0).start();
        double duration = tracks.stream().mapToDouble(t -> t.offsetSeconds(start) + t.durationSeconds()).max()
                .orElseThrow();
        List<Chapter> chapters = chapters(tracks, start);
        Path metadata = out.resolve("chapters.txt");
        Files.writeString(metadata, ffmetadata(chapters, duration), StandardCharsets.UTF_8);

        List<String> command = new ArrayList<>(List.of(Ffmpeg.ffmpeg().toString(), "-nostdin", "-v", "error",
                "-y"));
        for (RecordedTrack track : tracks) {
            command.addAll(List.of("-i", track.file().toString()));
        }
        command.addAll(List.of("-i", metadata.toString(), "-filter_complex", filterGraph(tracks, start, duration),
                "-map", "[picture]", "-map", "[sound]", "-map_metadata", Integer.toString(tracks.size()),
                "-map_chapters", Integer.toString(tracks.size()),
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "26", "-pix_fmt", "yuv420p", "-g", "50",
                "-c:a", "aac", "-b:a", "96k", "-movflags", "+faststart", "-t", seconds(duration)));
        Path mp4 = out.resolve("replay.mp4");
        command.add(mp4.toString());
        check(Ffmpeg.run(command, timeout), "composing");

        Path hls = out.resolve("hls");
        Files.createDirectories(hls);
        Path playlist = hls.resolve("index.m3u8");
        check(Ffmpeg.run(List.of(Ffmpeg.ffmpeg().toString(), "-nostdin", "-v", "error", "-y", "-i", mp4.toString(),
                "-c", "copy", "-f", "hls", "-hls_time", "4", "-hls_playlist_type", "vod",
                "-hls_segment_filename", hls.resolve("segment%04d.ts").toString(), playlist.toString()), timeout),
                "segmenting for HLS");

        Path poster = out.resolve("poster.jpg");
        check(Ffmpeg.run(List.of(Ffmpeg.ffmpeg().toString(), "-nostdin", "-v", "error", "-y",
                "-ss", seconds(Math.min(2.0, duration / 2)), "-i", mp4.toString(), "-frames:v", "1",
                "-vf", "scale=640:-2", "-q:v", "4", poster.toString()), timeout), "making the poster");
        Files.deleteIfExists(metadata);
        return new ComposedReplay(mp4, playlist, poster, duration, chapters);
    }

    /** A screen share started, a classroom came on stage: from the tracks' starts. */
    static List<Chapter> chapters(List<RecordedTrack> tracks, Instant start) {
        List<Chapter> chapters = new ArrayList<>();
        for (RecordedTrack t : tracks) {
            long at = Math.max(0, Math.round(t.offsetSeconds(start) * 1000));
            if ("screen".equals(t.source())) {
                chapters.add(new Chapter(at, "screen_share", t.participantId()));
            } else if (!"teacher".equals(t.role()) && "camera".equals(t.source())) {
                chapters.add(new Chapter(at, "on_stage", t.participantId()));
            }
        }
        chapters.sort(Comparator.comparingLong(Chapter::offsetMillis));
        return chapters;
    }

    /**
     * ffmpeg's metadata file: one chapter per mark, each up to the next (the last to the end), after a first one
     * from the start (MP4's chapters cover the whole file, so a first mark after 0 would be moved to 0).
     */
    static String ffmetadata(List<Chapter> marks, double duration) {
        StringBuilder text = new StringBuilder(";FFMETADATA1\ntitle=Sanke replay\n");
        List<Chapter> chapters = new ArrayList<>(marks);
        if (!chapters.isEmpty() && chapters.get(0).offsetMillis() > 0) {
            chapters.add(0, new Chapter(0, "lesson", "start"));
        }
        for (int i = 0; i < chapters.size(); i++) {
            long end = i + 1 < chapters.size() ? chapters.get(i + 1).offsetMillis() : Math.round(duration * 1000);
            Chapter c = chapters.get(i);
            text.append("[CHAPTER]\nTIMEBASE=1/1000\nSTART=").append(c.offsetMillis()).append("\nEND=")
                    .append(Math.max(end, c.offsetMillis() + 1)).append("\ntitle=").append(c.kind()).append(' ')
                    .append(c.participantId()).append('\n');
        }
        return text.toString();
    }

    /**
     * The filter graph: a black canvas the replay's length; the teacher's camera full; each screen share full over
     * it, with the teacher inset while it lasts; on-stage cameras inset; every microphone delayed to its start and
     * mixed. Inputs are numbered as {@code tracks}; a stream that has ended lets the one beneath show again.
     */
    static String filterGraph(List<RecordedTrack> tracks, Instant start, double duration) {
        StringBuilder graph = new StringBuilder();
        graph.append(String.format(Locale.ROOT, "color=c=black:s=%dx%d:r=25:d=%s[canvas0]", WIDTH, HEIGHT,
                seconds(duration)));
        List<double[]> screenWindows = new ArrayList<>();
        for (RecordedTrack t : tracks) {
            if ("screen".equals(t.source())) {
                double from = t.offsetSeconds(start);
                screenWindows.add(new double[] {from, from + t.durationSeconds()});
            }
        }
        int layer = 0;
        int insetsLeft = 0;
        List<String> layers = new ArrayList<>();
        List<Integer> teacherCameras = new ArrayList<>();
        // Full-frame layers first (teacher camera, then screens), insets on top.
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < tracks.size(); i++) {
                RecordedTrack t = tracks.get(i);
                if (!t.video()) {
                    continue;
                }
                boolean teacherCamera = "teacher".equals(t.role()) && "camera".equals(t.source());
                boolean full = teacherCamera || "screen".equals(t.source());
                if ((pass == 0) != full) {
                    continue;
                }
                String shifted = String.format(Locale.ROOT, "[%d:v]setpts=PTS-STARTPTS+%s/TB", i,
                        seconds(t.offsetSeconds(start)));
                if (full && teacherCamera && !screenWindows.isEmpty()) {
                    graph.append(';').append(shifted).append(",split=2[full").append(i).append("][insetsrc")
                            .append(i).append(']');
                    teacherCameras.add(i);
                    shifted = "[full" + i + "]";
                    graph.append(';').append(shifted).append(fit()).append("[v").append(i).append(']');
                } else if (full) {
                    graph.append(';').append(shifted).append(',').append(fit()).append("[v").append(i).append(']');
                } else {
                    graph.append(';').append(shifted).append(",scale=").append(INSET_WIDTH).append(":-2[v")
                            .append(i).append(']');
                }
                String position = full ? "0:0" : String.format(Locale.ROOT, "%d:H-h-%d",
                        MARGIN + insetsLeft++ * (INSET_WIDTH + MARGIN), MARGIN);
                layers.add(String.format(Locale.ROOT, "[canvas%d][v%d]overlay=%s:eof_action=pass[canvas%d]",
                        layer, i, position, layer + 1));
                layer++;
            }
        }
        // The teacher inset while a screen is shared.
        for (int i : teacherCameras) {
            StringBuilder enable = new StringBuilder();
            for (double[] w : screenWindows) {
                enable.append(enable.isEmpty() ? "" : "+").append(String.format(Locale.ROOT, "between(t\\,%s\\,%s)",
                        seconds(w[0]), seconds(w[1])));
            }
            graph.append(";[insetsrc").append(i).append("]scale=").append(INSET_WIDTH).append(":-2[inset")
                    .append(i).append(']');
            layers.add(String.format(Locale.ROOT, "[canvas%d][inset%d]overlay=W-w-%d:H-h-%d:eof_action=pass"
                    + ":enable='%s'[canvas%d]", layer, i, MARGIN, MARGIN, enable, layer + 1));
            layer++;
        }
        for (String l : layers) {
            graph.append(';').append(l);
        }
        graph.append(";[canvas").append(layer).append("]format=yuv420p[picture]");
        // The sound.
        List<String> voices = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            RecordedTrack t = tracks.get(i);
            if (!t.video()) {
                long delay = Math.max(0, Math.round(t.offsetSeconds(start) * 1000));
                // async: a pause in a track's sending becomes silence, so the voices stay in time
                graph.append(String.format(Locale.ROOT,
                        ";[%d:a]aresample=48000:async=1:first_pts=0,adelay=%d:all=1[a%d]", i, delay, i));
                voices.add("[a" + i + "]");
            }
        }
        if (voices.isEmpty()) {
            graph.append(String.format(Locale.ROOT, ";anullsrc=r=48000:cl=stereo,atrim=0:%s[sound]",
                    seconds(duration)));
        } else {
            graph.append(';').append(String.join("", voices)).append(String.format(Locale.ROOT,
                    "amix=inputs=%d:normalize=0:dropout_transition=0,apad,atrim=0:%s[sound]", voices.size(),
                    seconds(duration)));
        }
        return graph.toString();
    }

    /** Scaled to fit the frame, letterboxed. */
    private static String fit() {
        return String.format(Locale.ROOT, "scale=%d:%d:force_original_aspect_ratio=decrease,"
                + "pad=%d:%d:(ow-iw)/2:(oh-ih)/2", WIDTH, HEIGHT, WIDTH, HEIGHT);
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static void check(Ffmpeg.Run run, String what) throws IOException {
        if (!run.ok()) {
            throw new IOException("ffmpeg failed " + what + " (exit " + run.exitCode() + "): "
                    + run.stderr().strip());
        }
    }
}
