package org.sanke.recording.mkv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Makes a track file whole: cuts it after its last complete cluster, appends the Cues (the keyframe index players
 * seek with), writes the Duration and SeekHead into the space the header reserved for them, and last, once all that
 * is on disk, gives the Segment its size. A file whose Segment size is still unknown is unfinished; finishing again
 * after a crash half-way is safe, since every step rewrites the same places.
 */
final class Finisher {
    /** Bytes reserved at the start of the Segment for the SeekHead. */
    static final int SEEK_HEAD_SPACE = 96;
    /** Bytes reserved in Info for the Duration: a float element, 2-byte ID, 1-byte size, 8 bytes. */
    static final int DURATION_SPACE = 11;

    /**
     * Where the header put things, as absolute file positions.
     *
     * @param segmentSize    the Segment's 8-byte size field
     * @param segmentData    where the Segment's content starts (positions inside it are counted from here)
     * @param durationSlot   the Void in Info that becomes the Duration
     */
    record Layout(long segmentSize, long segmentData, long info, long durationSlot, long tracks) {
        long seekHeadSlot() {
            return segmentData;
        }
    }

    /** Cue points: the time (ms) and position (from the Segment's content start) of clusters that start decodable. */
    static final class Cues {
        private long[] times = new long[64];
        private long[] positions = new long[64];
        private int count;

        void add(long timeMs, long position) {
            if (count == times.length) {
                times = java.util.Arrays.copyOf(times, count * 2);
                positions = java.util.Arrays.copyOf(positions, count * 2);
            }
            times[count] = timeMs;
            positions[count] = position;
            count++;
        }

        int count() {
            return count;
        }
    }

    private Finisher() {
    }

    static void finish(FileChannel channel, Layout layout, Cues cues, long endOfClusters, double durationMs)
            throws IOException {
        channel.truncate(endOfClusters);
        long cuesPosition = -1;
        if (cues.count > 0) {
            Ebml.Buffer points = new Ebml.Buffer();
            for (int i = 0; i < cues.count; i++) {
                Ebml.Buffer positions = new Ebml.Buffer().uint(Ebml.CUE_TRACK, 1)
                        .uint(Ebml.CUE_CLUSTER_POSITION, cues.positions[i]);
                Ebml.Buffer point = new Ebml.Buffer().uint(Ebml.CUE_TIME, cues.times[i])
                        .master(Ebml.CUE_TRACK_POSITIONS, positions);
                points.master(Ebml.CUE_POINT, point);
            }
            cuesPosition = endOfClusters;
            Ebml.writeFully(channel, cuesPosition, new Ebml.Buffer().master(Ebml.CUES, points).view());
        }
        long end = channel.size();

        Ebml.Buffer duration = new Ebml.Buffer().float64(Ebml.DURATION, durationMs);
        Ebml.writeFully(channel, layout.durationSlot(), duration.view());

        Ebml.Buffer seeks = new Ebml.Buffer();
        seek(seeks, Ebml.INFO, layout.info() - layout.segmentData());
        seek(seeks, Ebml.TRACKS, layout.tracks() - layout.segmentData());
        if (cuesPosition >= 0) {
            seek(seeks, Ebml.CUES, cuesPosition - layout.segmentData());
        }
        Ebml.Buffer seekHead = new Ebml.Buffer().master(Ebml.SEEK_HEAD, seeks);
        seekHead.voidOf(SEEK_HEAD_SPACE - seekHead.length());
        Ebml.writeFully(channel, layout.seekHeadSlot(), seekHead.view());
        channel.force(false);

        Ebml.Buffer size = new Ebml.Buffer().size8(end - layout.segmentData());
        Ebml.writeFully(channel, layout.segmentSize(), size.view());
        channel.force(false);
    }

    private static void seek(Ebml.Buffer seeks, int id, long position) {
        Ebml.Buffer seekId = new Ebml.Buffer().id(id);
        Ebml.Buffer seek = new Ebml.Buffer().binary(Ebml.SEEK_ID, java.util.Arrays.copyOf(seekId.bytes(),
                seekId.length())).int64(Ebml.SEEK_POSITION, position);
        seeks.master(Ebml.SEEK, seek);
    }

    /** Duration in ms from the last frame's time and the gap before it (the last frame lasts about as long). */
    static double duration(long lastFrameMs, long previousFrameMs) {
        if (lastFrameMs < 0) {
            return 0;
        }
        long lastGap = previousFrameMs < 0 ? 0 : Math.min(1000, Math.max(0, lastFrameMs - previousFrameMs));
        return lastFrameMs + lastGap;
    }
}
