package org.sanke.media.sfu;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.sanke.media.packet.StunMessage;
import org.sanke.media.packet.StunWriter;

/**
 * ICE-lite (RFC 8445 §2.5) for one transport: answers the browser's Binding requests, validates them with the
 * short-term credential (RFC 8489 §9.1), follows its nomination, and keeps the time of the last sign of life for
 * consent freshness (RFC 7675). The server never sends checks of its own. Owned by the transport's loop.
 */
final class IceLiteAgent {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ICE_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

    final String localUfrag;
    final String localPwd;
    private final byte[] integrityKey;
    private final String usernamePrefix;
    private volatile InetSocketAddress selectedAddress;

    IceLiteAgent() {
        this.localUfrag = randomIceString(8);
        this.localPwd = randomIceString(24);
        this.integrityKey = localPwd.getBytes(StandardCharsets.UTF_8);
        this.usernamePrefix = localUfrag + ":";
    }

    /** The outcome of one Binding request. */
    enum Outcome { ANSWERED, NOMINATED, REJECTED, IGNORED }

    /**
     * Checks one STUN message; on success the answer is sent through {@code responder} and the sender becomes a
     * validated address. A request with a bad MESSAGE-INTEGRITY is answered 401 only when its USERNAME is ours
     * (RFC 8489 §9.1.3), and never changes state.
     */
    Outcome onStun(StunMessage stun, InetSocketAddress from, Responder responder) {
        if (!stun.isBindingRequest()) {
            return Outcome.IGNORED;
        }
        String username = stun.username();
        if (username == null || !username.startsWith(usernamePrefix) || !stun.hasMessageIntegrity()) {
            responder.respond(StunWriter.bindingError(stun.transactionId(), 400, "Bad Request", null), from);
            return Outcome.REJECTED;
        }
        if (!stun.checkMessageIntegrity(integrityKey) || (stun.hasFingerprint() && !stun.checkFingerprint())) {
            responder.respond(StunWriter.bindingError(stun.transactionId(), 401, "Unauthorized", null), from);
            return Outcome.REJECTED;
        }
        responder.respond(StunWriter.bindingSuccess(stun.transactionId(), from, integrityKey), from);
        // A lite agent takes the first validated pair and then follows USE-CANDIDATE (RFC 8445 §7.3.1.5).
        if (stun.useCandidate() || selectedAddress == null) {
            boolean changed = !from.equals(selectedAddress);
            selectedAddress = from;
            return changed ? Outcome.NOMINATED : Outcome.ANSWERED;
        }
        return Outcome.ANSWERED;
    }

    /** Where media goes; null until a check succeeded. Volatile: the DTLS handshake thread reads it. */
    InetSocketAddress selectedAddress() {
        return selectedAddress;
    }

    interface Responder {
        void respond(byte[] message, InetSocketAddress to);
    }

    static String randomIceString(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ICE_CHARS[RANDOM.nextInt(ICE_CHARS.length)];
        }
        return new String(out);
    }
}
