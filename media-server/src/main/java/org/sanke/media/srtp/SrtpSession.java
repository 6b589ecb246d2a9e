package org.sanke.media.srtp;

import io.netty.util.collection.IntObjectHashMap;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;
import org.sanke.media.dtls.SrtpKeys;
import org.sanke.media.dtls.SrtpProfile;

/**
 * SRTP and SRTCP of one transport, in place in the caller's buffer. Crypto contexts are derived per SSRC on first
 * use and cached until the stream ends: the transport removes a stream's contexts when its producer or consumer
 * closes, so tracks that come and go on a long-lived transport never accumulate. A receive context is kept only once
 * a packet authenticated with it, so forged packets with invented SSRCs leave nothing behind; the cap per table is a
 * last guard against a peer that holds the keys and invents SSRCs anyway. Deriving a context costs far more than
 * decrypting a packet, so derivations that fail are rationed: a few at once, then one per
 * {@value #PACKETS_PER_CREDIT} packets that authenticate, which a spoofer cannot make.
 *
 * <p>Thread: used only by the transport's event loop; the live-context counter it is given may be shared.
 */
public final class SrtpSession {
    static final int MAX_CONTEXTS_PER_TABLE = 256;
    static final int MAX_NEW_STREAM_CREDIT = 16;
    static final int PACKETS_PER_CREDIT = 64;
    private static final Logger LOG = new LoggerImpl(SrtpSession.class.getName(), Level.WARNING);

    private final Factory sendFactory;
    private final Factory receiveFactory;
    private final IntObjectHashMap<SrtpCryptoContext> sendRtp = new IntObjectHashMap<>();
    private final IntObjectHashMap<SrtpCryptoContext> receiveRtp = new IntObjectHashMap<>();
    private final IntObjectHashMap<SrtcpCryptoContext> sendRtcp = new IntObjectHashMap<>();
    private final IntObjectHashMap<SrtcpCryptoContext> receiveRtcp = new IntObjectHashMap<>();
    private final PacketBuffer packet = new PacketBuffer();
    private final AtomicInteger liveContexts;
    private boolean closed;
    private int newStreamCredit = MAX_NEW_STREAM_CREDIT;
    private int packetsTowardCredit;

    public SrtpSession(SrtpKeys keys) {
        this(keys, new AtomicInteger());
    }

    /** @param liveContexts counts the contexts this session holds, e.g. shared by every session of a server */
    public SrtpSession(SrtpKeys keys, AtomicInteger liveContexts) {
        SrtpPolicy policy = policy(keys.profile());
        this.sendFactory = new Factory(new SrtpContextFactory(true, keys.localMasterKey(), keys.localMasterSalt(),
                policy, policy, LOG));
        this.receiveFactory = new Factory(new SrtpContextFactory(false, keys.remoteMasterKey(),
                keys.remoteMasterSalt(), policy, policy, LOG));
        this.liveContexts = liveContexts;
    }

    static SrtpPolicy policy(SrtpProfile profile) {
        return switch (profile) {
            case AEAD_AES_128_GCM -> new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, profile.keyLength,
                    SrtpPolicy.NULL_AUTHENTICATION, 0, 16, profile.saltLength);
            case AES_CM_128_HMAC_SHA1_80 -> new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, profile.keyLength,
                    SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, 10, profile.saltLength);
        };
    }

    /** Encrypts an RTP packet; returns the protected length, or -1. {@code buf} has room for the tag. */
    public int protectRtp(byte[] buf, int off, int len) {
        return len < 12 ? -1 : grown(len, protect(sendRtp, ssrc(buf, off + 8), sendFactory::deriveRtp, buf, off,
                len, SrtpCryptoContext::transformPacket));
    }

    /** Authenticates and decrypts an SRTP packet; returns the plain length, or -1 (auth, replay, garbage). */
    public int unprotectRtp(byte[] buf, int off, int len) {
        return len < 12 ? -1 : unprotect(receiveRtp, ssrc(buf, off + 8), receiveFactory::deriveRtp, buf, off, len,
                (context, packet) -> context.reverseTransformPacket(packet, false));
    }

    public int protectRtcp(byte[] buf, int off, int len) {
        return len < 8 ? -1 : grown(len, protect(sendRtcp, ssrc(buf, off + 4), sendFactory::deriveRtcp, buf, off,
                len, SrtcpCryptoContext::transformPacket));
    }

    /**
     * A protected packet always carries a tag, so it is longer than the plain one; a library reporting success
     * without growing it may have left it unencrypted, which must never be sent.
     */
    private static int grown(int plainLength, int protectedLength) {
        return protectedLength > plainLength ? protectedLength : -1;
    }

    public int unprotectRtcp(byte[] buf, int off, int len) {
        return len < 8 ? -1 : unprotect(receiveRtcp, ssrc(buf, off + 4), receiveFactory::deriveRtcp, buf, off, len,
                SrtcpCryptoContext::reverseTransformPacket);
    }

    /** A stream we sent has ended: its RTP and RTCP contexts go (a new stream is a new SSRC). */
    public void removeSendStream(int ssrc) {
        remove(sendRtp, ssrc);
        remove(sendRtcp, ssrc);
    }

    /** A stream the peer sent has ended, or was never ours to receive: its RTP and RTCP contexts go. */
    public void removeReceiveStream(int ssrc) {
        remove(receiveRtp, ssrc);
        remove(receiveRtcp, ssrc);
    }

    /** Contexts held now, all directions. */
    public int contextCount() {
        return sendRtp.size() + receiveRtp.size() + sendRtcp.size() + receiveRtcp.size();
    }

    /** Frees every context; afterwards every packet fails. Idempotent. */
    public void close() {
        if (!closed) {
            closed = true;
            liveContexts.addAndGet(-contextCount());
            sendRtp.clear();
            receiveRtp.clear();
            sendRtcp.clear();
            receiveRtcp.clear();
        }
    }

    private void remove(IntObjectHashMap<?> contexts, int ssrc) {
        if (contexts.remove(ssrc) != null) {
            liveContexts.decrementAndGet();
        }
    }

    /** One jitsi-srtp operation on a context; method references, so no allocation per packet. */
    private interface Operation<C> {
        SrtpErrorStatus apply(C context, PacketBuffer packet) throws GeneralSecurityException;
    }

    private interface Derivation<C> {
        C derive(int ssrc) throws GeneralSecurityException;
    }

    /** Our own streams: the context is kept from the first packet. */
    private <C> int protect(IntObjectHashMap<C> contexts, int ssrc, Derivation<C> derivation, byte[] buf, int off,
                            int len, Operation<C> operation) {
        C context = contexts.get(ssrc);
        if (context == null) {
            context = derive(contexts, ssrc, derivation);
            if (context == null) {
                return -1;
            }
            keep(contexts, ssrc, context);
        }
        return apply(context, buf, off, len, operation);
    }

    /** The peer's streams: a new context is kept only when the packet that made it authenticated. */
    private <C> int unprotect(IntObjectHashMap<C> contexts, int ssrc, Derivation<C> derivation, byte[] buf, int off,
                              int len, Operation<C> operation) {
        C context = contexts.get(ssrc);
        if (context != null) {
            int result = apply(context, buf, off, len, operation);
            if (result >= 0 && ++packetsTowardCredit == PACKETS_PER_CREDIT) {
                packetsTowardCredit = 0;
                newStreamCredit = Math.min(MAX_NEW_STREAM_CREDIT, newStreamCredit + 1);
            }
            return result;
        }
        if (newStreamCredit <= 0) {
            return -1;
        }
        C fresh = derive(contexts, ssrc, derivation);
        int result = fresh == null ? -1 : apply(fresh, buf, off, len, operation);
        if (result >= 0) {
            keep(contexts, ssrc, fresh);
        } else {
            newStreamCredit--;
        }
        return result;
    }

    private <C> void keep(IntObjectHashMap<C> contexts, int ssrc, C context) {
        contexts.put(ssrc, context);
        liveContexts.incrementAndGet();
    }

    private <C> C derive(IntObjectHashMap<C> contexts, int ssrc, Derivation<C> derivation) {
        if (closed || contexts.size() >= MAX_CONTEXTS_PER_TABLE) {
            return null;
        }
        try {
            return derivation.derive(ssrc);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private <C> int apply(C context, byte[] buf, int off, int len, Operation<C> operation) {
        try {
            return operation.apply(context, packet.wrap(buf, off, len)) == SrtpErrorStatus.OK ? packet.getLength() : -1;
        } catch (GeneralSecurityException | RuntimeException e) {
            return -1;
        }
    }

    private static int ssrc(byte[] buf, int i) {
        return ((buf[i] & 0xFF) << 24) | ((buf[i + 1] & 0xFF) << 16) | ((buf[i + 2] & 0xFF) << 8) | (buf[i + 3] & 0xFF);
    }

    /** jitsi-srtp's factory for one direction; the RTP roll-over counter starts at 0 (RFC 3711 §3.3.1). */
    private record Factory(SrtpContextFactory contexts) {
        SrtpCryptoContext deriveRtp(int ssrc) throws GeneralSecurityException {
            return contexts.deriveContext(ssrc, 0);
        }

        SrtcpCryptoContext deriveRtcp(int ssrc) throws GeneralSecurityException {
            return contexts.deriveControlContext(ssrc);
        }
    }
}
