package org.sanke.classroom.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpSecretTest {
    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }

    @Test
    void aNewSecretIs160RandomBitsStoredAs32Base32Characters() {
        TotpSecret secret = TotpSecret.generate();

        assertThat(secret.key().getEncoded()).hasSize(20);
        assertThat(secret.base32()).matches("[A-Z2-7]{32}");
        assertThat(TotpSecret.fromBase32(secret.base32())).isEqualTo(secret);
        assertThat(TotpSecret.fromBase32(secret.base32()).key().getEncoded()).isEqualTo(secret.key().getEncoded());
        assertThat(TotpSecret.generate()).isNotEqualTo(secret);
        assertThat(TotpSecret.generate().base32()).isNotEqualTo(secret.base32());
    }

    @Test
    void theStoredFormIsTheRfc4648Base32OfTheBits() {
        assertThat(TotpSecret.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").key().getEncoded())
                .isEqualTo("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
        assertThat(TotpSecret.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").base32())
                .isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "gezdgnbvgy3tqojqgezdgnbvgy3tqojq", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ",
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQA", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ=",
            " GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"})
    void refusesWhatIsNotAStoredSecret(String stored) {
        assertThatThrownBy(() -> TotpSecret.fromBase32(stored)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void neverShowsTheSecretInItsText() {
        TotpSecret secret = TotpSecret.generate();

        assertThat(secret.toString()).doesNotContain(secret.base32()).isEqualTo("TotpSecret[redacted]");
    }

    @Test
    void theOtpauthUriCarriesWhatAuthenticatorAppsRead() {
        TotpSecret secret = TotpSecret.generate();

        URI uri = URI.create(secret.otpauthUri(TotpSecret.ISSUER, "alice@school.example"));

        assertThat(uri.getScheme()).isEqualTo("otpauth");
        assertThat(uri.getHost()).isEqualTo("totp");
        assertThat(uri.getPath()).isEqualTo("/Sanke:alice@school.example");
        Map<String, String> query = query(uri);
        assertThat(query).containsOnlyKeys("secret", "issuer", "algorithm", "digits", "period");
        assertThat(query).containsEntry("issuer", "Sanke").containsEntry("algorithm", "SHA1")
                .containsEntry("digits", "6").containsEntry("period", "30");
        assertThat(query.get("secret")).isEqualTo(secret.base32()).doesNotContain("=");
        assertThat(TotpSecret.fromBase32(query.get("secret"))).isEqualTo(secret);
    }

    @Test
    void theOtpauthUriPercentEncodesAnyScriptAndSpaces() {
        TotpSecret secret = TotpSecret.generate();

        String text = secret.otpauthUri("Sanke 三课", "王 老师/1年级&b=c");
        URI uri = URI.create(text);

        assertThat(text).startsWith("otpauth://totp/Sanke%20%E4%B8%89%E8%AF%BE:%E7%8E%8B%20").doesNotContain("+");
        assertThat(uri.getPath()).isEqualTo("/Sanke 三课:王 老师/1年级&b=c");
        assertThat(query(uri)).containsEntry("issuer", "Sanke 三课").doesNotContainKey("b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "alice:admin"})
    void refusesALabelTheFormatCannotCarry(String label) {
        TotpSecret secret = TotpSecret.generate();

        assertThatThrownBy(() -> secret.otpauthUri(TotpSecret.ISSUER, label))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> secret.otpauthUri(label, "alice")).isInstanceOf(IllegalArgumentException.class);
    }
}
