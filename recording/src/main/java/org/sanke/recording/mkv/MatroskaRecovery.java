package org.sanke.recording.mkv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Finishes a track file that {@link MatroskaTrackWriter} left unfinished because its process died: reads it cluster
 * by cluster, keeps every complete cluster and the complete blocks of a cluster cut short, cuts what follows, and
 * finishes the file as a clean close would have. Works on files this writer made; anything else is left alone.
 */
public final class MatroskaRecovery {
    /** What recovery did to one file. */
    public enum Outcome {
        /** It had been finished already; untouched. */
        ALREADY_FINISHED,
        /** It was unfinished and is now finished. */
        REPAIRED,
        /** It held no frame (the process died before its first cluster was written); deleted. */
        REMOVED_EMPTY,
        /** Not a file this writer made, or its header is damaged; untouched. */
        UNREADABLE
    }

    /**
     * @param durationMillis media duration after recovery
     * @param frames         frames kept
     * @param bytesCut       bytes of a torn tail that were cut
     */
    public record Result(Path file, Outcome outcome, long durationMillis, long frames, long bytesCut) {
    }

    private MatroskaRecovery() {
    }

    public static Result recover(Path file) throws IOException {
        Result result;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            result = recover(file, channel);
        }
        if (result.outcome() == Outcome.REMOVED_EMPTY) {
            Files.delete(file); // died before its first cluster was written: nothing was recorded
        }
        return result;
    }

    private static Result recover(Path file, FileChannel channel) throws IOException {
        long fileSize = channel.size();
        Ebml.Header ebml = Ebml.readHeader(channel, 0);
        if (ebml == null || ebml.id() != Ebml.EBML || ebml.size() < 0 || ebml.end() > fileSize) {
            return new Result(file, Outcome.UNREADABLE, 0, 0, 0);
        }
        Ebml.Header segment = Ebml.readHeader(channel, ebml.end());
        if (segment == null || segment.id() != Ebml.SEGMENT || segment.sizeWidth() != 8) {
            return new Result(file, Outcome.UNREADABLE, 0, 0, 0);
        }
        if (segment.size() >= 0) {
            return new Result(file, Outcome.ALREADY_FINISHED, 0, 0, 0);
        }
        Scan scan = new Scan();
        scan.run(channel, segment.dataStart(), fileSize);
        boolean headerCut = scan.info < 0 && fileSize - segment.dataStart() < 4096;
        if (!scan.ours && !headerCut) {
            return new Result(file, Outcome.UNREADABLE, 0, 0, 0); // another writer's file: not ours to change
        }
        if (scan.frames == 0) {
            return new Result(file, Outcome.REMOVED_EMPTY, 0, 0, fileSize);
        }
        if (scan.durationSlot < 0) {
            return new Result(file, Outcome.UNREADABLE, 0, 0, 0);
        }
        Finisher.Layout layout = new Finisher.Layout(segment.dataStart() - 8, segment.dataStart(), scan.info,
                scan.durationSlot, scan.tracks);
        double duration = Finisher.duration(scan.lastFrameMs, scan.previousFrameMs);
        Finisher.finish(channel, layout, scan.cues, scan.validEnd, duration);
        return new Result(file, Outcome.REPAIRED, Math.round(duration), scan.frames, fileSize - scan.validEnd);
    }

    /** One pass over the Segment's children. */
    private static final class Scan {
        long info = -1;
        long durationSlot = -1;
        long tracks = -1;
        boolean video;
        boolean ours;
        long validEnd;
        long frames;
        long lastFrameMs = -1;
        long previousFrameMs = -1;
        final Finisher.Cues cues = new Finisher.Cues();
        private long segmentData;

        void run(FileChannel channel, long segmentData, long fileSize) throws IOException {
            this.segmentData = segmentData;
            long p = segmentData;
            validEnd = p;
            while (p < fileSize) {
                Ebml.Header e = Ebml.readHeader(channel, p);
                if (e == null || e.size() < 0) {
                    return; // cut inside a header, or not written by us
                }
                if (e.end() > fileSize) {
                    if (e.id() == Ebml.CLUSTER && tracks >= 0) {
                        salvage(channel, e, fileSize);
                    }
                    return;
                }
                switch (e.id()) {
                    case Ebml.VOID, Ebml.SEEK_HEAD -> {
                        // the SeekHead's reserved space, rewritten when finishing
                    }
                    case Ebml.INFO -> {
                        info = e.start();
                        durationSlot = findDurationSlot(channel, e);
                        ours = isOurs(channel, e);
                    }
                    case Ebml.TRACKS -> {
                        tracks = e.start();
                        video = readTrackType(channel, e) == 1;
                    }
                    case Ebml.CLUSTER -> {
                        if (tracks < 0) {
                            return;
                        }
                        cluster(channel, e, e.end());
                    }
                    default -> {
                        return; // Cues of a finish that did not complete, or garbage: rebuilt from here
                    }
                }
                p = e.end();
                validEnd = p;
            }
        }

        private boolean isOurs(FileChannel channel, Ebml.Header info) throws IOException {
            long p = info.dataStart();
            while (p < info.end()) {
                Ebml.Header child = Ebml.readHeader(channel, p);
                if (child == null || child.size() < 0) {
                    return false;
                }
                if (child.id() == Ebml.WRITING_APP) {
                    ByteBuffer b = Ebml.read(channel, child.dataStart(), (int) Math.min(64, child.size()));
                    return MatroskaTrackWriter.WRITING_APP.equals(StandardCharsets.UTF_8.decode(b).toString());
                }
                p = child.end();
            }
            return false;
        }

        private long findDurationSlot(FileChannel channel, Ebml.Header info) throws IOException {
            long p = info.dataStart();
            while (p < info.end()) {
                Ebml.Header child = Ebml.readHeader(channel, p);
                if (child == null || child.size() < 0) {
                    return -1;
                }
                if ((child.id() == Ebml.VOID || child.id() == Ebml.DURATION)
                        && child.end() - child.start() == Finisher.DURATION_SPACE) {
                    return child.start();
                }
                p = child.end();
            }
            return -1;
        }

        private int readTrackType(FileChannel channel, Ebml.Header tracksElement) throws IOException {
            Ebml.Header entry = Ebml.readHeader(channel, tracksElement.dataStart());
            if (entry == null || entry.id() != Ebml.TRACK_ENTRY) {
                return 0;
            }
            long p = entry.dataStart();
            while (p < entry.end()) {
                Ebml.Header child = Ebml.readHeader(channel, p);
                if (child == null || child.size() < 0) {
                    return 0;
                }
                if (child.id() == Ebml.TRACK_TYPE) {
                    return (int) Ebml.readUnsigned(channel, child);
                }
                p = child.end();
            }
            return 0;
        }

        /** Reads a cluster's blocks up to {@code limit}; returns where the last complete child ends. */
        private long cluster(FileChannel channel, Ebml.Header cluster, long limit) throws IOException {
            long time = -1;
            long p = cluster.dataStart();
            boolean first = true;
            long clusterFrames = 0;
            while (p < cluster.end()) {
                Ebml.Header child = Ebml.readHeader(channel, p);
                if (child == null || child.size() < 0 || child.end() > limit) {
                    break;
                }
                if (child.id() == Ebml.TIMESTAMP) {
                    time = Ebml.readUnsigned(channel, child);
                } else if (child.id() == Ebml.SIMPLE_BLOCK && time >= 0 && child.size() >= 4) {
                    ByteBuffer b = Ebml.read(channel, child.dataStart(), 4);
                    long frameTime = time + b.getShort(1);
                    boolean key = (b.get(3) & 0x80) != 0;
                    if (first && (!video || key)) {
                        cues.add(frameTime, cluster.start() - segmentData);
                    }
                    first = false;
                    previousFrameMs = lastFrameMs;
                    lastFrameMs = frameTime;
                    clusterFrames++;
                }
                p = child.end();
            }
            frames += clusterFrames;
            return clusterFrames > 0 ? p : cluster.start();
        }

        /** A cluster cut short: keeps its complete blocks by shrinking its size to them. */
        private void salvage(FileChannel channel, Ebml.Header torn, long fileSize) throws IOException {
            if (torn.sizeWidth() != 8) {
                return;
            }
            long end = cluster(channel, torn, fileSize);
            if (end > torn.start()) {
                Ebml.Buffer size = new Ebml.Buffer().size8(end - torn.dataStart());
                Ebml.writeFully(channel, torn.dataStart() - 8, size.view());
                validEnd = end;
            }
        }
    }
}
