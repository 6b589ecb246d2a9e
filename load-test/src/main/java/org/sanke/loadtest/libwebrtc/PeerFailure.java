package org.sanke.loadtest.libwebrtc;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.sanke.loadtest.client.SignalingConnection;

/**
 * Why a peer cannot go on, as one line a person understands: a code for programs (the server's error code where it
 * refused) and the process exit status that goes with it.
 */
final class PeerFailure extends Exception {
    /** Exit status of a refusal or an unreachable server: the input or the server, not the tool. */
    static final int REFUSED = 2;
    /** Exit status when libwebrtc cannot load on this machine. */
    static final int NO_NATIVE_LIBRARY = 3;
    /** Exit status of anything else going wrong. */
    static final int FAILED = 1;

    final String code;
    final int exitStatus;

    PeerFailure(String code, String message, int exitStatus) {
        super(message);
        this.code = code;
        this.exitStatus = exitStatus;
    }

    static PeerFailure nativeLibrary(Throwable loading) {
        return new PeerFailure("native_library", "cannot load libwebrtc (webrtc-java, linux-x86_64): "
                + causes(loading), NO_NATIVE_LIBRARY);
    }

    /** The WebSocket could not be opened. */
    static PeerFailure unreachable(URI server, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ConnectException && cause.getCause() instanceof UnresolvedAddressException) {
            cause = cause.getCause();
        }
        String why = switch (cause) {
            case ConnectException e -> "connection refused: is it running?";
            case WebSocketHandshakeException e -> "it answered /ws with HTTP " + e.getResponse().statusCode()
                    + ", not a WebSocket: is it a Sanke server?";
            case HttpTimeoutException e -> "no answer within the timeout";
            case UnresolvedAddressException e -> "unknown host";
            default -> causes(cause);
        };
        return new PeerFailure("unreachable", "cannot reach the server at " + server + " (" + why + ")", REFUSED);
    }

    /** The server answered a request with an error, or the request failed on the way. */
    static PeerFailure refused(String what, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof SignalingConnection.ServerRefusal refusal) {
            return new PeerFailure(refusal.code, "the server refused to " + what + ": " + refusal.getMessage(),
                    REFUSED);
        }
        if (cause instanceof TimeoutException) {
            return new PeerFailure("timeout", "could not " + what + ": the server did not answer in time", FAILED);
        }
        return new PeerFailure("failed", "could not " + what + ": " + causes(cause), FAILED);
    }

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * Every message down the cause chain. Wrappers without a message of their own are left out; a message that is
     * a single word (a file name, say) gets its exception's name, which is then the only thing saying what happened.
     */
    static String causes(Throwable failure) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = failure; t != null && parts.size() < 6; t = t.getCause()) {
            String message = t.getMessage();
            if (message == null || message.isBlank()) {
                continue;
            }
            String text = message.strip().contains(" ") ? message.strip()
                    : t.getClass().getSimpleName() + " " + message.strip();
            if (parts.isEmpty() || !parts.getLast().contains(message.strip())) {
                parts.add(text);
            }
        }
        return parts.isEmpty() ? failure.getClass().getSimpleName() : String.join(": ", parts);
    }
}
