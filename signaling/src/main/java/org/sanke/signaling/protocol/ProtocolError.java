package org.sanke.signaling.protocol;

/** A request the server refuses, with the error code of docs/protocol.md and a message for the client's developer. */
public final class ProtocolError extends Exception {
    private final String code;

    public ProtocolError(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
