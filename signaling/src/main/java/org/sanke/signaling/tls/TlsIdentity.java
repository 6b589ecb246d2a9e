package org.sanke.signaling.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The HTTPS server's certificate (with any intermediates) and private key, as PEM text, read and checked once at
 * start so that a bad file stops the start instead of the first handshake.
 *
 * @param certificatePem the certificate chain, leaf first, as given
 * @param privateKeyPem  the private key, re-encoded as unencrypted PKCS#8 (Vert.x reads that form for every key type)
 * @param certificate    the leaf certificate
 */
public record TlsIdentity(String certificatePem, String privateKeyPem, X509Certificate certificate) {
    /** A file that cannot serve HTTPS, and which of the two it is. */
    public static final class UnusableFile extends Exception {
        /** Which file is at fault. */
        public enum Part { CERTIFICATE, KEY }

        private final Part part;

        UnusableFile(Part part, Path file, String why) {
            super(file + ": " + why, null, false, false);
            this.part = part;
        }

        public Part part() {
            return part;
        }
    }

    /** Reads a PEM certificate (chain) and its PEM private key (PKCS#8, PKCS#1 or SEC1, not encrypted). */
    public static TlsIdentity read(Path certificateFile, Path keyFile) throws UnusableFile {
        String certificateText = text(UnusableFile.Part.CERTIFICATE, certificateFile);
        X509Certificate leaf = leafCertificate(certificateFile, certificateText);
        PrivateKey key = privateKey(keyFile, text(UnusableFile.Part.KEY, keyFile));
        if (!signsFor(key, leaf)) {
            throw new UnusableFile(UnusableFile.Part.KEY, keyFile, "this key does not belong to the certificate "
                    + certificateFile);
        }
        return new TlsIdentity(certificateText, pem(key), leaf);
    }

    /** An identity made in memory (a generated certificate). */
    public static TlsIdentity of(X509Certificate certificate, PrivateKey key) {
        return new TlsIdentity(pem(certificate), pem(key), certificate);
    }

    /** The SHA-256 fingerprint of the leaf, as browsers and openssl show it: "AB:12:…". */
    public String sha256Fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The leaf's DNS names and IP addresses (IPv6 in Java's long form, e.g. 0:0:0:0:0:0:0:1). */
    public Set<String> subjectAlternativeNames() {
        return subjectAlternativeNames(certificate);
    }

    /** A certificate's DNS names and IP addresses, as {@link #subjectAlternativeNames()}. */
    public static Set<String> subjectAlternativeNames(X509Certificate certificate) {
        Set<String> names = new TreeSet<>();
        try {
            Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
            if (entries != null) {
                for (List<?> entry : entries) {
                    if (entry.get(1) instanceof String name) {
                        names.add(name.toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // a certificate whose names cannot be read names nothing
        }
        return names;
    }

    private static String text(UnusableFile.Part part, Path file) throws UnusableFile {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UnusableFile(part, file, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static X509Certificate leafCertificate(Path file, String text) throws UnusableFile {
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    return new JcaX509CertificateConverter().getCertificate(holder);
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new UnusableFile(UnusableFile.Part.CERTIFICATE, file, "is not a PEM certificate ("
                    + e.getMessage() + ")");
        }
        throw new UnusableFile(UnusableFile.Part.CERTIFICATE, file, "holds no PEM certificate"
                + " (-----BEGIN CERTIFICATE-----)");
    }

    private static PrivateKey privateKey(Path file, String text) throws UnusableFile {
        List<Object> items = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                items.add(item);
            }
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object item : items) {
                if (item instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new UnusableFile(UnusableFile.Part.KEY, file, "is not a PEM private key (" + e.getMessage() + ")");
        }
        if (items.stream().anyMatch(item -> item instanceof PEMEncryptedKeyPair
                || item instanceof PKCS8EncryptedPrivateKeyInfo)) {
            throw new UnusableFile(UnusableFile.Part.KEY, file, "is encrypted; give the key without a passphrase"
                    + " (readable only by the server's user)");
        }
        throw new UnusableFile(UnusableFile.Part.KEY, file, "holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
    }

    /** Whether the key signs what the certificate's public key verifies: the two belong together. */
    private static boolean signsFor(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448: the key's name is the signature's
        };
        byte[] probe = "sanke".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // no such signature, or a key of another kind than the certificate's
        }
    }

    private static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            // A private key as unencrypted PKCS#8 ("PRIVATE KEY"), whatever form it was read from.
            writer.writeObject(object instanceof PrivateKey key ? new JcaPKCS8Generator(key, null) : object);
        } catch (IOException e) {
            throw new IllegalStateException("writing PEM to memory", e);
        }
        return out.toString();
    }
}
