package org.sanke.signaling;

/**
 * Settings of the HTTP and WebSocket server.
 *
 * @param bindAddress     address to listen on, e.g. "0.0.0.0"
 * @param port            HTTP port (0 picks a free one, for tests)
 * @param maxMessageBytes the largest WebSocket message accepted; larger ones close the connection with 1009
 * @param webRoot         classpath folder whose files are served at "/" (the web client)
 */
public record SignalingConfig(String bindAddress, int port, int maxMessageBytes, String webRoot) {
    public static SignalingConfig defaults() {
        return new SignalingConfig("0.0.0.0", 8080, 64 * 1024, "web");
    }
}
