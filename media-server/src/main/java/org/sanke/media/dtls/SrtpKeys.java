package org.sanke.media.dtls;

/**
 * The SRTP master keys a DTLS handshake produced. "Local" protects what this side sends, "remote" unprotects what it
 * receives.
 */
public record SrtpKeys(SrtpProfile profile, byte[] localMasterKey, byte[] localMasterSalt, byte[] remoteMasterKey,
                       byte[] remoteMasterSalt) {

    /**
     * Splits exported keying material (RFC 5764 §4.2: client key, server key, client salt, server salt).
     *
     * @param asServer true for the DTLS server, whose local keys are the server's
     */
    public static SrtpKeys fromKeyingMaterial(SrtpProfile profile, byte[] material, boolean asServer) {
        int k = profile.keyLength;
        int s = profile.saltLength;
        byte[] clientKey = slice(material, 0, k);
        byte[] serverKey = slice(material, k, k);
        byte[] clientSalt = slice(material, 2 * k, s);
        byte[] serverSalt = slice(material, 2 * k + s, s);
        return asServer ? new SrtpKeys(profile, serverKey, serverSalt, clientKey, clientSalt)
                : new SrtpKeys(profile, clientKey, clientSalt, serverKey, serverSalt);
    }

    public static int keyingMaterialLength(SrtpProfile profile) {
        return 2 * (profile.keyLength + profile.saltLength);
    }

    private static byte[] slice(byte[] b, int off, int len) {
        byte[] out = new byte[len];
        System.arraycopy(b, off, out, 0, len);
        return out;
    }
}
