package org.sanke.media.api;

/**
 * Gets a copy of every RTP packet a producer forwards (decrypted, retransmissions unwrapped from RTX, nothing while the
 * producer is held), for a recorder or a still-frame sampler. Called on the media loop, so it must only copy the
 * packet into a queue of its own and return: it never blocks and never keeps the buffer.
 */
public interface PacketTap {
    /** One forwarded packet; {@code arrivalNanos} on the {@link System#nanoTime()} scale. */
    void onPacket(byte[] buffer, int offset, int length, long arrivalNanos);

    /** The producer closed: no packet follows. */
    void onProducerClosed();
}
