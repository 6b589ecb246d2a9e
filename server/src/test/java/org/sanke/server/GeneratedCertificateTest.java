package org.sanke.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The self-signed certificate is kept, reused while it fits, and made again when it does not. */
class GeneratedCertificateTest {
    private static final List<String> NAMES = List.of("192.168.1.20", "127.0.0.1", "localhost");

    @TempDir
    Path data;

    @Test
    void madeOnceWithAPrivateKeyThenReused() throws Exception {
        Path dir = data.resolve("tls");
        GeneratedCertificate.Kept first = GeneratedCertificate.obtain(dir, NAMES, Clock.systemUTC());
        assertThat(first.made()).isTrue();
        assertThat(first.certificateFile()).isEqualTo(dir.resolve("sanke-cert.pem")).exists();
        assertThat(first.identity().subjectAlternativeNames()).containsExactlyInAnyOrder(NAMES.toArray(String[]::new));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("sanke-key.pem"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(Files.list(dir)).as("no temporary file left").hasSize(2);

        GeneratedCertificate.Kept again = GeneratedCertificate.obtain(dir, List.of("localhost", "192.168.1.20",
                "127.0.0.1"), Clock.systemUTC());
        assertThat(again.made()).isFalse();
        assertThat(again.identity().sha256Fingerprint()).isEqualTo(first.identity().sha256Fingerprint());
    }

    @Test
    void madeAgainWhenTheAddressesChange() throws Exception {
        GeneratedCertificate.Kept first = GeneratedCertificate.obtain(data, NAMES, Clock.systemUTC());
        GeneratedCertificate.Kept moved = GeneratedCertificate.obtain(data, List.of("192.168.1.30", "127.0.0.1",
                "localhost"), Clock.systemUTC());
        assertThat(moved.made()).isTrue();
        assertThat(moved.identity().sha256Fingerprint()).isNotEqualTo(first.identity().sha256Fingerprint());
        assertThat(moved.identity().subjectAlternativeNames()).contains("192.168.1.30").doesNotContain("192.168.1.20");
        assertThat(GeneratedCertificate.obtain(data, List.of("192.168.1.30", "127.0.0.1", "localhost"),
                Clock.systemUTC()).made()).as("and then kept").isFalse();
    }

    @Test
    void madeAgainWithinAMonthOfItsEnd() throws Exception {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        GeneratedCertificate.Kept first = GeneratedCertificate.obtain(data, NAMES, at(start));
        Instant end = first.identity().certificate().getNotAfter().toInstant();

        assertThat(GeneratedCertificate.obtain(data, NAMES, at(end.minus(Duration.ofDays(31)))).made()).isFalse();
        GeneratedCertificate.Kept renewed = GeneratedCertificate.obtain(data, NAMES,
                at(end.minus(Duration.ofDays(29))));
        assertThat(renewed.made()).isTrue();
        assertThat(renewed.identity().certificate().getNotAfter().toInstant()).isAfter(end);
    }

    @Test
    void madeAgainWhenAFileIsDamaged() throws Exception {
        GeneratedCertificate.Kept first = GeneratedCertificate.obtain(data, NAMES, Clock.systemUTC());
        Files.writeString(data.resolve("sanke-key.pem"), "truncated");
        GeneratedCertificate.Kept repaired = GeneratedCertificate.obtain(data, NAMES, Clock.systemUTC());
        assertThat(repaired.made()).isTrue();
        assertThat(repaired.identity().sha256Fingerprint()).isNotEqualTo(first.identity().sha256Fingerprint());
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
