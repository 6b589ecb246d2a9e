package org.sanke.recording;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hand-over from the SFU's forwarding threads to the recorder thread: a bounded multi-producer, single-consumer
 * ring of slots allocated once (Vyukov's bounded queue). An offer claims a slot with one compare-and-set and copies the
 * packet into it; when the ring is full it fails at once, so a slow disk costs dropped packets, never a blocked
 * forwarding thread.
 */
final class PacketQueue<T> {
    static final class Slot<T> {
        private volatile long sequence;
        T track;
        long arrivalNanos;
        int length;
        final byte[] data;

        Slot(long sequence, int maxPacket) {
            this.sequence = sequence;
            this.data = new byte[maxPacket];
        }
    }

    @FunctionalInterface
    interface Consumer<T> {
        void packet(Slot<T> slot);
    }

    private final Slot<T>[] slots;
    private final int mask;
    private final int maxPacket;
    private final AtomicLong tail = new AtomicLong();
    private long head; // the consumer's alone

    PacketQueue(int capacity, int maxPacket) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        @SuppressWarnings("unchecked")
        Slot<T>[] allocated = new Slot[capacity];
        this.slots = allocated;
        for (int i = 0; i < capacity; i++) {
            slots[i] = new Slot<>(i, maxPacket);
        }
        this.mask = capacity - 1;
        this.maxPacket = maxPacket;
    }

    int maxPacket() {
        return maxPacket;
    }

    /** Copies a packet in; false when the queue is full. Any thread. */
    boolean offer(T track, byte[] data, int offset, int length, long arrivalNanos) {
        Slot<T> slot = claim();
        if (slot == null) {
            return false;
        }
        System.arraycopy(data, offset, slot.data, 0, length);
        return publish(slot, track, length, arrivalNanos);
    }

    /** Copies {@code packet}'s remaining bytes in, leaving its position alone; false when the queue is full. */
    boolean offer(T track, ByteBuffer packet, long arrivalNanos) {
        Slot<T> slot = claim();
        if (slot == null) {
            return false;
        }
        int length = packet.remaining();
        packet.get(packet.position(), slot.data, 0, length);
        return publish(slot, track, length, arrivalNanos);
    }

    private Slot<T> claim() {
        long position = tail.get();
        while (true) {
            Slot<T> slot = slots[(int) position & mask];
            long difference = slot.sequence - position;
            if (difference == 0) {
                if (tail.compareAndSet(position, position + 1)) {
                    return slot;
                }
                position = tail.get();
            } else if (difference < 0) {
                return null; // full: the consumer has not freed this slot yet
            } else {
                position = tail.get(); // another producer took it
            }
        }
    }

    private boolean publish(Slot<T> slot, T track, int length, long arrivalNanos) {
        slot.track = track;
        slot.length = length;
        slot.arrivalNanos = arrivalNanos;
        long claimed = slot.sequence;
        slot.sequence = claimed + 1; // volatile write: the copy above is visible to the consumer from here
        return true;
    }

    /** Hands every published packet to {@code consumer}, in order, and frees its slot; the recorder thread only. */
    int drain(Consumer<T> consumer) {
        int count = 0;
        while (true) {
            Slot<T> slot = slots[(int) head & mask];
            if (slot.sequence != head + 1) {
                return count;
            }
            try {
                consumer.packet(slot);
            } finally {
                slot.track = null;
                slot.sequence = head + mask + 1;
                head++;
            }
            count++;
        }
    }
}
