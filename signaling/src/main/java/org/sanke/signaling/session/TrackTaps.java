package org.sanke.signaling.session;

import org.sanke.media.api.PacketTap;

/** A producer's tap that hands each forwarded packet to a recorder's or sampler's queue and says when it closed. */
final class TrackTaps {
    /** Where the packets go: a copy into a queue, never blocking (TrackTap.offer, StillFrameTrack.offer). */
    @FunctionalInterface
    interface PacketQueue {
        boolean offer(byte[] buffer, int offset, int length, long arrivalNanos);
    }

    private TrackTaps() {
    }

    static PacketTap into(PacketQueue queue, Runnable onProducerClosed) {
        return new PacketTap() {
            @Override
            public void onPacket(byte[] buffer, int offset, int length, long arrivalNanos) {
                queue.offer(buffer, offset, length, arrivalNanos);
            }

            @Override
            public void onProducerClosed() {
                onProducerClosed.run();
            }
        };
    }
}
