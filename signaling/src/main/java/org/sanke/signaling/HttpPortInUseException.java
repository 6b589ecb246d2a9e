package org.sanke.signaling;

/** The HTTP port is held by another program: the server cannot start there. */
public final class HttpPortInUseException extends Exception {
    private final int port;

    HttpPortInUseException(String address, int port, Throwable cause) {
        super("HTTP port " + port + " on " + address + " is already in use by another program", cause);
        this.port = port;
    }

    public int port() {
        return port;
    }
}
