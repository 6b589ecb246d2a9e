package org.sanke.classroom.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.SchoolRegistry;

/**
 * The first run: there are no default credentials, so while no platform administrator exists the server holds a
 * one-time setup code (printed on its console as a link) with which the operator creates the first administrator,
 * who must then set up a second factor. The code lives in memory: a restart prints a new one.
 */
public final class PlatformSetup {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Accounts accounts;
    private final SchoolRegistry people;
    private volatile String code;

    public PlatformSetup(Accounts accounts, SchoolRegistry people) {
        this.accounts = accounts;
        this.people = people;
    }

    /** The setup code to print, or empty when the platform has an administrator already. */
    public synchronized Optional<String> pendingCode() {
        if (accounts.hasPlatformAdministrator()) {
            code = null;
            return Optional.empty();
        }
        if (code == null) {
            byte[] raw = new byte[18];
            RANDOM.nextBytes(raw);
            code = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        }
        return Optional.of(code);
    }

    /**
     * Creates the first platform administrator with the setup code; the code then stops working.
     *
     * @throws IllegalArgumentException with the reason: a wrong or used code, a bad login name or password
     */
    public synchronized Person complete(String setupCode, String personId, String name, String loginName,
                                        String password) {
        String expected = code;
        if (expected == null || setupCode == null || !MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), setupCode.getBytes(StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("the setup code is wrong or has been used");
        }
        if (accounts.hasPlatformAdministrator()) {
            code = null;
            throw new IllegalArgumentException("the platform has an administrator already");
        }
        PasswordRule.problem(password, Account.normalise(loginName)).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        Person admin = new Person(personId, null, name, PersonRole.PLATFORM_ADMIN);
        people.add(admin);
        accounts.create(admin, loginName, password, false);
        code = null;
        return admin;
    }
}
