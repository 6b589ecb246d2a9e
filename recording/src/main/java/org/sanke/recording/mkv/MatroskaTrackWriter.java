package org.sanke.recording.mkv;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes one track to a Matroska (WebM for VP8 and Opus) file as it is recorded, so that a process killed at any
 * moment leaves a file that players read up to its last second. The Segment is written with an unknown size; frames
 * are gathered into a cluster in memory and each cluster is written whole, with its size, when it spans
 * {@code clusterMillis} of media or has been open that long by the wall clock (and before a video keyframe, so that
 * a cluster that starts with a keyframe can be sought to). {@link #close} finishes the file ({@link Finisher}); after
 * a crash {@link MatroskaRecovery} does. Single-threaded: the recorder thread owns it.
 */
public final class MatroskaTrackWriter implements Closeable {
    /** Recovery changes only files that say they were written by this. */
    static final String WRITING_APP = "Sanke recorder";
    /** Matroska's default: block times in milliseconds. */
    private static final long TIMESTAMP_SCALE_NS = 1_000_000;
    /** 2001-01-01T00:00:00Z in ns since 1970, Matroska's DateUTC origin. */
    private static final long MATROSKA_EPOCH_NS = 978_307_200L * 1_000_000_000L;

    private final FileChannel channel;
    private final boolean video;
    private final Finisher.Layout layout;
    private final long clusterMillis;
    private final long clusterNanos;
    private final long forceNanos;
    private final Finisher.Cues cues = new Finisher.Cues();
    private final Ebml.Buffer cluster = new Ebml.Buffer();
    private final Ebml.Buffer clusterHeader = new Ebml.Buffer();
    private long position;
    private boolean clusterOpen;
    private long clusterTime;
    private long clusterOpenedNanos;
    private long lastForceNanos;
    private long lastFrameMs = -1;
    private long previousFrameMs = -1;
    private long frames;
    private long clusters;
    private boolean closed;

    private MatroskaTrackWriter(FileChannel channel, boolean video, Finisher.Layout layout, long position,
                                long clusterMillis, long forceMillis, long nowNanos) {
        this.channel = channel;
        this.video = video;
        this.layout = layout;
        this.position = position;
        this.clusterMillis = clusterMillis;
        this.clusterNanos = clusterMillis * 1_000_000;
        this.forceNanos = forceMillis * 1_000_000;
        this.lastForceNanos = nowNanos;
    }

    /**
     * Creates {@code file} (it must not exist) and writes the header.
     *
     * @param clusterMillis how much media a cluster holds at most, and how long it stays in memory: what a crash
     *                      loses at most
     * @param forceMillis   how often written clusters are forced to the disk (what a power cut loses)
     */
    public static MatroskaTrackWriter create(Path file, TrackHeader header, long clusterMillis, long forceMillis,
                                             long nowNanos) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        try {
            Ebml.Buffer out = new Ebml.Buffer();
            Ebml.Buffer ebml = new Ebml.Buffer().uint(Ebml.EBML_VERSION, 1).uint(Ebml.EBML_READ_VERSION, 1)
                    .uint(Ebml.EBML_MAX_ID_LENGTH, 4).uint(Ebml.EBML_MAX_SIZE_LENGTH, 8)
                    .string(Ebml.DOC_TYPE, header.docType()).uint(Ebml.DOC_TYPE_VERSION, 4)
                    .uint(Ebml.DOC_TYPE_READ_VERSION, 2);
            out.master(Ebml.EBML, ebml);
            out.id(Ebml.SEGMENT);
            long segmentSize = out.length();
            out.size8(Ebml.UNKNOWN_SIZE);
            long segmentData = out.length();
            out.voidOf(Finisher.SEEK_HEAD_SPACE);

            long info = out.length();
            Ebml.Buffer infoBody = new Ebml.Buffer().uint(Ebml.TIMESTAMP_SCALE, TIMESTAMP_SCALE_NS)
                    .string(Ebml.MUXING_APP, "Sanke").string(Ebml.WRITING_APP, WRITING_APP)
                    .int64(Ebml.DATE_UTC, header.startEpochNanos() - MATROSKA_EPOCH_NS)
                    .string(Ebml.TITLE, header.name());
            int durationOffset = infoBody.length();
            infoBody.voidOf(Finisher.DURATION_SPACE);
            out.master(Ebml.INFO, infoBody);
            long durationSlot = out.length() - infoBody.length() + durationOffset;

            long tracks = out.length();
            out.master(Ebml.TRACKS, new Ebml.Buffer().master(Ebml.TRACK_ENTRY, trackEntry(header)));

            Ebml.writeFully(channel, 0, out.view());
            Finisher.Layout layout = new Finisher.Layout(segmentSize, segmentData, info, durationSlot, tracks);
            return new MatroskaTrackWriter(channel, header.codec().video(), layout, out.length(), clusterMillis,
                    forceMillis, nowNanos);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static Ebml.Buffer trackEntry(TrackHeader header) {
        Ebml.Buffer entry = new Ebml.Buffer().uint(Ebml.TRACK_NUMBER, 1)
                .uint(Ebml.TRACK_UID, ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE))
                .uint(Ebml.TRACK_TYPE, header.codec().video() ? 1 : 2).uint(Ebml.FLAG_LACING, 0)
                .string(Ebml.CODEC_ID, header.codecId()).string(Ebml.NAME, header.name())
                .string(Ebml.LANGUAGE, "und");
        if (header.codecPrivate() != null) {
            entry.binary(Ebml.CODEC_PRIVATE, header.codecPrivate());
        }
        if (header.codec().video()) {
            entry.master(Ebml.VIDEO, new Ebml.Buffer().uint(Ebml.PIXEL_WIDTH, header.size().width())
                    .uint(Ebml.PIXEL_HEIGHT, header.size().height()));
        } else {
            // Opus: decoding starts 80 ms before a sought point, to converge (RFC 7845 §4.6)
            entry.uint(Ebml.CODEC_DELAY, 0).uint(Ebml.SEEK_PRE_ROLL, 80_000_000L);
            entry.master(Ebml.AUDIO, new Ebml.Buffer().float64(Ebml.SAMPLING_FREQUENCY, 48_000.0)
                    .uint(Ebml.CHANNELS, header.channels()));
        }
        return entry;
    }

    /**
     * Adds one frame at {@code timeMs} from the file's time 0. Times must not go back; a frame earlier than the last
     * is written at the last one's time.
     */
    public void write(long timeMs, byte[] data, int offset, int length, boolean keyframe, long nowNanos)
            throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        timeMs = Math.max(timeMs, Math.max(0, lastFrameMs));
        if (clusterOpen && (timeMs - clusterTime >= clusterMillis || timeMs - clusterTime > Short.MAX_VALUE
                || (video && keyframe))) {
            closeCluster(nowNanos);
        }
        if (!clusterOpen) {
            clusterOpen = true;
            clusterTime = timeMs;
            clusterOpenedNanos = nowNanos;
            cluster.clear();
            cluster.uint(Ebml.TIMESTAMP, timeMs);
            if (!video || keyframe) {
                cues.add(timeMs, position - layout.segmentData());
            }
        }
        int relative = (int) (timeMs - clusterTime);
        cluster.id(Ebml.SIMPLE_BLOCK).size(4L + length).put(0x81) // track number 1
                .put(relative >>> 8).put(relative).put(keyframe ? 0x80 : 0x00).raw(data, offset, length);
        previousFrameMs = lastFrameMs;
        lastFrameMs = timeMs;
        frames++;
    }

    /** Writes out a cluster that has been open for long enough by the wall clock; call regularly. */
    public void poll(long nowNanos) throws IOException {
        if (clusterOpen && nowNanos - clusterOpenedNanos >= clusterNanos) {
            closeCluster(nowNanos);
        }
    }

    private void closeCluster(long nowNanos) throws IOException {
        clusterOpen = false;
        clusterHeader.clear();
        clusterHeader.id(Ebml.CLUSTER).size8(cluster.length());
        ByteBuffer[] parts = {clusterHeader.view(), cluster.view()};
        long total = clusterHeader.length() + (long) cluster.length();
        long written = 0;
        channel.position(position);
        while (written < total) {
            written += channel.write(parts); // one writev: a kill leaves the cluster whole or, rarely, cut
        }
        position += total;
        clusters++;
        if (nowNanos - lastForceNanos >= forceNanos) {
            channel.force(false);
            lastForceNanos = nowNanos;
        }
    }

    public long frames() {
        return frames;
    }

    public long clusters() {
        return clusters;
    }

    /** Media time of the last frame written, -1 before any. */
    public long lastFrameMillis() {
        return lastFrameMs;
    }

    /** Writes the open cluster and finishes the file. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (clusterOpen) {
                closeCluster(lastForceNanos); // no force here: finishing forces
            }
            Finisher.finish(channel, layout, cues, position, Finisher.duration(lastFrameMs, previousFrameMs));
        } finally {
            channel.close();
        }
    }
}
