package org.sanke.recording;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sanke.recording.ffmpeg.Ffmpeg;
import org.sanke.recording.rtp.Codec;

/**
 * Real media for the tests, made by ffmpeg: short encoded clips, their RTP packets as ffmpeg's own packetiser sends
 * them (paced in real time to a UDP socket, at most 500 bytes each so that frames span several packets), and ways to
 * compare what was recorded with the source.
 */
final class Clips {
    private Clips() {
    }

    /** Encodes a test clip: VP8 in IVF (320x240), H.264 Annex B (320x180, cropped), or stereo Opus in Ogg. */
    static Path make(Path directory, Codec codec, int seconds) throws IOException {
        String t = Integer.toString(seconds);
        return switch (codec) {
            case VP8 -> ffmpeg(directory.resolve("source-" + seconds + ".ivf"), "-f", "lavfi", "-i",
                    "testsrc=size=320x240:rate=30", "-t", t, "-c:v", "libvpx", "-b:v", "800k", "-g", "30",
                    "-keyint_min", "30", "-deadline", "realtime", "-cpu-used", "8", "-auto-alt-ref", "0",
                    "-lag-in-frames", "0");
            case H264 -> ffmpeg(directory.resolve("source-" + seconds + ".h264"), "-f", "lavfi", "-i",
                    "testsrc=size=320x180:rate=30", "-t", t, "-c:v", "libx264", "-profile:v", "baseline",
                    "-preset", "ultrafast", "-tune", "zerolatency", "-g", "30", "-keyint_min", "30", "-pix_fmt",
                    "yuv420p");
            case OPUS -> ffmpeg(directory.resolve("source-" + seconds + ".ogg"), "-f", "lavfi", "-i",
                    "sine=frequency=440:sample_rate=48000", "-t", t, "-ac", "2", "-c:a", "libopus", "-b:a", "64k",
                    "-frame_duration", "20");
        };
    }

    private static Path ffmpeg(Path output, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Ffmpeg.ffmpeg().toString(), "-v", "error", "-y"));
        command.addAll(Arrays.asList(arguments));
        command.add(output.toString());
        check(Ffmpeg.run(command, Duration.ofMinutes(2)), command);
        return output;
    }

    /** The RTP packets ffmpeg sends for {@code source}, paced as the media plays ({@code -re}), in arrival order. */
    static List<byte[]> packetize(Path source) throws IOException {
        DatagramChannel rtp = DatagramChannel.open(); // closed to end the receiver thread
        try (DatagramChannel rtcp = DatagramChannel.open()) {
            rtp.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            rtp.bind(new InetSocketAddress("127.0.0.1", 0));
            rtcp.bind(new InetSocketAddress("127.0.0.1", 0)); // takes ffmpeg's sender reports, so none bounce
            int port = ((InetSocketAddress) rtp.getLocalAddress()).getPort();
            int rtcpPort = ((InetSocketAddress) rtcp.getLocalAddress()).getPort();
            List<byte[]> packets = new ArrayList<>();
            Thread receiver = Thread.ofPlatform().name("rtp-receiver").start(() -> {
                ByteBuffer buffer = ByteBuffer.allocate(2048);
                try {
                    while (true) {
                        buffer.clear();
                        rtp.receive(buffer);
                        buffer.flip();
                        byte[] packet = new byte[buffer.remaining()];
                        buffer.get(packet);
                        synchronized (packets) {
                            packets.add(packet);
                        }
                    }
                } catch (IOException closed) {
                    // the channel closed: done
                }
            });
            List<String> command = new ArrayList<>(List.of(Ffmpeg.ffmpeg().toString(), "-v", "error", "-re"));
            if (source.toString().endsWith(".h264")) {
                command.addAll(List.of("-framerate", "30"));
            }
            command.addAll(List.of("-i", source.toString(), "-map", "0:0", "-c", "copy", "-f", "rtp",
                    "-payload_type", "96", "rtp://127.0.0.1:" + port + "?rtcpport=" + rtcpPort + "&pkt_size=500"));
            check(Ffmpeg.run(command, Duration.ofMinutes(2)), command);
            try {
                Thread.sleep(300); // the last datagrams
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            rtp.close();
            try {
                receiver.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (packets) {
                return List.copyOf(packets);
            }
        } finally {
            rtp.close();
        }
    }

    /** MD5 of every packet of the first stream, as stored (no decoding). */
    static List<String> packetHashes(Path file) throws IOException {
        return hashes(file, true);
    }

    /** MD5 of every decoded picture or audio frame of the first stream. */
    static List<String> decodedHashes(Path file) throws IOException {
        return hashes(file, false);
    }

    private static List<String> hashes(Path file, boolean copy) throws IOException {
        List<String> command = new ArrayList<>(List.of(Ffmpeg.ffmpeg().toString(), "-v", "error", "-i",
                file.toString(), "-map", "0:0"));
        if (copy) {
            command.addAll(List.of("-c", "copy"));
        }
        command.addAll(List.of("-f", "framemd5", "-"));
        Ffmpeg.Run run = Ffmpeg.run(command, Duration.ofMinutes(2));
        check(run, command);
        List<String> hashes = new ArrayList<>();
        for (String line : new String(run.stdout(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                hashes.add(line.split(",")[5].trim()); // stream, dts, pts, duration, size, hash[, side data]
            }
        }
        return hashes;
    }

    /** What ffmpeg complains about when decoding the whole file; empty when it decodes cleanly. */
    static String decodeErrors(Path file) throws IOException {
        Ffmpeg.Run run = Ffmpeg.run(List.of(Ffmpeg.ffmpeg().toString(), "-v", "error", "-i", file.toString(),
                "-f", "null", "-"), Duration.ofMinutes(2));
        return run.ok() ? run.stderr().trim() : "exit " + run.exitCode() + ": " + run.stderr();
    }

    /** Whether each packet of the first stream is a keyframe, by ffprobe. */
    static List<Boolean> keyframes(Path file) throws IOException {
        List<String> command = List.of(Ffmpeg.ffprobe().toString(), "-v", "error", "-select_streams", "0",
                "-show_entries", "packet=flags", "-of", "json", file.toString());
        Ffmpeg.Run run = Ffmpeg.run(command, Duration.ofMinutes(2));
        check(run, command);
        List<Boolean> keys = new ArrayList<>();
        for (JsonNode packet : new ObjectMapper().readTree(run.stdout()).path("packets")) {
            keys.add(packet.path("flags").asText().startsWith("K"));
        }
        return keys;
    }

    /** The RTP timestamp of a packet. */
    static long timestamp(byte[] packet) {
        return ByteBuffer.wrap(packet, 4, 4).getInt() & 0xFFFFFFFFL;
    }

    private static void check(Ffmpeg.Run run, List<String> command) throws IOException {
        if (!run.ok()) {
            throw new IOException(String.join(" ", command) + " failed (exit " + run.exitCode() + "): "
                    + run.stderr());
        }
    }
}
