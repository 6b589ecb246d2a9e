package org.sanke.media.sfu;

/**
 * The sequence numbers of one incoming stream that have not arrived, oldest first, at most {@link #CAPACITY}, each
 * with when it went missing, which packet revealed the gap, and how often and when it was asked for. Gaps are only
 * ever found above every number held, so appending keeps the order. Allocation-free; owned by the producer's loop.
 */
final class MissingSequences {
    static final int CAPACITY = 256;

    private final long[] sequences = new long[CAPACITY];
    private final long[] missingSince = new long[CAPACITY];
    private final long[] revealedBy = new long[CAPACITY];
    private final long[] lastRequested = new long[CAPACITY];
    private final int[] requests = new int[CAPACITY];
    private int size;

    int size() {
        return size;
    }

    /**
     * Adds the extended sequence numbers {@code first..last}, newer than every one held, found missing when
     * {@code revealer} arrived. Keeps the newest {@link #CAPACITY}; returns how many were dropped for room.
     */
    int addGap(long first, long last, long revealer, long now) {
        long count = last - first + 1;
        int dropped = 0;
        if (count > CAPACITY) {
            dropped += (int) (count - CAPACITY) + size;
            first = last - CAPACITY + 1;
            size = 0;
        } else if (size + count > CAPACITY) {
            int room = (int) (size + count - CAPACITY);
            removeOldest(room);
            dropped += room;
        }
        for (long s = first; s <= last; s++) {
            sequences[size] = s;
            missingSince[size] = now;
            revealedBy[size] = revealer;
            requests[size] = 0;
            size++;
        }
        return dropped;
    }

    /** The index of this extended sequence number, or a negative number when it is not missing. */
    int indexOf(long sequence) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long value = sequences[mid];
            if (value < sequence) {
                low = mid + 1;
            } else if (value > sequence) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    void remove(int index) {
        removeRange(index, 1);
    }

    private void removeOldest(int count) {
        removeRange(0, count);
    }

    private void removeRange(int from, int count) {
        int after = size - from - count;
        System.arraycopy(sequences, from + count, sequences, from, after);
        System.arraycopy(missingSince, from + count, missingSince, from, after);
        System.arraycopy(revealedBy, from + count, revealedBy, from, after);
        System.arraycopy(lastRequested, from + count, lastRequested, from, after);
        System.arraycopy(requests, from + count, requests, from, after);
        size -= count;
    }

    void clear() {
        size = 0;
    }

    long sequence(int index) {
        return sequences[index];
    }

    long missingSince(int index) {
        return missingSince[index];
    }

    long revealedBy(int index) {
        return revealedBy[index];
    }

    int requests(int index) {
        return requests[index];
    }

    long lastRequested(int index) {
        return lastRequested[index];
    }

    void onRequested(int index, long now) {
        requests[index]++;
        lastRequested[index] = now;
    }
}
