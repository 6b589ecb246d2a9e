package org.sanke.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanke.recording.ffmpeg.Ffprobe;
import org.sanke.recording.rtp.Codec;

/**
 * Records real encoded media, as ffmpeg's RTP packetiser sends it, through the whole recorder (hand-over queue,
 * reorder buffer, depacketiser, Matroska writer) and reads the files back with ffprobe and ffmpeg: the recorded
 * frames must be the source's, bit for bit.
 */
class RecordingMediaTest {
    /** Long enough for holes never to be given up while a test feeds packets back to back on a loaded machine. */
    private static final RecordingOptions PATIENT = new RecordingOptions(2048, 1500, 256, 5000, 1000, 5000, 5, 1000);

    @TempDir
    static Path clips;
    @TempDir
    Path out;

    private static final Map<Codec, Path> sources = new EnumMap<>(Codec.class);
    private static final Map<Codec, List<byte[]>> packets = new EnumMap<>(Codec.class);

    @BeforeAll
    static void makeClips() throws Exception {
        RequiredFfmpeg.require();
        Map<Codec, CompletableFuture<List<byte[]>>> sent = new EnumMap<>(Codec.class);
        for (Codec codec : Codec.values()) {
            Path source = Clips.make(clips, codec, 3);
            sources.put(codec, source);
            sent.put(codec, CompletableFuture.supplyAsync(() -> {
                try {
                    return Clips.packetize(source);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        for (Codec codec : Codec.values()) {
            packets.put(codec, sent.get(codec).get());
        }
    }

    private TrackSummary record(String name, Codec codec, List<byte[]> feed) throws Exception {
        try (Recording recording = Recording.start(out, PATIENT)) {
            TrackTap tap = recording.addTrack(new TrackSpec(name, codec, 96, null));
            for (byte[] packet : feed) {
                assertThat(tap.offer(packet, 0, packet.length, System.nanoTime())).isTrue();
            }
            tap.end();
            return tap.summary().get();
        }
    }

    @Test
    void vp8IsRecordedFrameForFrame() throws Exception {
        TrackSummary summary = record("teacher-camera", Codec.VP8, packets.get(Codec.VP8));

        assertThat(summary.file()).hasFileName("teacher-camera.webm");
        assertThat(summary.error()).isNull();
        assertThat(summary.frames()).isEqualTo(90);
        assertThat(summary.packetsLost()).isZero();
        Ffprobe.Probe probe = Ffprobe.probe(summary.file(), true);
        assertThat(probe.formatName()).contains("webm");
        assertThat(probe.durationSeconds()).isCloseTo(3.0, within(0.1));
        assertThat(probe.tags()).containsEntry("title", "teacher-camera").containsKey("creation_time");
        Ffprobe.Stream video = probe.first("video").orElseThrow();
        assertThat(video.codecName()).isEqualTo("vp8");
        assertThat(video.width()).isEqualTo(320);
        assertThat(video.height()).isEqualTo(240);
        assertThat(video.readFrames()).isEqualTo(90);
        assertThat(Clips.packetHashes(summary.file())).isEqualTo(Clips.packetHashes(sources.get(Codec.VP8)));
        assertThat(Clips.decodeErrors(summary.file())).isEmpty();
    }

    @Test
    void h264IsRecordedPictureForPicture() throws Exception {
        TrackSummary summary = record("screen", Codec.H264, packets.get(Codec.H264));

        assertThat(summary.file()).hasFileName("screen.mkv");
        assertThat(summary.frames()).isEqualTo(90);
        Ffprobe.Probe probe = Ffprobe.probe(summary.file(), true);
        assertThat(probe.formatName()).contains("matroska");
        assertThat(probe.durationSeconds()).isCloseTo(3.0, within(0.1));
        Ffprobe.Stream video = probe.first("video").orElseThrow();
        assertThat(video.codecName()).isEqualTo("h264");
        assertThat(video.width()).isEqualTo(320);
        assertThat(video.height()).isEqualTo(180); // 12 macroblock rows cropped by 12 lines, read from the SPS
        assertThat(video.readFrames()).isEqualTo(90);
        assertThat(Clips.decodedHashes(summary.file())).isEqualTo(Clips.decodedHashes(sources.get(Codec.H264)));
        assertThat(Clips.decodeErrors(summary.file())).isEmpty();
    }

    @Test
    void opusIsRecordedPacketForPacket() throws Exception {
        TrackSummary summary = record("teacher-audio", Codec.OPUS, packets.get(Codec.OPUS));

        assertThat(summary.file()).hasFileName("teacher-audio.webm");
        Ffprobe.Probe probe = Ffprobe.probe(summary.file(), true);
        assertThat(probe.durationSeconds()).isCloseTo(3.0, within(0.1));
        Ffprobe.Stream audio = probe.first("audio").orElseThrow();
        assertThat(audio.codecName()).isEqualTo("opus");
        assertThat(audio.channels()).isEqualTo(2);
        assertThat(audio.sampleRate()).isEqualTo(48_000);
        List<String> source = Clips.packetHashes(sources.get(Codec.OPUS));
        assertThat(audio.readFrames()).isEqualTo(source.size());
        assertThat(Clips.packetHashes(summary.file())).isEqualTo(source);
        assertThat(Clips.decodeErrors(summary.file())).isEmpty();
    }

    @Test
    void reorderedAndDuplicatedPacketsAreRepairedAndALossCostsFramesUpToTheNextKeyframe() throws Exception {
        List<byte[]> sent = packets.get(Codec.VP8);
        List<Long> frameTimestamps = sent.stream().map(Clips::timestamp).distinct().toList();
        List<Boolean> keys = Clips.keyframes(sources.get(Codec.VP8));
        int lostFrame = 35;
        while (keys.get(lostFrame) || packetsOf(sent, frameTimestamps.get(lostFrame)) < 2) {
            lostFrame++; // a delta frame sent in two packets or more
        }
        long lostTimestamp = frameTimestamps.get(lostFrame);
        List<byte[]> feed = new ArrayList<>();
        int seen = 0;
        for (byte[] packet : sent) {
            if (Clips.timestamp(packet) == lostTimestamp && seen++ == 1) {
                continue; // its second packet never arrives
            }
            feed.add(packet);
        }
        for (int i = 0; i + 1 < feed.size(); i += 7) { // every seventh packet swaps with the next
            feed.set(i, feed.set(i + 1, feed.get(i)));
        }
        for (int i = feed.size() - 1; i >= 0; i -= 11) { // and some come twice
            feed.add(i, feed.get(i));
        }

        TrackSummary summary = record("teacher-camera", Codec.VP8, feed);

        List<String> source = Clips.packetHashes(sources.get(Codec.VP8));
        int nextKeyframe = lostFrame + 1;
        while (!keys.get(nextKeyframe)) {
            nextKeyframe++;
        }
        List<String> expected = new ArrayList<>(source.subList(0, lostFrame));
        expected.addAll(source.subList(nextKeyframe, source.size()));
        assertThat(Clips.packetHashes(summary.file())).isEqualTo(expected);
        assertThat(Clips.decodeErrors(summary.file())).isEmpty();
        assertThat(summary.packetsLost()).isEqualTo(1);
        assertThat(summary.framesDropped()).isEqualTo(nextKeyframe - lostFrame);
    }

    private static long packetsOf(List<byte[]> packets, long timestamp) {
        return packets.stream().filter(p -> Clips.timestamp(p) == timestamp).count();
    }

    @Test
    void tracksThatStartLaterSayWhenTheyStarted() throws Exception {
        List<TrackSummary> summaries;
        try (Recording recording = Recording.start(out, PATIENT)) {
            TrackTap audio = recording.addTrack(new TrackSpec("teacher-audio", Codec.OPUS));
            TrackTap camera = recording.addTrack(new TrackSpec("classroom-1", Codec.VP8));
            List<byte[]> audioPackets = packets.get(Codec.OPUS);
            for (byte[] packet : audioPackets.subList(0, 10)) {
                audio.offer(packet, 0, packet.length, System.nanoTime());
            }
            Thread.sleep(700);
            for (byte[] packet : packets.get(Codec.VP8)) {
                camera.offer(packet, 0, packet.length, System.nanoTime());
            }
            summaries = recording.closeAsync().get();
        }
        TrackSummary audio = summaries.get(0);
        TrackSummary camera = summaries.get(1);
        double gap = (camera.startEpochNanos() - audio.startEpochNanos()) / 1e9;
        assertThat(gap).isCloseTo(0.7, within(0.25));
        Instant audioStart = Instant.parse(Ffprobe.probe(audio.file(), false).tags().get("creation_time"));
        Instant cameraStart = Instant.parse(Ffprobe.probe(camera.file(), false).tags().get("creation_time"));
        assertThat(Duration.between(audioStart, cameraStart).toNanos() / 1e9).isCloseTo(gap, within(0.001));
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
        RecordingOptions tiny = new RecordingOptions(8, 1500, 256, 5000, 1000, 5000, 1000, 1000);
        try (Recording recording = Recording.start(out, tiny)) {
            TrackTap tap = recording.addTrack(new TrackSpec("teacher-camera", Codec.VP8));
            int refused = 0;
            long slowest = 0;
            for (byte[] packet : packets.get(Codec.VP8)) {
                long before = System.nanoTime();
                if (!tap.offer(packet, 0, packet.length, before)) {
                    refused++;
                }
                slowest = Math.max(slowest, System.nanoTime() - before);
            }
            assertThat(refused).isPositive(); // the recorder thread sleeps a second between looks: 8 slots fill
            assertThat(tap.queueDrops()).isEqualTo(refused);
            assertThat(slowest).isLessThan(Duration.ofMillis(100).toNanos());
        }
    }
}
