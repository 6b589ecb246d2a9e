package org.sanke.media.api;

/**
 * A host candidate the server offers (ICE-lite has only host candidates).
 *
 * @param foundation ICE foundation
 * @param priority   ICE priority
 * @param address    IP address as text, as advertised
 * @param port       UDP port
 */
public record IceCandidate(String foundation, long priority, String address, int port) {
    /** The a=candidate value, without the "a=candidate:" prefix. */
    public String sdpValue() {
        return foundation + " 1 udp " + priority + " " + address + " " + port + " typ host";
    }
}
