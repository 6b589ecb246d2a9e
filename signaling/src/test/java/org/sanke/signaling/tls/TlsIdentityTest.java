package org.sanke.signaling.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.security.PrivateKey;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.PKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sanke.signaling.tls.TlsIdentity.UnusableFile;

/** Reading a certificate and its key, and saying which file is wrong when one is. */
class TlsIdentityTest {
    @TempDir
    Path dir;

    @Test
    void aGeneratedCertificateReadsBackWithItsNamesAndFingerprint() throws Exception {
        TlsIdentity made = SelfSignedCertificate.generate(List.of("192.168.1.20", "::1", "LocalHost"),
                Instant.now(), Duration.ofDays(730));
        TlsIdentity read = TlsIdentity.read(write("cert.pem", made.certificatePem()),
                write("key.pem", made.privateKeyPem()));

        assertThat(read.certificate()).isEqualTo(made.certificate());
        assertThat(read.subjectAlternativeNames()).containsExactlyInAnyOrder("192.168.1.20", "0:0:0:0:0:0:0:1",
                "localhost");
        assertThat(read.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(read.certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(read.certificate().getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(Duration.between(read.certificate().getNotBefore().toInstant(),
                read.certificate().getNotAfter().toInstant())).isEqualTo(Duration.ofDays(730));
    }

    @Test
    void eachBadFileIsNamed() throws Exception {
        TlsIdentity one = SelfSignedCertificate.generate(List.of("127.0.0.1"), Instant.now(), Duration.ofDays(1));
        TlsIdentity other = SelfSignedCertificate.generate(List.of("127.0.0.1"), Instant.now(), Duration.ofDays(1));
        Path cert = write("cert.pem", one.certificatePem());
        Path key = write("key.pem", one.privateKeyPem());

        assertRefused(dir.resolve("missing.pem"), key, UnusableFile.Part.CERTIFICATE, "cannot be read");
        assertRefused(write("garbage.pem", "not a certificate\n"), key, UnusableFile.Part.CERTIFICATE,
                "no PEM certificate");
        assertRefused(key, key, UnusableFile.Part.CERTIFICATE, "no PEM certificate");
        assertRefused(cert, dir.resolve("missing-key.pem"), UnusableFile.Part.KEY, "cannot be read");
        assertRefused(cert, cert, UnusableFile.Part.KEY, "no PEM private key");
        assertRefused(cert, write("other-key.pem", other.privateKeyPem()), UnusableFile.Part.KEY,
                "does not belong to the certificate");
        assertRefused(cert, write("encrypted.pem", encrypted(one)), UnusableFile.Part.KEY, "encrypted");
    }

    private static void assertRefused(Path cert, Path key, UnusableFile.Part part, String why) {
        assertThatThrownBy(() -> TlsIdentity.read(cert, key)).isInstanceOf(UnusableFile.class)
                .hasMessageContaining(why)
                .satisfies(e -> assertThat(((UnusableFile) e).part()).isEqualTo(part));
    }

    /** The key as openssl writes it with a passphrase. */
    private static String encrypted(TlsIdentity identity) throws Exception {
        PrivateKeyInfo info;
        try (PEMParser parser = new PEMParser(new StringReader(identity.privateKeyPem()))) {
            info = (PrivateKeyInfo) parser.readObject();
        }
        PrivateKey key = new JcaPEMKeyConverter().getPrivateKey(info);
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaPKCS8Generator(key, new JceOpenSSLPKCS8EncryptorBuilder(
                    PKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider())
                    .setPassword("secret".toCharArray()).build()));
        }
        return out.toString();
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }
}
