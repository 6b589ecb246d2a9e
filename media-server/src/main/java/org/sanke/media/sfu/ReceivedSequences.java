package org.sanke.media.sfu;

import java.util.Arrays;

/**
 * Which of the last {@link #HISTORY} sequence numbers of one incoming stream have arrived, counted in the extended
 * sequence space of RFC 3550 §A.1 (16-bit numbers plus the wraps seen), so that each arrival can be told apart: the
 * next ones (perhaps after a gap), an older one not seen before (reordered or retransmitted), a duplicate, or one
 * that fits nowhere. {@link #RESTART_RUN} sequential packets that fit nowhere or repeat old numbers are a sender that
 * restarted its numbering: the history starts again from them. Allocation-free; owned by the producer's loop.
 */
final class ReceivedSequences {
    static final int HISTORY = 1024;
    /** A larger jump forward is no gap but a stray packet or a restart (RFC 3550 §A.1 calls it MAX_DROPOUT). */
    static final int MAX_DROPOUT = 3000;
    static final int RESTART_RUN = 4;

    enum Arrival {
        /** Newer than every packet so far; {@link #skipped()} tells how many numbers before it are missing. */
        NEWER,
        /** Older than the newest, not seen before: reordered, or a retransmission. */
        OLDER,
        DUPLICATE,
        /** Too far behind or ahead to belong to the stream as numbered so far; the history is unchanged. */
        UNEXPECTED,
        /** The last of a run of sequential unexpected packets: the numbering restarted, the history with it. */
        RESTARTED
    }

    private final long[] arrived = new long[HISTORY / Long.SIZE];
    private boolean started;
    private long highest;
    private long lastExtended;
    private int skipped;
    private int runNext;
    private int runLength;

    /** The extended form of a 16-bit sequence number: the one nearest the newest packet so far. */
    long extend(int sequenceNumber) {
        return highest + (short) (sequenceNumber - (int) highest);
    }

    long highest() {
        return highest;
    }

    /** The extended sequence number of the last arrival (not meaningful after {@link Arrival#UNEXPECTED}). */
    long lastExtended() {
        return lastExtended;
    }

    /** How many sequence numbers the last {@link Arrival#NEWER} packet skipped. */
    int skipped() {
        return skipped;
    }

    Arrival onArrival(int sequenceNumber) {
        skipped = 0;
        if (!started) {
            restartAt(sequenceNumber);
            return Arrival.NEWER;
        }
        long extended = extend(sequenceNumber);
        long ahead = extended - highest;
        boolean inHistory = ahead <= 0 && ahead > -HISTORY;
        if (ahead > 0 && ahead <= MAX_DROPOUT) {
            runLength = 0;
            skipped = (int) (ahead - 1);
            advanceTo(extended);
            lastExtended = extended;
            return Arrival.NEWER;
        }
        if (inHistory && !contains(extended)) {
            runLength = 0;
            mark(extended);
            lastExtended = extended;
            return Arrival.OLDER;
        }
        // A duplicate or a stray: alone it changes nothing, but a run of them is a restart.
        runLength = sequenceNumber == runNext ? runLength + 1 : 1;
        runNext = (sequenceNumber + 1) & 0xFFFF;
        if (runLength >= RESTART_RUN) {
            restartAt(sequenceNumber);
            return Arrival.RESTARTED;
        }
        lastExtended = extended;
        return inHistory ? Arrival.DUPLICATE : Arrival.UNEXPECTED;
    }

    boolean contains(long extended) {
        if (!started || extended > highest || extended <= highest - HISTORY) {
            return false;
        }
        int bit = (int) (extended & (HISTORY - 1));
        return (arrived[bit >>> 6] & (1L << bit)) != 0;
    }

    /** Records a packet that arrived by other means (a retransmission in RTX) as received. */
    void markOlder(long extended) {
        if (extended <= highest && extended > highest - HISTORY) {
            mark(extended);
        }
    }

    private void restartAt(int sequenceNumber) {
        started = true;
        Arrays.fill(arrived, 0);
        // Keep the numbers above 2^16 so that a wrap backwards never makes them negative.
        highest = 0x10000L + sequenceNumber;
        lastExtended = highest;
        runLength = 0;
        mark(highest);
    }

    private void advanceTo(long extended) {
        if (extended - highest >= HISTORY) {
            Arrays.fill(arrived, 0);
        } else {
            for (long s = highest + 1; s < extended; s++) {
                clear(s);
            }
        }
        highest = extended;
        mark(extended);
    }

    private void mark(long extended) {
        int bit = (int) (extended & (HISTORY - 1));
        arrived[bit >>> 6] |= 1L << bit;
    }

    private void clear(long extended) {
        int bit = (int) (extended & (HISTORY - 1));
        arrived[bit >>> 6] &= ~(1L << bit);
    }
}
