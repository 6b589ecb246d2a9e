package org.sanke.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanke.recording.ffmpeg.Ffmpeg;
import org.sanke.recording.rtp.Codec;

/**
 * Pictures of live video, from real VP8 and H.264 as ffmpeg's RTP packetiser sends them: the picture is the newest
 * frame, reduced to the configured width, and a track without a keyframe to start from asks for one.
 */
class StillFramesTest {
    @TempDir
    static Path clips;
    private static Path vp8;
    private static Path h264;
    private static List<byte[]> vp8Packets;
    private static List<byte[]> h264Packets;

    @BeforeAll
    static void makeClips() throws Exception {
        RequiredFfmpeg.require();
        vp8 = Clips.make(clips, Codec.VP8, 3);
        h264 = Clips.make(clips, Codec.H264, 3);
        vp8Packets = Clips.packetize(vp8);
        h264Packets = Clips.packetize(h264);
    }

    private static StillFrameOptions every(Duration interval, int maxGopFrames) {
        return new StillFrameOptions(interval, 160, maxGopFrames, 4 << 20, Duration.ofSeconds(20), 4096);
    }

    /** Feeds every packet, then waits for the picture of the last frame. */
    private static StillFrame lastPicture(Codec codec, List<byte[]> packets) throws Exception {
        LinkedBlockingQueue<StillFrame> pictures = new LinkedBlockingQueue<>();
        try (StillFrames sampler = new StillFrames(every(Duration.ofMillis(1), 300))) {
            StillFrameTrack track = sampler.addTrack(new TrackSpec("teacher-camera", codec, 96, null), pictures::add);
            long lastArrival = 0;
            for (byte[] packet : packets) {
                lastArrival = System.nanoTime();
                assertThat(track.offer(packet, 0, packet.length, lastArrival)).isTrue();
                if (packets.indexOf(packet) % 50 == 49) {
                    Thread.sleep(20); // paced a little, so that pictures of earlier frames are made on the way
                }
            }
            StillFrame picture;
            Instant fedAt = Instant.now();
            do {
                picture = pictures.poll(30, TimeUnit.SECONDS);
                assertThat(picture).as("a picture within 30 s").isNotNull();
            } while (picture.at().isBefore(fedAt.minusMillis(500)) || !pictures.isEmpty() || awaitMore(pictures));
            assertThat(sampler.pictures()).isGreaterThanOrEqualTo(2);
            assertThat(sampler.decodeFailures()).isZero();
            assertThat(track.latest()).isSameAs(picture);
            assertThat(picture.track()).isEqualTo("teacher-camera");
            return picture;
        }
    }

    /** True if another picture comes within a second (the one in hand was not the last). */
    private static boolean awaitMore(LinkedBlockingQueue<StillFrame> pictures) throws InterruptedException {
        StillFrame next = pictures.poll(1, TimeUnit.SECONDS);
        if (next != null) {
            pictures.add(next);
            return true;
        }
        return false;
    }

    @Test
    void aVp8PictureIsTheNewestFrameReducedToTheWidth() throws Exception {
        BufferedImage picture = image(lastPicture(Codec.VP8, vp8Packets).jpeg());
        assertThat(picture.getWidth()).isEqualTo(160);
        assertThat(picture.getHeight()).isEqualTo(120);
        double toLast = difference(picture, sourceFrame(vp8, 89));
        double toFirstOfGroup = difference(picture, sourceFrame(vp8, 60));
        assertThat(toLast).as("against the last frame").isLessThan(toFirstOfGroup);
    }

    @Test
    void anH264PictureIsTheNewestFrame() throws Exception {
        BufferedImage picture = image(lastPicture(Codec.H264, h264Packets).jpeg());
        assertThat(picture.getWidth()).isEqualTo(160);
        assertThat(picture.getHeight()).isEqualTo(90);
        assertThat(difference(picture, sourceFrame(h264, 89))).isLessThan(difference(picture, sourceFrame(h264, 60)));
    }

    @Test
    void aTrackJoinedMidwayAsksForAKeyframeAtOnceAndAGroupPastItsBoundIsDropped() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (StillFrames sampler = new StillFrames(every(Duration.ofMillis(100), 10))) {
            StillFrameTrack track = sampler.addTrack(new TrackSpec("classroom", Codec.VP8, 96,
                    requests::incrementAndGet), null);
            // Past the first keyframe's packets: delta frames only, until the next keyframe (frame 30).
            int start = 20;
            for (int i = start; i < start + 40; i++) {
                byte[] packet = vp8Packets.get(i);
                track.offer(packet, 0, packet.length, System.nanoTime());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (requests.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(requests.get()).as("asked for a keyframe").isPositive();
            assertThat(track.latest()).isNull();

            // Whole groups of 30 frames from here: each outgrows the bound of 10 and is dropped.
            for (int i = start + 40; i < vp8Packets.size(); i++) {
                byte[] packet = vp8Packets.get(i);
                track.offer(packet, 0, packet.length, System.nanoTime());
            }
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((track.pipeline == null || track.pipeline.groupsDropped() == 0) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(track.pipeline.groupsDropped()).isPositive();
            track.end();
            assertThat(track.offer(vp8Packets.get(0), 0, vp8Packets.get(0).length, System.nanoTime())).isFalse();
        }
    }

    @Test
    void audioIsRefused() {
        try (StillFrames sampler = new StillFrames(StillFrameOptions.every(Duration.ofSeconds(5)))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> sampler.addTrack(new TrackSpec("voice", Codec.OPUS), null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static BufferedImage image(byte[] jpeg) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(image).as("a JPEG").isNotNull();
        return image;
    }

    /** Frame {@code n} of the source, decoded and reduced like the sampler's picture. */
    private static BufferedImage sourceFrame(Path source, int n) throws IOException {
        Path out = Files.createTempFile(clips, "frame-" + n, ".png");
        Ffmpeg.Run run = Ffmpeg.run(List.of(Ffmpeg.ffmpeg().toString(), "-nostdin", "-v", "error", "-i",
                source.toString(), "-vf", "select=eq(n\\," + n + "),scale=160:-2", "-frames:v", "1", "-y",
                out.toString()), Duration.ofMinutes(1));
        assertThat(run.ok()).as(run.stderr()).isTrue();
        return ImageIO.read(out.toFile());
    }

    /** Mean absolute difference of the pixels' green values. */
    private static double difference(BufferedImage a, BufferedImage b) {
        assertThat(b.getWidth()).isEqualTo(a.getWidth());
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                sum += Math.abs(((a.getRGB(x, y) >> 8) & 0xff) - ((b.getRGB(x, y) >> 8) & 0xff));
            }
        }
        return (double) sum / (a.getWidth() * a.getHeight());
    }
}
