package org.sanke.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import org.sanke.signaling.tls.SelfSignedCertificate;
import org.sanke.signaling.tls.TlsIdentity;

/**
 * The self-signed certificate Sanke makes for itself when browsers on other machines reach it and no certificate
 * was given. It is kept (key readable by the server's user only) and reused on restart, so that a school trusts it
 * once; it is made again when the names it must cover change or it has less than a month left.
 */
final class GeneratedCertificate {
    static final String CERTIFICATE_FILE = "sanke-cert.pem";
    static final String KEY_FILE = "sanke-key.pem";
    /** Two years: under the 825 days Apple's systems accept even for a certificate a school trusts by hand. */
    static final Duration VALIDITY = Duration.ofDays(730);
    static final Duration RENEWAL = Duration.ofDays(30);
    /** Valid from a little earlier than now, for classroom machines whose clocks run behind. */
    private static final Duration BACKDATING = Duration.ofHours(1);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    /**
     * @param identity        the certificate and key
     * @param certificateFile where the certificate is kept, for people to install as trusted
     * @param made            made at this start rather than reused
     */
    record Kept(TlsIdentity identity, Path certificateFile, boolean made) {
    }

    private GeneratedCertificate() {
    }

    /** The kept certificate for exactly {@code names} when it has more than a month left, else a new one. */
    static Kept obtain(Path directory, Collection<String> names, Clock clock) throws IOException {
        Path certificateFile = directory.resolve(CERTIFICATE_FILE);
        Path keyFile = directory.resolve(KEY_FILE);
        Instant now = clock.instant();
        if (Files.exists(certificateFile) && Files.exists(keyFile)) {
            try {
                TlsIdentity kept = TlsIdentity.read(certificateFile, keyFile);
                if (kept.subjectAlternativeNames().equals(SelfSignedCertificate.normalized(names))
                        && kept.certificate().getNotAfter().toInstant().isAfter(now.plus(RENEWAL))) {
                    return new Kept(kept, certificateFile, false);
                }
            } catch (TlsIdentity.UnusableFile damaged) {
                // made again below
            }
        }
        TlsIdentity made = SelfSignedCertificate.generate(names,
                now.minus(BACKDATING).truncatedTo(ChronoUnit.SECONDS), VALIDITY);
        createPrivateDirectory(directory);
        // The key first: a certificate on disk always has its key beside it.
        replace(keyFile, made.privateKeyPem(), "rw-------");
        replace(certificateFile, made.certificatePem(), "rw-r--r--");
        return new Kept(made, certificateFile, true);
    }

    private static void createPrivateDirectory(Path directory) throws IOException {
        if (POSIX && !Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }

    /** Writes a file whole and with its permissions from the first byte, then moves it in place. */
    private static void replace(Path file, String text, String permissions) throws IOException {
        FileAttribute<?>[] attributes = POSIX ? new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".new", attributes);
        try {
            Files.writeString(temporary, text, StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
