package org.sanke.media.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtcpTest {
    private final RtcpIterator it = new RtcpIterator();

    @Test
    void chromiumsSenderReportWithSdes() {
        byte[] p = Fixtures.packet("chromium-rtcp-sr-sdes.hex");
        assertThat(PacketKind.classify(p, 0, p.length)).isEqualTo(PacketKind.RTCP);
        assertThat(it.wrap(p, 0, p.length)).isTrue();
        assertThat(it.packetType()).isEqualTo(RtcpIterator.SR);
        assertThat(RtcpSenderReport.blockCount(p, it.packetOffset())).isZero();
        assertThat(RtcpSenderReport.ntpTime(p, it.packetOffset()) >>> 32).as("NTP seconds, after 1900")
                .isGreaterThan(3_900_000_000L);
        assertThat(it.next()).isTrue();
        assertThat(it.packetType()).isEqualTo(RtcpIterator.SDES);
        assertThat(it.next()).isFalse();
        assertThat(it.malformed()).isFalse();
    }

    @Test
    void chromiumsReceiverReportAndTransportCc() {
        byte[] rr = Fixtures.packet("chromium-rtcp-rr.hex");
        assertThat(it.wrap(rr, 0, rr.length)).isTrue();
        assertThat(it.packetType()).isEqualTo(RtcpIterator.RR);
        assertThat(RtcpReceiverReport.blockCount(rr, 0)).isEqualTo(1);
        int block = RtcpReceiverReport.FIRST_BLOCK_OFFSET;
        assertThat(RtcpReportBlock.ssrc(rr, block)).isNotZero();
        assertThat(RtcpReportBlock.fractionLost(rr, block)).isZero();

        for (String name : new String[] {"chromium-rtcp-transport-cc.hex", "chromium-rtcp-transport-cc-padded.hex"}) {
            byte[] tcc = Fixtures.packet(name);
            assertThat(it.wrap(tcc, 0, tcc.length)).isTrue();
            assertThat(it.packetType()).isEqualTo(RtcpIterator.RTPFB);
            assertThat(it.countOrFormat()).isEqualTo(RtcpIterator.FMT_TRANSPORT_CC);
            assertThat(it.packetLength()).isEqualTo(tcc.length);
        }
    }

    @Test
    void writtenPacketsReadBack() {
        byte[] out = new byte[1500];
        int len = RtcpWriter.senderReport(out, 0, 11, 0x0102030405060708L, 99, 5, 500);
        len += RtcpWriter.receiverReport(out, len, 11, 22, 64, 3, 70000, 12, 0x0304, 655);
        len += RtcpWriter.pli(out, len, 11, 22);
        len += RtcpWriter.fir(out, len, 11, 33, 7);
        len += RtcpWriter.nack(out, len, 11, 22, new int[] {65534, 65535, 3, 40}, 4);
        len += RtcpWriter.remb(out, len, 11, 1_500_000, new int[] {22}, 1);
        assertThat(it.wrap(out, 0, len)).isTrue();
        assertThat(it.packetType()).isEqualTo(RtcpIterator.SR);
        assertThat(RtcpSenderReport.ntpTime(out, 0)).isEqualTo(0x0102030405060708L);
        assertThat(RtcpSenderReport.rtpTimestamp(out, 0)).isEqualTo(99);
        assertThat(it.next()).isTrue();
        int block = it.packetOffset() + RtcpReceiverReport.FIRST_BLOCK_OFFSET;
        assertThat(RtcpReportBlock.ssrc(out, block)).isEqualTo(22);
        assertThat(RtcpReportBlock.fractionLost(out, block)).isEqualTo(64);
        assertThat(RtcpReportBlock.cumulativeLost(out, block)).isEqualTo(3);
        assertThat(RtcpReportBlock.extendedHighestSequence(out, block)).isEqualTo(70000);
        assertThat(RtcpReportBlock.jitter(out, block)).isEqualTo(12);
        assertThat(RtcpReportBlock.lastSenderReport(out, block)).isEqualTo(0x0304);
        assertThat(RtcpReportBlock.delaySinceLastSenderReport(out, block)).isEqualTo(655);
        assertThat(it.next()).isTrue();
        assertThat(it.packetType()).isEqualTo(RtcpIterator.PSFB);
        assertThat(it.countOrFormat()).isEqualTo(RtcpIterator.FMT_PLI);
        assertThat(it.mediaSsrc()).isEqualTo(22);
        assertThat(it.next()).isTrue();
        assertThat(it.countOrFormat()).isEqualTo(RtcpIterator.FMT_FIR);
        assertThat(RtcpFir.entryCount(out, it.packetOffset(), it.packetLength())).isEqualTo(1);
        assertThat(RtcpFir.entrySsrc(out, it.packetOffset(), 0)).isEqualTo(33);
        assertThat(it.next()).isTrue();
        assertThat(it.packetType()).isEqualTo(RtcpIterator.RTPFB);
        List<Integer> lost = new ArrayList<>();
        RtcpNack.forEachLost(out, it.packetOffset(), it.packetLength(), lost::add);
        assertThat(lost).containsExactly(65534, 65535, 3, 40);
        assertThat(it.packetLength()).as("65534..3 share one entry, 40 needs another").isEqualTo(20);
        assertThat(it.next()).isTrue();
        assertThat(it.countOrFormat()).isEqualTo(RtcpIterator.FMT_AFB);
        assertThat(it.next()).isFalse();
        assertThat(it.malformed()).isFalse();
    }

    @Test
    void aLyingLengthEndsTheWalk() {
        byte[] out = new byte[64];
        int len = RtcpWriter.pli(out, 0, 1, 2);
        len += RtcpWriter.pli(out, len, 1, 3);
        out[len - 12 + 3] = 9; // the second packet claims 40 bytes
        assertThat(it.wrap(out, 0, len)).isTrue();
        assertThat(it.next()).isFalse();
        assertThat(it.malformed()).isTrue();
        assertThat(it.wrap(out, 0, 7)).isFalse();
    }
}
