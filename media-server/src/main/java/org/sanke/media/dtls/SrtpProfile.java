package org.sanke.media.dtls;

/** The SRTP protection profiles the server negotiates in use_srtp, in order of preference. */
public enum SrtpProfile {
    /** RFC 7714: AES-GCM, no separate authentication key. */
    AEAD_AES_128_GCM(0x0007, 16, 12),
    /** RFC 5764 §4.1.2: AES counter mode with an 80-bit HMAC-SHA1 tag. */
    AES_CM_128_HMAC_SHA1_80(0x0001, 16, 14);

    /** The use_srtp protection profile id. */
    public final int id;
    public final int keyLength;
    public final int saltLength;

    SrtpProfile(int id, int keyLength, int saltLength) {
        this.id = id;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
    }

    public static SrtpProfile byId(int id) {
        for (SrtpProfile profile : values()) {
            if (profile.id == id) {
                return profile;
            }
        }
        return null;
    }
}
