package org.sanke.classroom.access;

import java.util.List;
import java.util.Optional;

/** Where accounts are kept. Implementations are thread-safe; the JDBC one blocks, so call it from workers. */
public interface AccountStore {
    /** @throws IllegalArgumentException when the person already has an account or the login name is taken */
    void add(Account account);

    /** Replaces the account of {@code account.personId()}. */
    void update(Account account);

    Optional<Account> byLoginName(String loginName);

    Optional<Account> byPerson(String personId);

    /** How many accounts people of these roles have (the first-run check asks for platform administrators). */
    int countWithRole(String personRole);

    /** Replaces a person's recovery codes (their hashes). */
    void setRecoveryCodes(String personId, List<String> codeHashes);

    /** The hashes of a person's unused recovery codes. */
    List<String> recoveryCodes(String personId);

    /** Removes one recovery code; false when it was not there (used already, or never). */
    boolean useRecoveryCode(String personId, String codeHash);
}
