package org.sanke.media;

/**
 * The media port is already bound by another socket, most likely another Sanke: starting anyway would share the
 * port (SO_REUSEPORT), and the kernel would hand each server part of the other's packets.
 */
public final class MediaPortInUseException extends RuntimeException {
    private final String address;
    private final int port;

    public MediaPortInUseException(String address, int port, Throwable cause) {
        super("UDP port " + port + " on " + address + " is already in use by another process", cause);
        this.address = address;
        this.port = port;
    }

    /** The address the server tried to bind. */
    public String address() {
        return address;
    }

    public int port() {
        return port;
    }
}
