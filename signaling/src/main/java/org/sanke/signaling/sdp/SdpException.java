package org.sanke.signaling.sdp;

/** An SDP that does not parse ({@link #isUnsupported()} false) or asks for what the server does not do (true). */
public final class SdpException extends Exception {
    private final boolean unsupported;

    private SdpException(String message, boolean unsupported) {
        super(message);
        this.unsupported = unsupported;
    }

    /** A syntax error; the message starts with the line number, e.g. "line 7: m= line needs at least 4 fields". */
    public static SdpException invalid(int line, String reason) {
        return new SdpException("line " + line + ": " + reason, false);
    }

    /** Parses, but cannot be accepted, e.g. "no common video codec in mid 1". */
    public static SdpException unsupported(String reason) {
        return new SdpException(reason, true);
    }

    public boolean isUnsupported() {
        return unsupported;
    }
}
