package org.sanke.classroom.access;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;
import org.sanke.classroom.SchoolRegistry;

/**
 * People's accounts: made with a password that meets {@link PasswordRule}, checked at login with a lock after
 * repeated failures ({@link LockoutPolicy}), and a second factor where the account has one or its role needs one.
 *
 * <p>Hashing costs tens of milliseconds and the store blocks: call it from worker threads.
 */
public final class Accounts {
    /** Staff roles: a second factor before they may do anything. */
    public static final Set<PersonRole> STAFF = AccessRules.STAFF;

    private final AccountStore store;
    private final SchoolRegistry people;
    private final Passwords passwords;
    private final SecondFactor secondFactor;
    private final AccessAudit audit;
    private final Clock clock;
    /** Hashed once, so an unknown login name costs what a known one does. */
    private final String decoyHash;

    public Accounts(AccountStore store, SchoolRegistry people, Passwords passwords, AccessAudit audit, Clock clock) {
        this.store = store;
        this.people = people;
        this.passwords = passwords;
        this.secondFactor = new SecondFactor(store, audit, clock);
        this.audit = audit;
        this.clock = clock;
        this.decoyHash = passwords.hash("decoy password that no account has");
    }

    public SecondFactor secondFactor() {
        return secondFactor;
    }

    /**
     * Gives {@code person} a login.
     *
     * @param mustChange whether the person must choose their own password at the first login
     * @throws IllegalArgumentException with the reason: a bad login name or password, or a name taken
     */
    public Account create(Person person, String loginName, String password, boolean mustChange) {
        String login = Account.normalise(loginName);
        if (login == null || !login.matches(Account.LOGIN_NAME_PATTERN)) {
            throw new IllegalArgumentException("a login name is 3 to 64 lower-case letters, digits, '.', '_', '@'"
                    + " or '-', starting with a letter or digit");
        }
        PasswordRule.problem(password, login).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        if (store.byLoginName(login).isPresent()) {
            throw new IllegalArgumentException("the login name '" + login + "' is taken");
        }
        Account account = new Account(person.id(), login, passwords.hash(password), mustChange, 0, null, null, 0,
                clock.instant());
        store.add(account);
        audit.record(AccessAudit.Event.ACCOUNT_CREATED, person.id(), person.role().wireName());
        return account;
    }

    /**
     * A login attempt.
     *
     * @param code the authenticator code or a recovery code; null when the page has not asked for one yet
     */
    public LoginResult login(String loginName, String password, String code) {
        return login(loginName, password, code, null);
    }

    /**
     * A login attempt from {@code address}, which the audit trail records with its outcome (S22).
     *
     * @param code the authenticator code or a recovery code; null when the page has not asked for one yet
     */
    public LoginResult login(String loginName, String password, String code, String address) {
        Instant now = clock.instant();
        Optional<Account> found = store.byLoginName(Account.normalise(loginName));
        if (found.isEmpty()) {
            passwords.matches(password == null ? "" : password, decoyHash);
            // Never the name tried: it may be someone's e-mail address (S36).
            audit.record(AccessAudit.Event.LOGIN_FAILED, null, "unknown login name", address);
            return new LoginResult.Refused(LoginResult.Reason.WRONG_CREDENTIALS, null);
        }
        Account account = found.get();
        if (account.lockedAt(now)) {
            audit.record(AccessAudit.Event.LOGIN_FAILED, account.personId(), "account locked", address);
            return new LoginResult.Refused(LoginResult.Reason.LOCKED, account.lockedUntil());
        }
        if (!passwords.matches(password, account.passwordHash())) {
            return failed(account, now, address);
        }
        if (account.hasSecondFactor()) {
            if (code == null || code.isBlank()) {
                return new LoginResult.Refused(LoginResult.Reason.SECOND_FACTOR_REQUIRED, null);
            }
            if (!secondFactor.check(account, code)) {
                LoginResult.Refused refused = failed(account, now, address);
                return refused.reason() == LoginResult.Reason.LOCKED ? refused
                        : new LoginResult.Refused(LoginResult.Reason.WRONG_SECOND_FACTOR, null);
            }
            account = store.byPerson(account.personId()).orElseThrow(); // the step or code just used
        }
        Optional<Person> person = people.person(account.personId());
        if (person.isEmpty()) {
            audit.record(AccessAudit.Event.LOGIN_FAILED, account.personId(), "no such person", address);
            return new LoginResult.Refused(LoginResult.Reason.WRONG_CREDENTIALS, null);
        }
        store.update(account.withSuccess());
        audit.record(AccessAudit.Event.LOGIN, account.personId(), account.hasSecondFactor() ? "password and code"
                : "password", address);
        return new LoginResult.SignedIn(person.get(), pending(account, person.get()));
    }

    /** What a person still has to do before the rest of Sanke opens to them. */
    public Set<LoginResult.Pending> pending(String personId) {
        Optional<Account> account = store.byPerson(personId);
        Optional<Person> person = people.person(personId);
        return account.isPresent() && person.isPresent() ? pending(account.get(), person.get()) : Set.of();
    }

    private static Set<LoginResult.Pending> pending(Account account, Person person) {
        Set<LoginResult.Pending> pending = EnumSet.noneOf(LoginResult.Pending.class);
        if (account.mustChangePassword()) {
            pending.add(LoginResult.Pending.CHANGE_PASSWORD);
        }
        if (STAFF.contains(person.role()) && !account.hasSecondFactor()) {
            pending.add(LoginResult.Pending.SET_UP_SECOND_FACTOR);
        }
        return pending;
    }

    private LoginResult.Refused failed(Account account, Instant now, String address) {
        int failures = account.failedLogins() + 1;
        Instant lockedUntil = LockoutPolicy.lockedUntil(failures, now);
        store.update(account.withFailure(failures, lockedUntil));
        audit.record(AccessAudit.Event.LOGIN_FAILED, account.personId(), "failures=" + failures, address);
        if (lockedUntil != null) {
            audit.record(AccessAudit.Event.ACCOUNT_LOCKED, account.personId(), "until " + lockedUntil, address);
            return new LoginResult.Refused(LoginResult.Reason.LOCKED, lockedUntil);
        }
        return new LoginResult.Refused(LoginResult.Reason.WRONG_CREDENTIALS, null);
    }

    /**
     * A person changes their own password.
     *
     * @return why not, or empty when it is changed
     */
    public Optional<String> changePassword(String personId, String current, String next) {
        Optional<Account> found = store.byPerson(personId);
        if (found.isEmpty()) {
            return Optional.of("this person has no account");
        }
        Account account = found.get();
        if (!passwords.matches(current, account.passwordHash())) {
            return Optional.of("the current password is wrong");
        }
        if (next != null && next.equals(current)) {
            return Optional.of("the new password must differ from the current one");
        }
        Optional<String> problem = PasswordRule.problem(next, account.loginName());
        if (problem.isPresent()) {
            return problem;
        }
        store.update(account.withPassword(passwords.hash(next), false));
        audit.record(AccessAudit.Event.PASSWORD_CHANGED, personId, null);
        return Optional.empty();
    }

    public Optional<Account> byLogin(String loginName) {
        return store.byLoginName(Account.normalise(loginName));
    }

    public Optional<Account> account(String personId) {
        return store.byPerson(personId);
    }

    /** Whether anyone can administer the platform yet (the first run asks for the first administrator). */
    public boolean hasPlatformAdministrator() {
        return store.countWithRole(PersonRole.PLATFORM_ADMIN.name()) > 0;
    }
}
