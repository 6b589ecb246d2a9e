package org.sanke.classroom.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The second factor of an account: an authenticator app's code (TOTP), or one of the recovery codes given when it
 * was set up. Setting one up is two steps: {@link #begin} shows a new secret, {@link #confirm} takes a code made
 * from it and only then keeps the secret, so nobody is locked out by a secret their app never read.
 */
public final class SecondFactor {
    /** How long a secret shown for setting up waits for its first code. */
    static final Duration SETUP_WINDOW = Duration.ofMinutes(10);

    private record Pending(TotpSecret secret, Instant until) {
    }

    private final AccountStore store;
    private final TotpVerifier verifier;
    private final Clock clock;
    private final AccessAudit audit;
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();

    SecondFactor(AccountStore store, AccessAudit audit, Clock clock) {
        this.store = store;
        this.verifier = new TotpVerifier(clock);
        this.audit = audit;
        this.clock = clock;
    }

    /** A new secret for the person's app: the otpauth URI (for a QR code) and the text to type in by hand. */
    public record Setup(String secretText, String otpauthUri) {
        @Override
        public String toString() {
            return "Setup[redacted]";
        }
    }

    public Setup begin(Account account) {
        Instant now = clock.instant();
        pending.values().removeIf(p -> now.isAfter(p.until()));
        TotpSecret secret = TotpSecret.generate();
        pending.put(account.personId(), new Pending(secret, now.plus(SETUP_WINDOW)));
        return new Setup(secret.base32(), secret.otpauthUri(TotpSecret.ISSUER, account.loginName()));
    }

    /**
     * Keeps the secret shown by {@link #begin} if {@code code} was made from it, and gives the recovery codes
     * (shown once); empty when the code is wrong or nothing is being set up.
     */
    public Optional<List<String>> confirm(Account account, String code) {
        Pending setup = pending.get(account.personId());
        if (setup == null || clock.instant().isAfter(setup.until())) {
            return Optional.empty();
        }
        if (!(verifier.verify(setup.secret(), code, TotpVerifier.NO_STEP_USED) instanceof TotpResult.Accepted ok)) {
            return Optional.empty();
        }
        pending.remove(account.personId(), setup);
        Account current = store.byPerson(account.personId()).orElse(account);
        store.update(current.withSecondFactor(setup.secret().base32(), ok.step()));
        RecoveryCodes.Issued codes = RecoveryCodes.generate();
        store.setRecoveryCodes(account.personId(), codes.storedHashes());
        audit.record(AccessAudit.Event.SECOND_FACTOR_SET, account.personId(), null);
        return Optional.of(codes.codes());
    }

    /** Whether {@code code} is the account's current authenticator code (used once) or an unused recovery code. */
    boolean check(Account account, String code) {
        String digits = code.replace(" ", "");
        if (digits.length() == 6 && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            TotpResult result = verifier.verify(TotpSecret.fromBase32(account.totpSecret()), digits,
                    account.totpLastStep());
            if (result instanceof TotpResult.Accepted ok) {
                store.update(account.withSecondFactor(account.totpSecret(), ok.step()));
                return true;
            }
            return false;
        }
        Optional<String> used = RecoveryCodes.redeem(code, store.recoveryCodes(account.personId()));
        if (used.isPresent() && store.useRecoveryCode(account.personId(), used.get())) {
            audit.record(AccessAudit.Event.RECOVERY_CODE_USED, account.personId(), null);
            return true;
        }
        return false;
    }
}
