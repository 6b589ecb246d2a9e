package org.sanke.media.sfu;

/**
 * Asks a publisher to resend what the server lost of one of its streams (RFC 4585 generic NACK): finds the gaps as
 * packets arrive, waits out a little reordering ({@link #REORDER_ALLOWANCE_NANOS}, or one more packet), asks for each
 * missing packet, asks again a round trip later at most {@link #MAX_RETRIES} times, and gives up on it after that or
 * after {@link #MAX_AGE_NANOS}, when it is too late to help. What it asks for goes through {@link NackRateLimit}.
 * The round trip to the publisher is measured from request to retransmission (only for packets asked for once, whose
 * answer cannot be to an earlier request). Allocation-free; owned by the producer's loop.
 */
final class NackRequester {
    static final long REORDER_ALLOWANCE_NANOS = 5_000_000L;
    static final int MAX_RETRIES = 3;
    static final long MAX_AGE_NANOS = 1_000_000_000L;

    private final ReceivedSequences received = new ReceivedSequences();
    private final MissingSequences missing = new MissingSequences();
    private final NackRateLimit rateLimit = new NackRateLimit();
    private final LoopStats stats;
    private long roundTripNanos = RoundTripTime.DEFAULT_NANOS;

    NackRequester(LoopStats stats) {
        this.stats = stats;
    }

    /** A packet on the media SSRC: what it is to the stream (a duplicate is to be dropped). */
    ReceivedSequences.Arrival onMediaPacket(int sequenceNumber, long now) {
        long highestBefore = received.highest();
        ReceivedSequences.Arrival arrival = received.onArrival(sequenceNumber);
        switch (arrival) {
            case NEWER -> {
                int skipped = received.skipped();
                if (skipped > 0) {
                    long revealer = received.lastExtended();
                    stats.upstreamLost += missing.addGap(highestBefore + 1, revealer - 1, revealer, now);
                }
            }
            case OLDER -> fill(missing.indexOf(received.lastExtended()), now);
            case RESTARTED -> missing.clear();
            case DUPLICATE, UNEXPECTED -> { }
        }
        return arrival;
    }

    /**
     * A retransmission (RTX) of {@code originalSequenceNumber}: true when it fills a gap and is to be forwarded,
     * false when it is a duplicate, too old, or nothing we asked for.
     */
    boolean onRetransmission(int originalSequenceNumber, long now) {
        long extended = received.extend(originalSequenceNumber);
        int index = missing.indexOf(extended);
        if (index < 0) {
            return false;
        }
        received.markOlder(extended);
        fill(index, now);
        return true;
    }

    private void fill(int index, long now) {
        if (index < 0) {
            return;
        }
        int requests = missing.requests(index);
        if (requests > 0) {
            stats.rtxRecovered++;
            if (requests == 1) {
                long sample = RoundTripTime.bounded(now - missing.lastRequested(index));
                roundTripNanos += (sample - roundTripNanos) / 8;
            }
        }
        missing.remove(index);
    }

    /**
     * Writes into {@code lost}, oldest first, the 16-bit sequence numbers to NACK now, and returns how many; forgets
     * (and counts as lost) those asked for too often or missing too long. {@code lost} has room for
     * {@link MissingSequences#CAPACITY}.
     */
    int collectDue(long now, int[] lost) {
        int count = 0;
        int i = 0;
        while (i < missing.size()) {
            int requests = missing.requests(i);
            boolean answerOverdue = now - missing.lastRequested(i) >= roundTripNanos;
            if (now - missing.missingSince(i) > MAX_AGE_NANOS || (requests > MAX_RETRIES && answerOverdue)) {
                missing.remove(i);
                stats.upstreamLost++;
                continue;
            }
            boolean due = requests == 0
                    ? now - missing.missingSince(i) >= REORDER_ALLOWANCE_NANOS
                            || received.highest() > missing.revealedBy(i)
                    : requests <= MAX_RETRIES && answerOverdue;
            if (due && rateLimit.tryTake(now)) {
                lost[count++] = (int) (missing.sequence(i) & 0xFFFF);
                missing.onRequested(i, now);
            }
            i++;
        }
        stats.nacksSent += count;
        return count;
    }

    long roundTripNanos() {
        return roundTripNanos;
    }

    int missingCount() {
        return missing.size();
    }
}
