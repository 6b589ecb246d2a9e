package org.sanke.signaling.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Settings that cannot work stop the start, each with a message that says what to fix. */
class OidcSettingsTest {
    private static final URI ISSUER = URI.create("https://login.school.example/realms/north");
    private static final URI REDIRECT = URI.create("https://sanke.school.example/oidc/callback");

    @Test
    void theDefaultsAskForOpenidAndProfileAndNameThePersonByPreferredUsername() {
        OidcSettings settings = OidcSettings.of(ISSUER, "sanke", null, REDIRECT);
        assertThat(settings.scopes()).containsExactly("openid", "profile");
        assertThat(settings.personClaim()).isEqualTo("preferred_username");
        assertThat(settings.schoolClaim()).isNull();
        assertThat(OidcSettings.of(URI.create("http://127.0.0.1:8080/dev"), "sanke", null,
                URI.create("http://localhost:8443/oidc/callback")).issuer().getPort()).isEqualTo(8080);
    }

    @Test
    void badSettingsAreRefusedWithWhatIsWrong() {
        refused(() -> OidcSettings.of(URI.create("http://login.school.example"), "sanke", null, REDIRECT),
                "issuer must use https");
        refused(() -> OidcSettings.of(URI.create("/realms/north"), "sanke", null, REDIRECT),
                "issuer must be an absolute");
        refused(() -> OidcSettings.of(URI.create(ISSUER + "?tenant=1"), "sanke", null, REDIRECT), "no query");
        refused(() -> OidcSettings.of(ISSUER, " ", null, REDIRECT), "client id is missing");
        refused(() -> OidcSettings.of(ISSUER, "sanke", "", REDIRECT), "give null for a public client");
        refused(() -> OidcSettings.of(ISSUER, "sanke", null, URI.create("http://sanke.school.example/cb")),
                "redirect URI must use https");
        refused(() -> OidcSettings.of(ISSUER, "sanke", null, URI.create(REDIRECT + "#x")), "no fragment");
        refused(() -> new OidcSettings(ISSUER, "sanke", null, REDIRECT, List.of("profile"), "sub", null),
                "must include openid");
        refused(() -> new OidcSettings(ISSUER, "sanke", null, REDIRECT, List.of("openid", "a b"), "sub", null),
                "scope 'a b'");
        refused(() -> OidcSettings.of(ISSUER, "sanke", null, REDIRECT).withPersonClaim(""), "person claim is missing");
        refused(() -> OidcSettings.of(ISSUER, "sanke", null, REDIRECT).withSchoolClaim(" "), "school claim is missing");
    }

    @Test
    void theSecretNeverShowsInText() {
        String shown = OidcSettings.of(ISSUER, "sanke", "s3cr3t-value", REDIRECT).toString();
        assertThat(shown).doesNotContain("s3cr3t-value").contains("(hidden)", "sanke", ISSUER.toString());
    }

    private static void refused(Runnable make, String message) {
        assertThatIllegalArgumentException().isThrownBy(make::run).withMessageContaining(message);
    }
}
