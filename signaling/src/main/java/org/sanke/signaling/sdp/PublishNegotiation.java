package org.sanke.signaling.sdp;

import java.util.List;
import org.sanke.media.api.ProducerParameters;

/**
 * The outcome of answering a publish offer.
 *
 * @param answerSdp       the answer to send back
 * @param remoteIceUfrag  the offer's ICE ufrag
 * @param remoteIcePwd    the offer's ICE password
 * @param fingerprintAlgorithm the offer's fingerprint algorithm (lower case, e.g. "sha-256")
 * @param fingerprint     the offer's fingerprint value
 * @param tracks          one entry per accepted (sendonly) audio/video section, in m-line order
 */
public record PublishNegotiation(String answerSdp, String remoteIceUfrag, String remoteIcePwd,
                                 String fingerprintAlgorithm, String fingerprint, List<ProducerParameters> tracks) {
    public PublishNegotiation {
        tracks = List.copyOf(tracks);
    }
}
