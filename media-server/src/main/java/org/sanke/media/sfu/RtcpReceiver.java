package org.sanke.media.sfu;

import org.sanke.media.packet.RtcpFir;
import org.sanke.media.packet.RtcpIterator;
import org.sanke.media.packet.RtcpReceiverReport;
import org.sanke.media.packet.RtcpReportBlock;
import org.sanke.media.packet.RtcpSenderReport;

/**
 * Terminates the RTCP a peer sends (nothing is forwarded as is): sender reports feed the producer's clock mapping,
 * receiver reports feed the consumer's statistics, NACK/PLI/FIR go to the consumer they name. Owned by the
 * transport's loop.
 */
final class RtcpReceiver {
    private final WebRtcTransportImpl transport;
    private final RtcpIterator iterator = new RtcpIterator();

    RtcpReceiver(WebRtcTransportImpl transport) {
        this.transport = transport;
    }

    void onCompound(byte[] buf, int len, long now) {
        if (!iterator.wrap(buf, 0, len)) {
            transport.loop.stats.drop(DropReason.RTCP_MALFORMED);
            return;
        }
        do {
            int off = iterator.packetOffset();
            int packetLength = iterator.packetLength();
            switch (iterator.packetType()) {
                case RtcpIterator.SR -> onSenderReport(buf, off, packetLength, now);
                case RtcpIterator.RR -> onReportBlocks(buf, off, packetLength, RtcpReceiverReport.blockCount(buf, off),
                        RtcpReceiverReport.FIRST_BLOCK_OFFSET);
                case RtcpIterator.RTPFB -> {
                    if (iterator.countOrFormat() == RtcpIterator.FMT_NACK) {
                        ConsumerImpl consumer = transport.consumerBySsrc(iterator.mediaSsrc());
                        if (consumer != null) {
                            consumer.onNack(buf, off, packetLength, now);
                        }
                    }
                }
                case RtcpIterator.PSFB -> onPayloadFeedback(buf, off, packetLength, now);
                default -> { }
            }
        } while (iterator.next());
        if (iterator.malformed()) {
            transport.loop.stats.drop(DropReason.RTCP_MALFORMED);
        }
    }

    private void onSenderReport(byte[] buf, int off, int len, long now) {
        if (len < RtcpSenderReport.FIRST_BLOCK_OFFSET) {
            transport.loop.stats.drop(DropReason.RTCP_MALFORMED);
            return; // too short for its sender info: do not read the next packet's bytes as ours
        }
        ProducerImpl producer = transport.producerBySsrc(iterator.senderSsrc());
        if (producer != null) {
            producer.onSenderReport(RtcpSenderReport.ntpTime(buf, off), RtcpSenderReport.rtpTimestamp(buf, off), now);
        }
        onReportBlocks(buf, off, len, RtcpSenderReport.blockCount(buf, off), RtcpSenderReport.FIRST_BLOCK_OFFSET);
    }

    private void onReportBlocks(byte[] buf, int off, int len, int count, int firstBlockOffset) {
        for (int i = 0; i < count; i++) {
            int block = off + firstBlockOffset + i * RtcpReportBlock.SIZE;
            if (block + RtcpReportBlock.SIZE > off + len) {
                return;
            }
            ConsumerImpl consumer = transport.consumerBySsrc(RtcpReportBlock.ssrc(buf, block));
            if (consumer != null) {
                consumer.onReceiverReport(RtcpReportBlock.fractionLost(buf, block), RtcpReportBlock.jitter(buf, block),
                        RtcpReportBlock.lastSenderReport(buf, block),
                        RtcpReportBlock.delaySinceLastSenderReport(buf, block));
            }
        }
    }

    private void onPayloadFeedback(byte[] buf, int off, int len, long now) {
        switch (iterator.countOrFormat()) {
            case RtcpIterator.FMT_PLI -> {
                ConsumerImpl consumer = transport.consumerBySsrc(iterator.mediaSsrc());
                if (consumer != null) {
                    consumer.onKeyframeRequest(now);
                }
            }
            case RtcpIterator.FMT_FIR -> {
                for (int i = 0; i < RtcpFir.entryCount(buf, off, len); i++) {
                    ConsumerImpl consumer = transport.consumerBySsrc(RtcpFir.entrySsrc(buf, off, i));
                    if (consumer != null) {
                        consumer.onKeyframeRequest(now);
                    }
                }
            }
            default -> { }
        }
    }
}
