package org.sanke.media.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;
import java.util.function.Supplier;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The DTLS 1.2 server policy of WebRTC: ECDHE-ECDSA suites, a client certificate that must match the SDP
 * fingerprint, use_srtp with our profile preference, extended master secret required. Used by one handshake thread.
 */
final class SrtpDtlsServer extends DefaultTlsServer {
    private static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    };

    private final BcTlsCrypto crypto;
    private final DtlsCertificate certificate;
    private final Supplier<String> expectedFingerprint;
    private final int handshakeTimeoutMillis;
    private SrtpProfile profile;
    private SrtpKeys keys;
    private volatile boolean peerClosed;

    SrtpDtlsServer(BcTlsCrypto crypto, DtlsCertificate certificate, Supplier<String> expectedFingerprint,
                   int handshakeTimeoutMillis) {
        super(crypto);
        this.crypto = crypto;
        this.certificate = certificate;
        this.expectedFingerprint = expectedFingerprint;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(crypto, CIPHER_SUITES);
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        return true;
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        Certificate chain = new Certificate(new TlsCertificate[] {crypto.createCertificate(certificate.der())});
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, certificate.privateKey(),
                chain, SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        Vector<SignatureAndHashAlgorithm> algorithms = new Vector<>();
        algorithms.add(SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
        algorithms.add(SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha384, SignatureAlgorithm.ecdsa));
        algorithms.add(SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.rsa));
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                algorithms, null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        if (clientCertificate == null || clientCertificate.isEmpty()) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "the client sent no certificate");
        }
        String expected = expectedFingerprint.get();
        String actual = DtlsCertificate.fingerprint(clientCertificate.getCertificateAt(0).getEncoded());
        if (expected == null || !expected.equals(actual)) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate,
                    "client certificate does not match the SDP fingerprint");
        }
    }

    @Override
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        if (offered == null) {
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "the client offered no use_srtp");
        }
        for (SrtpProfile candidate : SrtpProfile.values()) {
            for (int id : offered.getProtectionProfiles()) {
                if (id == candidate.id) {
                    profile = candidate;
                    return;
                }
            }
        }
        throw new TlsFatalAlert(AlertDescription.handshake_failure, "no common SRTP protection profile");
    }

    @Override
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getServerExtensions());
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {profile.id}, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        byte[] material = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null,
                SrtpKeys.keyingMaterialLength(profile));
        keys = SrtpKeys.fromKeyingMaterial(profile, material, true);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        if (alertDescription == AlertDescription.close_notify) {
            peerClosed = true;
        }
    }

    SrtpKeys srtpKeys() {
        return keys;
    }

    boolean peerClosed() {
        return peerClosed;
    }
}
