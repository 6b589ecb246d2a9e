package org.sanke.media.packet;

import java.util.function.IntConsumer;

/** Generic NACK (RFC 4585 §6.2.1): each FCI entry names a lost packet and a bitmask of the 16 after it. */
public final class RtcpNack {
    private RtcpNack() {
    }

    public static void forEachLost(byte[] buf, int packetOffset, int packetLength, IntConsumer lostSequence) {
        for (int fci = packetOffset + 12; fci + 4 <= packetOffset + packetLength; fci += 4) {
            int pid = Bytes.u16(buf, fci);
            int blp = Bytes.u16(buf, fci + 2);
            lostSequence.accept(pid);
            for (int bit = 0; bit < 16; bit++) {
                if ((blp & (1 << bit)) != 0) {
                    lostSequence.accept((pid + bit + 1) & 0xFFFF);
                }
            }
        }
    }
}
