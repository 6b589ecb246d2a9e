package org.sanke.recording;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sanke.recording.rtp.Codec;

/**
 * The process {@link CrashRecoveryTest} kills: records one VP8 track from a dump of RTP packets, handing each over at
 * the moment its RTP timestamp says (as a live stream would come), and prints {@code fed MS} as the media time it has
 * handed over grows. It never closes the recording: it is meant to die by SIGKILL.
 *
 * <p>Arguments: the packet dump (count, then length and bytes of each packet) and the recording directory.
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        List<byte[]> packets = new ArrayList<>();
        try (InputStream in = Files.newInputStream(Path.of(args[0]));
             DataInputStream data = new DataInputStream(in)) {
            int count = data.readInt();
            for (int i = 0; i < count; i++) {
                byte[] packet = new byte[data.readInt()];
                data.readFully(packet);
                packets.add(packet);
            }
        }
        Recording recording = Recording.start(Path.of(args[1]), RecordingOptions.defaults());
        TrackTap tap = recording.addTrack(new TrackSpec("teacher-camera", Codec.VP8, 96, null));
        long first = Clips.timestamp(packets.get(0));
        long start = System.nanoTime();
        long printed = 0;
        for (byte[] packet : packets) {
            long mediaMillis = (Clips.timestamp(packet) - first) / 90;
            long due = start + mediaMillis * 1_000_000;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            tap.offer(packet, 0, packet.length, System.nanoTime());
            if (mediaMillis - printed >= 100) {
                printed = mediaMillis;
                System.out.println("fed " + mediaMillis);
                System.out.flush();
            }
        }
        System.out.println("all fed");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    static void dump(List<byte[]> packets, Path file) throws IOException {
        try (var out = new java.io.DataOutputStream(Files.newOutputStream(file))) {
            out.writeInt(packets.size());
            for (byte[] packet : packets) {
                out.writeInt(packet.length);
                out.write(packet);
            }
        }
    }
}
