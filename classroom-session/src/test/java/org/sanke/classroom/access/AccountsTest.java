package org.sanke.classroom.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.Person;
import org.sanke.classroom.PersonRole;

/** S1, S2: accounts, their lock after failures, and what a first login must do. */
class AccountsTest {
    private final AccessFixture f = new AccessFixture();

    @Test
    void aPersonLogsInWithTheirPasswordAndTheLoginNameIsCaseBlind() {
        Person teacher = f.person("u1", "s1", PersonRole.LEAD_TEACHER);
        f.accounts.create(teacher, "Wang.Li", "Spring-Rain-2026", false);

        LoginResult result = f.accounts.login(" WANG.LI ", "Spring-Rain-2026", null);
        assertThat(result).isInstanceOf(LoginResult.SignedIn.class);
        assertThat(((LoginResult.SignedIn) result).person()).isEqualTo(teacher);
        assertThat(((LoginResult.SignedIn) result).pending()).isEmpty();
        assertThat(f.audit).contains("ACCOUNT_CREATED u1", "LOGIN u1");
    }

    @Test
    void anUnknownNameAndAWrongPasswordGetTheSameAnswer() {
        f.accounts.create(f.person("u1", "s1", PersonRole.LEAD_TEACHER), "wang", "Spring-Rain-2026", false);
        LoginResult unknown = f.accounts.login("zhao", "Spring-Rain-2026", null);
        LoginResult wrong = f.accounts.login("wang", "Autumn-Wind-2026", null);
        assertThat(unknown).isEqualTo(wrong)
                .isEqualTo(new LoginResult.Refused(LoginResult.Reason.WRONG_CREDENTIALS, null));
    }

    @Test
    void repeatedFailuresLockTheAccountForLongerEachTimeAndTheLockIsAudited() {
        f.accounts.create(f.person("u1", "s1", PersonRole.LEAD_TEACHER), "wang", "Spring-Rain-2026", false);
        for (int i = 0; i < LockoutPolicy.FREE_FAILURES - 1; i++) {
            assertThat(reason(f.accounts.login("wang", "guess" + i, null)))
                    .isEqualTo(LoginResult.Reason.WRONG_CREDENTIALS);
        }
        LoginResult.Refused locked = (LoginResult.Refused) f.accounts.login("wang", "guess", null);
        assertThat(locked.reason()).isEqualTo(LoginResult.Reason.LOCKED);
        assertThat(locked.lockedUntil()).isEqualTo(f.clock.instant().plus(Duration.ofMinutes(1)));
        assertThat(locked.message()).contains("locked until");
        assertThat(f.audit).contains("ACCOUNT_LOCKED u1");

        assertThat(reason(f.accounts.login("wang", "Spring-Rain-2026", null)))
                .as("even the right password waits for the lock").isEqualTo(LoginResult.Reason.LOCKED);
        f.clock.advance(Duration.ofSeconds(61));
        LoginResult.Refused longer = (LoginResult.Refused) f.accounts.login("wang", "guess again", null);
        assertThat(longer.lockedUntil()).as("the lock doubles").isEqualTo(f.clock.instant().plus(Duration.ofMinutes(2)));

        f.clock.advance(Duration.ofMinutes(3));
        assertThat(f.accounts.login("wang", "Spring-Rain-2026", null)).isInstanceOf(LoginResult.SignedIn.class);
        assertThat(f.store.byPerson("u1").orElseThrow().failedLogins()).as("a success clears the count").isZero();
    }

    @Test
    void theLockNeverExceedsHalfAnHour() {
        assertThat(LockoutPolicy.lockedUntil(40, f.clock.instant()))
                .isEqualTo(f.clock.instant().plus(LockoutPolicy.LONGEST_LOCK));
        assertThat(LockoutPolicy.lockedUntil(LockoutPolicy.FREE_FAILURES - 1, f.clock.instant())).isNull();
    }

    @Test
    void staffMustSetUpASecondFactorAndAChosenPasswordMustBeReplaced() {
        Person admin = f.person("u2", "s1", PersonRole.SCHOOL_ADMIN);
        f.accounts.create(admin, "admin.hill", "Spring-Rain-2026", true);
        LoginResult.SignedIn in = (LoginResult.SignedIn) f.accounts.login("admin.hill", "Spring-Rain-2026", null);
        assertThat(in.pending()).containsExactlyInAnyOrder(LoginResult.Pending.CHANGE_PASSWORD,
                LoginResult.Pending.SET_UP_SECOND_FACTOR);

        assertThat(f.accounts.changePassword("u2", "wrong", "Summer-Sun-2026")).contains(
                "the current password is wrong");
        assertThat(f.accounts.changePassword("u2", "Spring-Rain-2026", "short")).isPresent();
        assertThat(f.accounts.changePassword("u2", "Spring-Rain-2026", "Spring-Rain-2026")).isPresent();
        assertThat(f.accounts.changePassword("u2", "Spring-Rain-2026", "Summer-Sun-2026")).isEmpty();
        assertThat(f.accounts.pending("u2")).containsExactly(LoginResult.Pending.SET_UP_SECOND_FACTOR);
        assertThat(reason(f.accounts.login("admin.hill", "Spring-Rain-2026", null)))
                .isEqualTo(LoginResult.Reason.WRONG_CREDENTIALS);
    }

    @Test
    void badLoginNamesAndPasswordsAndTakenNamesAreRefusedWithTheirReason() {
        Person a = f.person("u1", "s1", PersonRole.LEAD_TEACHER);
        Person b = f.person("u2", "s1", PersonRole.LEAD_TEACHER);
        assertThatThrownBy(() -> f.accounts.create(a, "x", "Spring-Rain-2026", false))
                .hasMessageContaining("3 to 64");
        assertThatThrownBy(() -> f.accounts.create(a, "wang", "short", false)).hasMessageContaining("10 characters");
        f.accounts.create(a, "wang", "Spring-Rain-2026", false);
        assertThatThrownBy(() -> f.accounts.create(b, "WANG", "Spring-Rain-2026", false))
                .hasMessage("the login name 'wang' is taken");
    }

    @Test
    void theFirstRunCreatesThePlatformAdministratorOnceWithItsCode() {
        PlatformSetup setup = new PlatformSetup(f.accounts, f.people);
        String code = setup.pendingCode().orElseThrow();
        assertThat(setup.pendingCode()).contains(code);
        assertThatThrownBy(() -> setup.complete("wrong", "u9", "Operator", "operator", "Spring-Rain-2026"))
                .hasMessage("the setup code is wrong or has been used");
        assertThatThrownBy(() -> setup.complete(code, "u9", "Operator", "operator", "weak"))
                .hasMessageContaining("10 characters");
        Person admin = setup.complete(code, "u9", "Operator", "operator", "Spring-Rain-2026");
        assertThat(admin.role()).isEqualTo(PersonRole.PLATFORM_ADMIN);
        assertThat(setup.pendingCode()).isEmpty();
        assertThatThrownBy(() -> setup.complete(code, "u8", "Intruder", "intruder", "Spring-Rain-2026"))
                .hasMessage("the setup code is wrong or has been used");
        LoginResult.SignedIn in = (LoginResult.SignedIn) f.accounts.login("operator", "Spring-Rain-2026", null);
        assertThat(in.pending()).containsExactly(LoginResult.Pending.SET_UP_SECOND_FACTOR);
    }

    @Test
    void aSecondFactorIsSetUpWithACodeFromItsSecretThenAskedAtEveryLoginAndRecoveryCodesWorkOnce() {
        Person admin = f.person("u2", "s1", PersonRole.SCHOOL_ADMIN);
        Account account = f.accounts.create(admin, "admin.hill", "Spring-Rain-2026", false);
        TotpVerifier app = new TotpVerifier(f.clock);

        SecondFactor.Setup setup = f.accounts.secondFactor().begin(account);
        assertThat(setup.otpauthUri()).startsWith("otpauth://totp/Sanke:admin.hill?secret=" + setup.secretText());
        assertThat(f.accounts.secondFactor().confirm(account, "000000")).as("a code not from the secret").isEmpty();
        java.util.List<String> recovery = f.accounts.secondFactor()
                .confirm(account, app.currentCode(TotpSecret.fromBase32(setup.secretText()))).orElseThrow();
        assertThat(recovery).hasSize(RecoveryCodes.COUNT);
        assertThat(f.accounts.pending("u2")).isEmpty();
        assertThat(f.audit).contains("SECOND_FACTOR_SET u2");

        assertThat(reason(f.accounts.login("admin.hill", "Spring-Rain-2026", null)))
                .isEqualTo(LoginResult.Reason.SECOND_FACTOR_REQUIRED);
        String code = app.currentCode(TotpSecret.fromBase32(setup.secretText()));
        assertThat(reason(f.accounts.login("admin.hill", "Spring-Rain-2026", code)))
                .as("the code of the setup step is used already").isEqualTo(LoginResult.Reason.WRONG_SECOND_FACTOR);
        f.clock.advance(Duration.ofSeconds(30));
        code = app.currentCode(TotpSecret.fromBase32(setup.secretText()));
        assertThat(f.accounts.login("admin.hill", "Spring-Rain-2026", code)).isInstanceOf(LoginResult.SignedIn.class);
        assertThat(reason(f.accounts.login("admin.hill", "Spring-Rain-2026", code))).as("a code works once")
                .isEqualTo(LoginResult.Reason.WRONG_SECOND_FACTOR);

        assertThat(f.accounts.login("admin.hill", "Spring-Rain-2026", recovery.get(0).toUpperCase()))
                .isInstanceOf(LoginResult.SignedIn.class);
        assertThat(reason(f.accounts.login("admin.hill", "Spring-Rain-2026", recovery.get(0))))
                .isEqualTo(LoginResult.Reason.WRONG_SECOND_FACTOR);
        assertThat(f.audit).contains("RECOVERY_CODE_USED u2");
        assertThat(reason(f.accounts.login("admin.hill", "Wrong-Password-1", code)))
                .as("the password is checked before the code").isEqualTo(LoginResult.Reason.WRONG_CREDENTIALS);
    }

    private static LoginResult.Reason reason(LoginResult result) {
        return ((LoginResult.Refused) result).reason();
    }
}
