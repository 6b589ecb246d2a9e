package org.sanke.media.packet;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Writes the STUN messages of ICE (RFC 8489, RFC 8445 §7): responses for the server, requests for test clients. */
public final class StunWriter {
    private static final int MAX_MESSAGE = 548;

    private StunWriter() {
    }

    /** A Binding success with XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY and FINGERPRINT. */
    public static byte[] bindingSuccess(byte[] transactionId, InetSocketAddress mapped, byte[] integrityKey) {
        Builder b = new Builder(StunMessage.BINDING_SUCCESS, transactionId);
        byte[] address = mapped.getAddress().getAddress();
        byte[] value = new byte[4 + address.length];
        value[1] = (byte) (address.length == 4 ? 1 : 2);
        Bytes.put16(value, 2, mapped.getPort() ^ (StunMessage.MAGIC_COOKIE >>> 16));
        for (int i = 0; i < address.length; i++) {
            value[4 + i] = (byte) (address[i] ^ b.out[4 + i]);
        }
        b.attribute(StunMessage.ATTR_XOR_MAPPED_ADDRESS, value);
        b.integrity(integrityKey);
        return b.fingerprint();
    }

    /** A Binding error response (RFC 8489 §14.8); integrity only when a key is given. */
    public static byte[] bindingError(byte[] transactionId, int code, String reason, byte[] integrityKeyOrNull) {
        Builder b = new Builder(StunMessage.BINDING_ERROR, transactionId);
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[4 + text.length];
        value[2] = (byte) (code / 100);
        value[3] = (byte) (code % 100);
        System.arraycopy(text, 0, value, 4, text.length);
        b.attribute(StunMessage.ATTR_ERROR_CODE, value);
        if (integrityKeyOrNull != null) {
            b.integrity(integrityKeyOrNull);
        }
        return b.fingerprint();
    }

    /** A Binding request as an ICE agent sends it (RFC 8445 §7.1.1), for test and load clients. */
    public static byte[] bindingRequest(byte[] transactionId, String username, byte[] integrityKey, long priority,
                                        boolean useCandidate, long tieBreaker, boolean controlling) {
        Builder b = new Builder(StunMessage.BINDING_REQUEST, transactionId);
        b.attribute(StunMessage.ATTR_USERNAME, username.getBytes(StandardCharsets.UTF_8));
        byte[] prio = new byte[4];
        Bytes.put32(prio, 0, (int) priority);
        b.attribute(StunMessage.ATTR_PRIORITY, prio);
        if (useCandidate) {
            b.attribute(StunMessage.ATTR_USE_CANDIDATE, new byte[0]);
        }
        byte[] tie = new byte[8];
        Bytes.put32(tie, 0, (int) (tieBreaker >>> 32));
        Bytes.put32(tie, 4, (int) tieBreaker);
        b.attribute(controlling ? StunMessage.ATTR_ICE_CONTROLLING : StunMessage.ATTR_ICE_CONTROLLED, tie);
        b.integrity(integrityKey);
        return b.fingerprint();
    }

    static byte[] hmacSha1(byte[] key, byte[] data, int off, int len) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            mac.update(data, off, len);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    private static final class Builder {
        final byte[] out = new byte[MAX_MESSAGE];
        int pos = StunMessage.HEADER;

        Builder(int type, byte[] transactionId) {
            if (transactionId.length != 12) {
                throw new IllegalArgumentException("a STUN transaction id has 12 bytes");
            }
            Bytes.put16(out, 0, type);
            Bytes.put32(out, 4, StunMessage.MAGIC_COOKIE);
            System.arraycopy(transactionId, 0, out, 8, 12);
        }

        void attribute(int type, byte[] value) {
            Bytes.put16(out, pos, type);
            Bytes.put16(out, pos + 2, value.length);
            System.arraycopy(value, 0, out, pos + 4, value.length);
            pos += 4 + ((value.length + 3) & ~3);
        }

        void integrity(byte[] key) {
            Bytes.put16(out, 2, pos + 24 - StunMessage.HEADER);
            byte[] mac = hmacSha1(key, out, 0, pos);
            attribute(StunMessage.ATTR_MESSAGE_INTEGRITY, mac);
        }

        byte[] fingerprint() {
            Bytes.put16(out, 2, pos + 8 - StunMessage.HEADER);
            CRC32 crc = new CRC32();
            crc.update(out, 0, pos);
            byte[] value = new byte[4];
            Bytes.put32(value, 0, (int) crc.getValue() ^ StunMessage.FINGERPRINT_XOR);
            attribute(StunMessage.ATTR_FINGERPRINT, value);
            return Arrays.copyOf(out, pos);
        }
    }
}
