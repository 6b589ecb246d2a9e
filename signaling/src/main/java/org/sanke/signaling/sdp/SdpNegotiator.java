package org.sanke.signaling.sdp;

import java.util.List;
import org.sanke.media.api.TransportParameters;

/** The server's side of offer/answer: what it accepts from publishers and what it offers to subscribers. */
public final class SdpNegotiator {

    /** Answers a publish offer: every audio/video section sendonly, bundled, with a codec the server forwards. */
    public PublishNegotiation answerPublish(String offerSdp, TransportParameters local) throws SdpException {
        throw new UnsupportedOperationException("skeleton: being implemented");
    }

    /** Writes a subscribe offer; {@code sessionVersion} grows by one with each new offer on the same connection. */
    public String offerSubscribe(TransportParameters local, List<OfferedTrack> tracks, long sessionId,
                                 long sessionVersion) {
        throw new UnsupportedOperationException("skeleton: being implemented");
    }

    /** Checks a subscriber's answer against the offer it answers. */
    public SubscribeAnswer acceptSubscribeAnswer(String answerSdp, List<OfferedTrack> offered) throws SdpException {
        throw new UnsupportedOperationException("skeleton: being implemented");
    }
}
