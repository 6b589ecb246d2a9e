package org.sanke.recording.ffmpeg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What ffprobe says about a media file: its container, streams, durations and, when asked, its frame counts. */
public final class Ffprobe {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One stream. Numbers ffprobe did not give are -1 (NaN for durations).
     *
     * @param readFrames frames demuxed and decoded (only with {@code countFrames}), -1 otherwise
     */
    public record Stream(int index, String codecType, String codecName, int width, int height, int channels,
                         int sampleRate, double durationSeconds, long readFrames) {
    }

    /** The whole file; {@code tags} holds the container's tags (e.g. title, creation_time). */
    public record Probe(String formatName, double durationSeconds, Map<String, String> tags, List<Stream> streams) {
        /** The first stream of {@code type} ("video", "audio"). */
        public Optional<Stream> first(String type) {
            return streams.stream().filter(s -> type.equals(s.codecType())).findFirst();
        }
    }

    private Ffprobe() {
    }

    /**
     * Probes {@code file}. With {@code countFrames} ffprobe decodes every frame to count them, which also tells that
     * they decode.
     */
    public static Probe probe(Path file, boolean countFrames) throws IOException {
        List<String> command = new ArrayList<>(List.of(Ffmpeg.ffprobe().toString(), "-v", "error",
                "-print_format", "json", "-show_format", "-show_streams"));
        if (countFrames) {
            command.add("-count_frames");
        }
        command.add(file.toString());
        Ffmpeg.Run run = Ffmpeg.run(command, Duration.ofMinutes(2));
        if (!run.ok()) {
            throw new IOException("ffprobe failed on " + file + " (exit " + run.exitCode() + "): "
                    + Ffmpeg.tail(run.stderr()));
        }
        return parse(JSON.readTree(run.stdout()));
    }

    static Probe parse(JsonNode root) {
        List<Stream> streams = new ArrayList<>();
        for (JsonNode s : root.path("streams")) {
            streams.add(new Stream(s.path("index").asInt(-1), s.path("codec_type").asText(""),
                    s.path("codec_name").asText(""), s.path("width").asInt(-1), s.path("height").asInt(-1),
                    s.path("channels").asInt(-1), (int) number(s.path("sample_rate"), -1),
                    number(s.path("duration"), Double.NaN), (long) number(s.path("nb_read_frames"), -1)));
        }
        JsonNode format = root.path("format");
        Map<String, String> tags = new LinkedHashMap<>();
        format.path("tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
        return new Probe(format.path("format_name").asText(""), number(format.path("duration"), Double.NaN), tags,
                List.copyOf(streams));
    }

    /** ffprobe writes most numbers as strings, and "N/A" where it has none. */
    private static double number(JsonNode node, double missing) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        try {
            return node.isTextual() ? Double.parseDouble(node.asText()) : missing;
        } catch (NumberFormatException e) {
            return missing;
        }
    }
}
