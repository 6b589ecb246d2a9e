package org.sanke.media.api;

import java.util.List;

/**
 * What a peer needs to reach a transport: ICE credentials, DTLS fingerprint, candidates.
 *
 * @param iceUfrag           the server's ICE username fragment
 * @param icePwd             the server's ICE password
 * @param dtlsFingerprint    SHA-256 fingerprint of the server's DTLS certificate, "AB:CD:..." upper case
 * @param candidates         host candidates, one per advertised address
 */
public record TransportParameters(String iceUfrag, String icePwd, String dtlsFingerprint,
                                  List<IceCandidate> candidates) {
    public TransportParameters {
        candidates = List.copyOf(candidates);
    }
}
