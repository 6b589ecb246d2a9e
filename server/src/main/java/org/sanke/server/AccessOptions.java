package org.sanke.server;

import java.nio.file.Path;

/**
 * Access settings: where the key that signs join grants lives, and an optional teacher account made at start for
 * load tests and trials. Documented in docs/configuration.md.
 *
 * @param grantKeyFile  the grant keys, one Base64 line each, the signing key first; made with a fresh key when
 *                      missing. {@code SANKE_GRANT_KEYS} (the same lines, comma-separated) replaces the file.
 * @param grantKeys     the keys from the environment, or null to use the file
 * @param seedTeacher   the login of a lead teacher made at start when missing (school "Trial school"), or null
 * @param seedPassword  that teacher's password ({@code SANKE_SEED_PASSWORD}), required with a seed teacher
 */
public record AccessOptions(Path grantKeyFile, String grantKeys, String seedTeacher, String seedPassword) {
    /** Next to the embedded database's default file, ./data/sanke. */
    public static final Path DEFAULT_GRANT_KEY_FILE = Path.of("data", "grant-keys");

    public static AccessOptions defaults() {
        return new AccessOptions(DEFAULT_GRANT_KEY_FILE, null, null, null);
    }

    /** The same, with a teacher made at start. */
    public AccessOptions withSeedTeacher(String login, String password) {
        return new AccessOptions(grantKeyFile, grantKeys, login, password);
    }

    /** From option text (null: not given); throws IllegalArgumentException naming the option at fault. */
    static AccessOptions parse(String grantKeyFile, String grantKeys, String seedTeacher, String seedPassword) {
        if (seedTeacher != null && (seedPassword == null || seedPassword.isEmpty())) {
            throw new IllegalArgumentException("--seed-teacher needs its password in SANKE_SEED_PASSWORD");
        }
        return new AccessOptions(grantKeyFile == null || grantKeyFile.isBlank() ? DEFAULT_GRANT_KEY_FILE
                : Path.of(grantKeyFile.trim()), grantKeys == null || grantKeys.isBlank() ? null : grantKeys,
                seedTeacher, seedPassword);
    }
}
