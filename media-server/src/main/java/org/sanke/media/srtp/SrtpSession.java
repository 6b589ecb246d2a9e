package org.sanke.media.srtp;

import io.netty.util.collection.IntObjectHashMap;
import java.security.GeneralSecurityException;
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
 * use and cached; the count is capped so that a peer cannot make us hold unbounded state (only packets that
 * authenticate can create a receive context, and a browser uses a handful of SSRCs).
 *
 * <p>Thread: used only by the transport's event loop.
 */
public final class SrtpSession {
    static final int MAX_SSRCS = 64;
    private static final Logger LOG = new LoggerImpl(SrtpSession.class.getName(), Level.WARNING);

    private final Factory sendFactory;
    private final Factory receiveFactory;
    private final IntObjectHashMap<SrtpCryptoContext> sendRtp = new IntObjectHashMap<>();
    private final IntObjectHashMap<SrtpCryptoContext> receiveRtp = new IntObjectHashMap<>();
    private final IntObjectHashMap<SrtcpCryptoContext> sendRtcp = new IntObjectHashMap<>();
    private final IntObjectHashMap<SrtcpCryptoContext> receiveRtcp = new IntObjectHashMap<>();
    private final PacketBuffer packet = new PacketBuffer();

    public SrtpSession(SrtpKeys keys) {
        SrtpPolicy policy = policy(keys.profile());
        this.sendFactory = new Factory(new SrtpContextFactory(true, keys.localMasterKey(), keys.localMasterSalt(),
                policy, policy, LOG));
        this.receiveFactory = new Factory(new SrtpContextFactory(false, keys.remoteMasterKey(),
                keys.remoteMasterSalt(), policy, policy, LOG));
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
        return len < 12 ? -1 : grown(len, apply(context(sendRtp, ssrc(buf, off + 8), sendFactory::deriveRtp), buf,
                off, len, SrtpCryptoContext::transformPacket));
    }

    /** Authenticates and decrypts an SRTP packet; returns the plain length, or -1 (auth, replay, garbage). */
    public int unprotectRtp(byte[] buf, int off, int len) {
        return len < 12 ? -1 : apply(context(receiveRtp, ssrc(buf, off + 8), receiveFactory::deriveRtp), buf, off,
                len, (context, packet) -> context.reverseTransformPacket(packet, false));
    }

    public int protectRtcp(byte[] buf, int off, int len) {
        return len < 8 ? -1 : grown(len, apply(context(sendRtcp, ssrc(buf, off + 4), sendFactory::deriveRtcp), buf,
                off, len, SrtcpCryptoContext::transformPacket));
    }

    /**
     * A protected packet always carries a tag, so it is longer than the plain one; a library reporting success
     * without growing it may have left it unencrypted, which must never be sent.
     */
    private static int grown(int plainLength, int protectedLength) {
        return protectedLength > plainLength ? protectedLength : -1;
    }

    public int unprotectRtcp(byte[] buf, int off, int len) {
        return len < 8 ? -1 : apply(context(receiveRtcp, ssrc(buf, off + 4), receiveFactory::deriveRtcp), buf, off,
                len, SrtcpCryptoContext::reverseTransformPacket);
    }

    /** One jitsi-srtp operation on a context; method references, so no allocation per packet. */
    private interface Operation<C> {
        SrtpErrorStatus apply(C context, PacketBuffer packet) throws GeneralSecurityException;
    }

    private interface Derivation<C> {
        C derive(int ssrc) throws GeneralSecurityException;
    }

    private <C> int apply(C context, byte[] buf, int off, int len, Operation<C> operation) {
        if (context == null) {
            return -1;
        }
        try {
            return operation.apply(context, packet.wrap(buf, off, len)) == SrtpErrorStatus.OK ? packet.getLength() : -1;
        } catch (GeneralSecurityException | RuntimeException e) {
            return -1;
        }
    }

    private static <C> C context(IntObjectHashMap<C> contexts, int ssrc, Derivation<C> derivation) {
        C context = contexts.get(ssrc);
        if (context == null && contexts.size() < MAX_SSRCS) {
            try {
                context = derivation.derive(ssrc);
            } catch (GeneralSecurityException e) {
                return null;
            }
            contexts.put(ssrc, context);
        }
        return context;
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
