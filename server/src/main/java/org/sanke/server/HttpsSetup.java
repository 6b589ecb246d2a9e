package org.sanke.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.sanke.signaling.tls.TlsIdentity;

/**
 * What the HTTP port serves, decided once at start: plain HTTP, the certificate given, or one Sanke made and keeps.
 * Browsers give the camera only to HTTPS pages, except on localhost, so plain HTTP is the choice only while every
 * announced address is loopback (or when TLS is switched off for a proxy in front).
 *
 * @param identity  the certificate to serve
 * @param generated the kept self-signed certificate, or null when the certificate was given
 */
record HttpsSetup(TlsIdentity identity, GeneratedCertificate.Kept generated) {
    /** null for plain HTTP. */
    static HttpsSetup choose(TransportOptions transport, List<String> announcedAddresses, Clock clock)
            throws InvalidOptionException, IOException {
        if (transport.tls() == TransportOptions.Tls.OFF) {
            return null;
        }
        if (transport.certificate() != null) {
            try {
                return new HttpsSetup(TlsIdentity.read(transport.certificate(), transport.key()), null);
            } catch (TlsIdentity.UnusableFile e) {
                String option = e.part() == TlsIdentity.UnusableFile.Part.CERTIFICATE ? "--tls-cert" : "--tls-key";
                throw new InvalidOptionException(option + ": " + e.getMessage(), e);
            }
        }
        if (transport.tls() == TransportOptions.Tls.AUTO
                && announcedAddresses.stream().allMatch(HttpsSetup::loopback)) {
            return null;
        }
        List<String> names = new ArrayList<>(announcedAddresses);
        names.add("127.0.0.1");
        names.add("localhost");
        try {
            GeneratedCertificate.Kept kept = GeneratedCertificate.obtain(transport.generatedDirectory(), names, clock);
            return new HttpsSetup(kept.identity(), kept);
        } catch (IOException e) {
            throw new IOException("cannot keep a generated certificate in " + transport.generatedDirectory()
                    .toAbsolutePath() + " (" + e + "); give one with --tls-cert and --tls-key", e);
        }
    }

    private static boolean loopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress(); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
