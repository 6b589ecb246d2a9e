package org.sanke.recording.rtp;

/** Opus (RFC 7587): every packet carries exactly one Opus packet, each decodable by itself. */
public final class OpusDepacketizer extends Depacketizer {
    public OpusDepacketizer() {
        super(false); // a lost packet is a short silence; the next one decodes
    }

    @Override
    protected void packet(RtpView rtp, long timestamp, FrameSink sink) {
        emitted();
        sink.frame(rtp.data(), rtp.payloadOffset(), rtp.payloadLength(), timestamp, true);
    }

    @Override
    protected void discardPartial() {
        // nothing spans packets
    }

}
