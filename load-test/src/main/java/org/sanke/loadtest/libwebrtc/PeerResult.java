package org.sanke.loadtest.libwebrtc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one realistic peer's libwebrtc reported, from its summary line or, while it runs, its latest stats line.
 *
 * @param name                        the peer's name
 * @param role                        its role in the lesson
 * @param state                       starting, running, stopped (left as asked) or failed
 * @param error                       why it failed, or null
 * @param framesDecoded               video frames libwebrtc decoded, all received streams together
 * @param framesPerSecond             decoded frames per second now (0 in a summary after the streams ended)
 * @param packetsReceived             RTP packets received, audio and video
 * @param packetsLost                 RTP packets libwebrtc counts as lost, audio and video
 * @param videoJitterBufferDelayMs    mean time a video frame waited in the jitter buffer
 * @param audioJitterBufferDelayMs    mean time an audio sample waited in the jitter buffer
 * @param framesEncoded               video frames the peer encoded (publishers)
 * @param packetsSent                 RTP packets the peer sent, audio and video
 * @param availableOutgoingBitrate    the send bandwidth libwebrtc estimates, bit/s (publishers)
 * @param firstFrameMillis            from opening the WebSocket to the first decoded frame, or -1 if none yet
 */
public record PeerResult(String name, String role, String state, String error, long framesDecoded,
                         double framesPerSecond, long packetsReceived, long packetsLost,
                         double videoJitterBufferDelayMs, double audioJitterBufferDelayMs, long framesEncoded,
                         long packetsSent, long availableOutgoingBitrate, long firstFrameMillis) {

    /** Reads a stats or summary line; {@code line} may be null (nothing reported yet). */
    static PeerResult of(String name, String role, String state, String error, JsonNode line) {
        if (line == null) {
            return new PeerResult(name, role, state, error, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1);
        }
        JsonNode in = line.path("received");
        JsonNode out = line.path("sent");
        return new PeerResult(name, role, state, error,
                in.path("video").path("framesDecoded").asLong(),
                in.path("video").path("framesPerSecond").asDouble(),
                in.path("video").path("packetsReceived").asLong() + in.path("audio").path("packetsReceived").asLong(),
                in.path("video").path("packetsLost").asLong() + in.path("audio").path("packetsLost").asLong(),
                in.path("video").path("meanJitterBufferDelayMs").asDouble(),
                in.path("audio").path("meanJitterBufferDelayMs").asDouble(),
                out.path("video").path("framesEncoded").asLong(),
                out.path("video").path("packetsSent").asLong() + out.path("audio").path("packetsSent").asLong(),
                out.path("availableOutgoingBitrate").asLong(),
                line.path("firstFrameMillis").isNumber() ? line.path("firstFrameMillis").asLong() : -1);
    }

    /** The same figures with the time to first frame that only a peer's final summary carries. */
    public PeerResult withFirstFrameMillis(long millis) {
        return new PeerResult(name, role, state, error, framesDecoded, framesPerSecond, packetsReceived, packetsLost,
                videoJitterBufferDelayMs, audioJitterBufferDelayMs, framesEncoded, packetsSent,
                availableOutgoingBitrate, millis);
    }

    /** Packets lost as a share of packets expected, in percent. */
    public double lossPercent() {
        long expected = packetsReceived + packetsLost;
        return expected == 0 ? 0 : 100.0 * packetsLost / expected;
    }
}
