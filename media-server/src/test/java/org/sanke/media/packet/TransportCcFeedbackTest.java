package org.sanke.media.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransportCcFeedbackTest {
    /** Decodes a feedback packet into (sequence, arrival in 250 µs ticks or -1) pairs, per the draft's §3.1. */
    static List<long[]> decode(byte[] p, int off) {
        int base = ((p[off + 12] & 0xFF) << 8) | (p[off + 13] & 0xFF);
        int count = ((p[off + 14] & 0xFF) << 8) | (p[off + 15] & 0xFF);
        long reference = ((p[off + 16] & 0xFF) << 16) | ((p[off + 17] & 0xFF) << 8) | (p[off + 18] & 0xFF);
        int[] symbols = new int[count];
        int pos = off + 20;
        int n = 0;
        while (n < count) {
            int chunk = ((p[pos] & 0xFF) << 8) | (p[pos + 1] & 0xFF);
            pos += 2;
            if ((chunk & 0x8000) == 0) {
                int symbol = (chunk >> 13) & 3;
                for (int k = 0; k < (chunk & 0x1FFF) && n < count; k++) {
                    symbols[n++] = symbol;
                }
            } else {
                for (int k = 0; k < 7 && n < count; k++) {
                    symbols[n++] = (chunk >> (12 - 2 * k)) & 3;
                }
            }
        }
        List<long[]> result = new ArrayList<>();
        long time = reference * 256;
        for (int i = 0; i < count; i++) {
            long arrival = -1;
            if (symbols[i] == 1) {
                time += p[pos++] & 0xFF;
                arrival = time;
            } else if (symbols[i] == 2) {
                time += (short) (((p[pos] & 0xFF) << 8) | (p[pos + 1] & 0xFF));
                pos += 2;
                arrival = time;
            }
            result.add(new long[] {(base + i) & 0xFFFF, arrival});
        }
        return result;
    }

    @Test
    void lossesRunsWrapAndLargeDeltasRoundTrip() {
        TransportCcFeedbackBuilder builder = new TransportCcFeedbackBuilder();
        long t0 = 1_000_000_000L;
        builder.reset(65530, t0);
        List<long[]> expected = new ArrayList<>();
        long now = t0;
        for (int i = 0; i < 40; i++) {
            int seq = (65530 + i) & 0xFFFF;
            boolean lost = i == 3 || (i >= 10 && i < 25);
            now += i == 30 ? 200_000 : 1000; // one 200 ms gap needs a large delta
            if (!lost) {
                assertThat(builder.addReceived(seq, now)).isTrue();
            }
            expected.add(new long[] {seq, lost ? -1 : now / 250});
        }
        byte[] out = new byte[1500];
        int len = builder.write(out, 0, 1, 2, 9);
        assertThat(len % 4).isZero();
        RtcpIterator it = new RtcpIterator();
        assertThat(it.wrap(out, 0, len)).isTrue();
        assertThat(it.packetLength()).isEqualTo(len);
        assertThat(it.countOrFormat()).isEqualTo(RtcpIterator.FMT_TRANSPORT_CC);
        List<long[]> decoded = decode(out, 0);
        assertThat(decoded).hasSize(40);
        for (int i = 0; i < 40; i++) {
            assertThat(decoded.get(i)).as("packet %d", i).containsExactly(expected.get(i));
        }
    }

    @Test
    void outOfOrderAndOutOfRangeAreRefused() {
        TransportCcFeedbackBuilder builder = new TransportCcFeedbackBuilder();
        builder.reset(100, 0);
        assertThat(builder.addReceived(105, 1000)).isTrue();
        assertThat(builder.addReceived(104, 2000)).isFalse();
        assertThat(builder.addReceived(100 + TransportCcFeedbackBuilder.MAX_PACKETS, 3000)).isFalse();
        assertThat(builder.addReceived(106, 1000 + 60_000_000L)).as("a minute later does not fit 16 bits").isFalse();
        assertThat(builder.packetStatusCount()).isEqualTo(6);
    }
}
