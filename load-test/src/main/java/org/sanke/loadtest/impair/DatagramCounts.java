package org.sanke.loadtest.impair;

/**
 * What one direction of a {@link UdpImpairmentRelay} did with its datagrams, at one moment. Every datagram that came
 * in is, once no longer held, exactly one of: dropped by loss, by the queue, by the block, failed to send, forwarded.
 *
 * @param packetsIn       datagrams received
 * @param bytesIn         their payload bytes
 * @param droppedByLoss   lost by the loss model
 * @param droppedByQueue  tail-dropped by a full rate queue, or because the relay already held too many
 * @param droppedBlocked  dropped because the relay was blocked
 * @param sendFailed      the socket refused them (its buffer full, or the peer's port closed)
 * @param forwarded       sent on
 * @param bytesForwarded  their payload bytes
 */
public record DatagramCounts(long packetsIn, long bytesIn, long droppedByLoss, long droppedByQueue,
                             long droppedBlocked, long sendFailed, long forwarded, long bytesForwarded) {
    /** Datagrams neither dropped nor yet sent: waiting for their delay or the rate. */
    public long held() {
        return packetsIn - droppedByLoss - droppedByQueue - droppedBlocked - sendFailed - forwarded;
    }
}
