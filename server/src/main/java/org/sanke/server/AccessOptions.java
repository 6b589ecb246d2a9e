package org.sanke.server;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.sanke.signaling.oidc.OidcSettings;

/**
 * Access settings: where the key that signs join grants lives, and an optional teacher account made at start for
 * load tests and trials. Documented in docs/configuration.md.
 *
 * @param grantKeyFile  the grant keys, one Base64 line each, the signing key first; made with a fresh key when
 *                      missing. {@code SANKE_GRANT_KEYS} (the same lines, comma-separated) replaces the file.
 * @param grantKeys     the keys from the environment, or null to use the file
 * @param seedTeacher   the login of a lead teacher made at start when missing (school "Trial school"), or null
 * @param seedPassword  that teacher's password ({@code SANKE_SEED_PASSWORD}), required with a seed teacher
 * @param singleSignOn  the OpenID Connect provider people may log in through, or null (docs/oidc.md)
 */
public record AccessOptions(Path grantKeyFile, String grantKeys, String seedTeacher, String seedPassword,
                            OidcSettings singleSignOn) {
    /** Next to the embedded database's default file, ./data/sanke. */
    public static final Path DEFAULT_GRANT_KEY_FILE = Path.of("data", "grant-keys");

    public static AccessOptions defaults() {
        return new AccessOptions(DEFAULT_GRANT_KEY_FILE, null, null, null, null);
    }

    /** The same, with the grant keys in this file. */
    public AccessOptions withGrantKeyFile(Path file) {
        return new AccessOptions(file, grantKeys, seedTeacher, seedPassword, singleSignOn);
    }

    /** The same, with logins through this OpenID Connect provider. */
    public AccessOptions withSingleSignOn(OidcSettings settings) {
        return new AccessOptions(grantKeyFile, grantKeys, seedTeacher, seedPassword, settings);
    }

    /** From option text (null: not given); throws IllegalArgumentException naming the option at fault. */
    static AccessOptions parse(String grantKeyFile, String grantKeys, String seedTeacher, String seedPassword,
                               Map<String, String> oidc) {
        if (seedTeacher != null && (seedPassword == null || seedPassword.isEmpty())) {
            throw new IllegalArgumentException("--seed-teacher needs its password in SANKE_SEED_PASSWORD");
        }
        return new AccessOptions(grantKeyFile == null || grantKeyFile.isBlank() ? DEFAULT_GRANT_KEY_FILE
                : Path.of(grantKeyFile.trim()), grantKeys == null || grantKeys.isBlank() ? null : grantKeys,
                seedTeacher, seedPassword, singleSignOn(oidc));
    }

    /** From the oidc-* options (issuer, client-id, redirect-uri, person-claim, school-claim) and the secret. */
    private static OidcSettings singleSignOn(Map<String, String> oidc) {
        String issuer = oidc.get("issuer");
        if (issuer == null) {
            if (oidc.keySet().stream().anyMatch(k -> !k.equals("client-secret"))) {
                throw new IllegalArgumentException("--oidc-* options need --oidc-issuer");
            }
            return null;
        }
        for (String needed : new String[] {"client-id", "redirect-uri"}) {
            if (oidc.get(needed) == null) {
                throw new IllegalArgumentException("--oidc-issuer needs --oidc-" + needed);
            }
        }
        try {
            OidcSettings settings = OidcSettings.of(URI.create(issuer.trim()), oidc.get("client-id").trim(),
                    oidc.get("client-secret"), URI.create(oidc.get("redirect-uri").trim()));
            if (oidc.get("person-claim") != null) {
                settings = settings.withPersonClaim(oidc.get("person-claim").trim());
            }
            if (oidc.get("school-claim") != null) {
                settings = settings.withSchoolClaim(oidc.get("school-claim").trim());
            }
            return settings;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--oidc-*: " + e.getMessage(), e);
        }
    }
}
