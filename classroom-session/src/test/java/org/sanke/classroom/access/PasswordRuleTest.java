package org.sanke.classroom.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** S2: passwords meet a complexity rule. */
class PasswordRuleTest {
    @Test
    void shortOrSimplePasswordsAreRefusedWithTheirReason() {
        assertThat(PasswordRule.problem("Ab1!", "wang")).contains("a password needs at least 10 characters");
        assertThat(PasswordRule.problem("abcdefghij", "wang")).get().asString().contains("three of");
        assertThat(PasswordRule.problem("abcdefghi1", "wang")).get().asString().contains("three of");
        assertThat(PasswordRule.problem("Wang-teacher-2026", "wang")).contains(
                "a password may not contain the login name");
        assertThat(PasswordRule.problem("x".repeat(129), "wang")).contains("a password has at most 128 characters");
        assertThat(PasswordRule.problem(null, "wang")).contains("a password is required");
    }

    @Test
    void threeKindsOrALongPassphrasePass() {
        assertThat(PasswordRule.problem("Abcdefghi1", "wang")).isEmpty();
        assertThat(PasswordRule.problem("abcdefgh1!", "wang")).isEmpty();
        assertThat(PasswordRule.problem("春眠不觉晓abc12", "wang")).as("Chinese characters count as other").isEmpty();
        assertThat(PasswordRule.problem("the river runs east", "wang")).as("a passphrase").isEmpty();
    }
}
