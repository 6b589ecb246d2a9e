package org.sanke.media.sfu;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class KernelSocketStatsTest {
    private static final String TABLE = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
              12: 0100007F:2710 00000000:0000 07 00000000:00000A00 00:00000000 00000000     0        0 4711 2 0000000000000000 3
              13: 0100007F:2710 00000000:0000 07 00000000:00000100 00:00000000 00000000     0        0 4712 2 0000000000000000 4
              14: 0100007F:2711 00000000:0000 07 00000000:0000FFFF 00:00000000 00000000     0        0 4713 2 0000000000000000 99
            """;

    @Test
    void sumsTheSocketsOfThePortOnly() {
        KernelSocketStats.Totals totals = KernelSocketStats.parse(TABLE, 10000);
        assertThat(totals.receiveQueueBytes()).isEqualTo(0xA00 + 0x100);
        assertThat(totals.drops()).isEqualTo(7);
        assertThat(KernelSocketStats.parse(TABLE, 9)).isEqualTo(new KernelSocketStats.Totals(0, 0));
        assertThat(KernelSocketStats.parse("garbage\n\n", 10000)).isEqualTo(new KernelSocketStats.Totals(0, 0));
    }

    @Test
    void seesWhatWaitsInARealSocket() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DatagramSocket sender = new DatagramSocket()) {
            int port = receiver.getLocalPort();
            byte[] payload = new byte[500];
            for (int i = 0; i < 4; i++) {
                sender.send(new java.net.DatagramPacket(payload, payload.length, receiver.getLocalSocketAddress()));
            }
            // Nobody reads: the kernel holds the four datagrams (with its own per-datagram overhead).
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (KernelSocketStats.read(port).receiveQueueBytes() < 4 * 500 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(KernelSocketStats.read(port).receiveQueueBytes()).isGreaterThanOrEqualTo(4 * 500);
        }
    }
}
