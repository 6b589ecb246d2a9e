package org.sanke.signaling.sdp;

/**
 * What the server needs from a subscriber's answer.
 *
 * @param remoteIceUfrag       the answer's ICE ufrag
 * @param remoteIcePwd         the answer's ICE password
 * @param fingerprintAlgorithm e.g. "sha-256"
 * @param fingerprint          the answer's fingerprint value
 */
public record SubscribeAnswer(String remoteIceUfrag, String remoteIcePwd, String fingerprintAlgorithm,
                              String fingerprint) {
}
