package org.sanke.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PacketQueueTest {
    @Test
    void refusesWhenFullAndTakesAgainOnceDrained() {
        PacketQueue<TrackTap> queue = new PacketQueue<>(4, 16);
        byte[] packet = new byte[16];
        for (int i = 0; i < 4; i++) {
            assertThat(queue.offer(null, packet, 0, 16, i)).isTrue();
        }
        assertThat(queue.offer(null, packet, 0, 16, 4)).isFalse();
        List<Long> arrivals = new ArrayList<>();
        assertThat(queue.drain(slot -> arrivals.add(slot.arrivalNanos))).isEqualTo(4);
        assertThat(arrivals).containsExactly(0L, 1L, 2L, 3L);
        assertThat(queue.offer(null, ByteBuffer.wrap(packet, 3, 5), 5)).isTrue();
        assertThat(queue.drain(slot -> assertThat(slot.length).isEqualTo(5))).isEqualTo(1);
    }

    /** Several forwarding threads at once: every packet arrives once, intact, in each thread's order. */
    @Test
    void producersOnSeveralThreadsLoseNothingTheQueueAccepted() throws Exception {
        PacketQueue<TrackTap> queue = new PacketQueue<>(64, 8);
        int producers = 4;
        int each = 20_000;
        AtomicInteger refused = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            threads.add(Thread.ofPlatform().start(() -> {
                ByteBuffer packet = ByteBuffer.allocate(8);
                for (int i = 0; i < each; i++) {
                    packet.clear();
                    packet.putInt(id).putInt(i).flip();
                    while (!queue.offer(null, packet, 0)) {
                        refused.incrementAndGet();
                        Thread.onSpinWait();
                    }
                }
            }));
        }
        int[] next = new int[producers];
        int received = 0;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (received < producers * each && System.nanoTime() < deadline) {
            received += queue.drain(slot -> {
                ByteBuffer b = ByteBuffer.wrap(slot.data, 0, slot.length);
                int id = b.getInt();
                int sequence = b.getInt();
                assertThat(sequence).isEqualTo(next[id]);
                next[id]++;
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(received).isEqualTo(producers * each);
        assertThat(next).containsOnly(each);
    }
}
