package org.sanke.loadtest.impair;

/**
 * A datagram waiting for its time to leave the relay.
 *
 * @param sequence  arrival order, which breaks ties between equal times so that order is kept
 */
record HeldDatagram(Direction direction, UdpMapping mapping, byte[] payload, long deliverAt, long sequence)
        implements Comparable<HeldDatagram> {
    @Override
    public int compareTo(HeldDatagram other) {
        int byTime = Long.compare(deliverAt - other.deliverAt, 0);
        return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
}
