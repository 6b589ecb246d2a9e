package org.sanke.classroom.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** S1: Argon2id hashes, never the password. */
class PasswordsTest {
    private final Passwords cheap = new Passwords(64, 1);

    @Test
    void aHashIsArgon2idWithItsCostAndSaltAndVerifiesOnlyItsPassword() {
        String hash = cheap.hash("Correct-Horse-7");
        assertThat(hash).startsWith("$argon2id$v=19$m=64,t=1,p=1$").doesNotContain("Correct-Horse-7");
        assertThat(cheap.matches("Correct-Horse-7", hash)).isTrue();
        assertThat(cheap.matches("correct-horse-7", hash)).isFalse();
        assertThat(cheap.matches("", hash)).isFalse();
        assertThat(cheap.hash("Correct-Horse-7")).as("a fresh salt each time").isNotEqualTo(hash);
    }

    @Test
    void theProductionCostIsOwaspsAndAnyCostVerifies() {
        String hash = new Passwords().hash("Correct-Horse-7");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(cheap.matches("Correct-Horse-7", hash)).as("the cost comes from the stored form").isTrue();
    }

    @Test
    void aStoredFormItCannotReadMatchesNothing() {
        String hash = cheap.hash("Correct-Horse-7");
        assertThat(cheap.matches("Correct-Horse-7", null)).isFalse();
        assertThat(cheap.matches("Correct-Horse-7", "plain text")).isFalse();
        assertThat(cheap.matches("Correct-Horse-7", hash.replace("argon2id", "argon2i"))).isFalse();
        assertThat(cheap.matches("Correct-Horse-7", hash.replace("m=64", "m=99999999"))).as("no cost bomb")
                .isFalse();
        assertThat(cheap.matches("Correct-Horse-7", hash.substring(0, hash.length() - 4) + "AAAA")).isFalse();
        assertThat(cheap.matches("Correct-Horse-7", hash.replace("$v=19$", "$v=19$$"))).isFalse();
    }
}
