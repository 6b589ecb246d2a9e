package org.sanke.media.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Hashtable;
import java.util.function.Consumer;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The browser's side of DTLS-SRTP: BouncyCastle's DTLS 1.2 client with its own certificate, offering use_srtp. The
 * server never uses it; test peers and the load-test's simulated classrooms do. Used by one handshake thread.
 */
public final class SrtpDtlsClient extends DefaultTlsClient {
    private final BcTlsCrypto crypto;
    private final DtlsCertificate certificate;
    private final int[] offeredProfiles;
    private final Consumer<SrtpKeys> onKeys;
    private volatile String serverFingerprint;
    private Hashtable serverExtensionsSeen;

    public SrtpDtlsClient(DtlsCertificate certificate, int[] offeredProfiles, Consumer<SrtpKeys> onKeys) {
        this(new BcTlsCrypto(new SecureRandom()), certificate, offeredProfiles, onKeys);
    }

    private SrtpDtlsClient(BcTlsCrypto crypto, DtlsCertificate certificate, int[] offeredProfiles,
                           Consumer<SrtpKeys> onKeys) {
        super(crypto);
        this.crypto = crypto;
        this.certificate = certificate;
        this.offeredProfiles = offeredProfiles;
        this.onKeys = onKeys;
    }

    /** The SHA-256 fingerprint of the certificate the server presented, to compare with its SDP; null before. */
    public String serverFingerprint() {
        return serverFingerprint;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
        if (offeredProfiles.length > 0) {
            TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(offeredProfiles, TlsUtils.EMPTY_BYTES));
        }
        return extensions;
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                serverFingerprint = DtlsCertificate.fingerprint(
                        serverCertificate.getCertificate().getCertificateAt(0).getEncoded());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                Certificate chain = new Certificate(new TlsCertificate[] {crypto.createCertificate(certificate.der())});
                return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                        certificate.privateKey(), chain,
                        SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
            }
        };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        UseSRTPData chosen = TlsSRTPUtils.getUseSRTPExtension(serverExtensionsSeen);
        SrtpProfile profile = SrtpProfile.byId(chosen.getProtectionProfiles()[0]);
        byte[] material = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null,
                SrtpKeys.keyingMaterialLength(profile));
        onKeys.accept(SrtpKeys.fromKeyingMaterial(profile, material, false));
    }

    @Override
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        serverExtensionsSeen = serverExtensions;
    }
}
