package org.sanke.media.packet;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * A parsed STUN message (RFC 8489): header and the attributes ICE uses. STUN is a few packets per peer per second,
 * so this allocates; the media path never sees it.
 */
public final class StunMessage {
    static final int MAGIC_COOKIE = 0x2112A442;
    static final int HEADER = 20;
    static final int BINDING_REQUEST = 0x0001;
    static final int BINDING_SUCCESS = 0x0101;
    static final int BINDING_ERROR = 0x0111;
    static final int ATTR_MAPPED_ADDRESS = 0x0001;
    static final int ATTR_USERNAME = 0x0006;
    static final int ATTR_MESSAGE_INTEGRITY = 0x0008;
    static final int ATTR_ERROR_CODE = 0x0009;
    static final int ATTR_XOR_MAPPED_ADDRESS = 0x0020;
    static final int ATTR_PRIORITY = 0x0024;
    static final int ATTR_USE_CANDIDATE = 0x0025;
    static final int ATTR_FINGERPRINT = 0x8028;
    static final int ATTR_ICE_CONTROLLED = 0x8029;
    static final int ATTR_ICE_CONTROLLING = 0x802A;
    static final int FINGERPRINT_XOR = 0x5354554E;
    private static final int MAX_USERNAME = 513;

    private final byte[] message;
    private final int type;
    private String username;
    private int integrityOffset = -1;
    private int fingerprintOffset = -1;
    private boolean useCandidate;
    private boolean controlling;
    private boolean controlled;
    private long priority = -1;
    private int errorCode = -1;
    private int xorMappedOffset = -1;

    private StunMessage(byte[] message, int type) {
        this.message = message;
        this.type = type;
    }

    /** Parses a STUN message, or returns null when it is not well-formed. */
    public static StunMessage parse(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < HEADER || off + len > buf.length || (buf[off] & 0xC0) != 0
                || Bytes.i32(buf, off + 4) != MAGIC_COOKIE) {
            return null;
        }
        int bodyLength = Bytes.u16(buf, off + 2);
        if (bodyLength + HEADER != len || (bodyLength & 3) != 0) {
            return null;
        }
        StunMessage stun = new StunMessage(Arrays.copyOfRange(buf, off, off + len), Bytes.u16(buf, off));
        return stun.parseAttributes() ? stun : null;
    }

    private boolean parseAttributes() {
        int pos = HEADER;
        while (pos < message.length) {
            if (fingerprintOffset >= 0 || pos + 4 > message.length) {
                return false; // nothing may follow FINGERPRINT
            }
            int attrType = Bytes.u16(message, pos);
            int attrLength = Bytes.u16(message, pos + 2);
            int value = pos + 4;
            if (value + attrLength > message.length) {
                return false;
            }
            boolean afterIntegrity = integrityOffset >= 0;
            switch (attrType) {
                case ATTR_MESSAGE_INTEGRITY -> {
                    if (attrLength != 20 || afterIntegrity) {
                        return false;
                    }
                    integrityOffset = pos;
                }
                case ATTR_FINGERPRINT -> {
                    if (attrLength != 4) {
                        return false;
                    }
                    fingerprintOffset = pos;
                }
                default -> {
                    if (!afterIntegrity && !readAttribute(attrType, value, attrLength)) {
                        return false;
                    }
                }
            }
            pos = value + ((attrLength + 3) & ~3);
        }
        return pos == message.length;
    }

    private boolean readAttribute(int attrType, int value, int length) {
        switch (attrType) {
            case ATTR_USERNAME -> {
                if (length > MAX_USERNAME) {
                    return false;
                }
                username = new String(message, value, length, StandardCharsets.UTF_8);
            }
            case ATTR_PRIORITY -> {
                if (length != 4) {
                    return false;
                }
                priority = Bytes.u32(message, value);
            }
            case ATTR_USE_CANDIDATE -> useCandidate = true;
            case ATTR_ICE_CONTROLLING -> controlling = true;
            case ATTR_ICE_CONTROLLED -> controlled = true;
            case ATTR_ERROR_CODE -> {
                if (length < 4) {
                    return false;
                }
                errorCode = (message[value + 2] & 0x07) * 100 + (message[value + 3] & 0xFF);
            }
            case ATTR_XOR_MAPPED_ADDRESS -> {
                if (length != 8 && length != 20) {
                    return false;
                }
                xorMappedOffset = value;
            }
            default -> {
                // Unknown comprehension-optional attributes are ignored; comprehension-required ones in a
                // request would deserve a 420, but browsers send none that ICE does not know.
            }
        }
        return true;
    }

    public int messageType() {
        return type;
    }

    public boolean isBindingRequest() {
        return type == BINDING_REQUEST;
    }

    public boolean isBindingSuccess() {
        return type == BINDING_SUCCESS;
    }

    public byte[] transactionId() {
        return Arrays.copyOfRange(message, 8, 20);
    }

    public String username() {
        return username;
    }

    public boolean hasMessageIntegrity() {
        return integrityOffset >= 0;
    }

    /** HMAC-SHA1 over the message up to MESSAGE-INTEGRITY, with the length field ending after it (RFC 8489 §14.5). */
    public boolean checkMessageIntegrity(byte[] key) {
        if (integrityOffset < 0) {
            return false;
        }
        byte[] expected = StunWriter.hmacSha1(key, withLength(integrityOffset, integrityOffset + 24 - HEADER),
                0, integrityOffset);
        return MessageDigest.isEqual(expected,
                Arrays.copyOfRange(message, integrityOffset + 4, integrityOffset + 24));
    }

    public boolean hasFingerprint() {
        return fingerprintOffset >= 0;
    }

    public boolean checkFingerprint() {
        if (fingerprintOffset < 0) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(message, 0, fingerprintOffset);
        return ((int) crc.getValue() ^ FINGERPRINT_XOR) == Bytes.i32(message, fingerprintOffset + 4);
    }

    /** A copy of the message's first {@code upTo} bytes with the header's length field set to {@code length}. */
    private byte[] withLength(int upTo, int length) {
        byte[] copy = Arrays.copyOf(message, upTo);
        Bytes.put16(copy, 2, length);
        return copy;
    }

    public boolean useCandidate() {
        return useCandidate;
    }

    public long priority() {
        return priority;
    }

    public boolean iceControlling() {
        return controlling;
    }

    public boolean iceControlled() {
        return controlled;
    }

    public int errorCode() {
        return errorCode;
    }

    /** The XOR-MAPPED-ADDRESS (RFC 8489 §14.2), or null. */
    public InetSocketAddress xorMappedAddress() {
        if (xorMappedOffset < 0) {
            return null;
        }
        int family = message[xorMappedOffset + 1];
        int port = Bytes.u16(message, xorMappedOffset + 2) ^ (MAGIC_COOKIE >>> 16);
        byte[] address = new byte[family == 1 ? 4 : 16];
        if (family != 1 && family != 2 || (family == 2) != (address.length == 16)) {
            return null;
        }
        for (int i = 0; i < address.length; i++) {
            // XORed with the magic cookie and then the transaction id (bytes 4..19 of the header).
            address[i] = (byte) (message[xorMappedOffset + 4 + i] ^ message[4 + i]);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException impossible) {
            return null;
        }
    }
}
