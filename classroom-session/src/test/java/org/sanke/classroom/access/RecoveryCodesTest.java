package org.sanke.classroom.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecoveryCodesTest {
    private static final String CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";

    /** {@code code} with its first symbol changed to another: well formed, but a different code. */
    private static String oneSymbolOff(String code) {
        char first = code.charAt(0);
        return CROCKFORD.charAt((CROCKFORD.indexOf(first) + 1) % CROCKFORD.length()) + code.substring(1);
    }

    @Test
    void issuesTenDifferentCodesOfTenSymbolsInTwoGroups() {
        RecoveryCodes.Issued issued = RecoveryCodes.generate();

        assertThat(issued.codes()).hasSize(10).doesNotHaveDuplicates()
                .allMatch(code -> code.matches("[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}"), "xxxxx-xxxxx");
        assertThat(issued.storedHashes()).hasSize(10).doesNotHaveDuplicates()
                .allMatch(stored -> stored.matches("sha256:[0-9a-f]{32}:[0-9a-f]{64}"), "sha256:salt:hash");
    }

    @Test
    void aCodeDrawnTwiceIsDrawnAgain() {
        RandomGenerator twiceTheSameCode = new RandomGenerator() {
            private int symbols;
            private long salts;

            @Override
            public int nextInt(int bound) {
                return symbols++ < 20 ? 0 : symbols % bound;
            }

            @Override
            public long nextLong() {
                return salts++;
            }
        };

        RecoveryCodes.Issued issued = RecoveryCodes.generate(twiceTheSameCode);

        assertThat(issued.codes()).hasSize(10).doesNotHaveDuplicates().startsWith("00000-00000");
        assertThat(issued.storedHashes()).hasSize(10).doesNotHaveDuplicates();
    }

    @Test
    void codesUseAllThirtyTwoSymbolsAndNoOther() {
        Set<Character> seen = new TreeSet<>();
        Stream.generate(RecoveryCodes::generate).limit(20).flatMap(issued -> issued.codes().stream())
                .forEach(code -> code.replace("-", "").chars().forEach(c -> seen.add((char) c)));

        // 2,000 symbols: each of the 32 is missing with a chance of about e^-63, so this passes unless the alphabet
        // shrank (and with it the 50 bits of a code).
        assertThat(seen).containsExactlyElementsOf(CROCKFORD.chars().mapToObj(c -> (char) c).toList());
    }

    @Test
    void eachCodeWorksOnceAgainstTheRemainingHashes() {
        RecoveryCodes.Issued issued = RecoveryCodes.generate();
        List<String> remaining = new ArrayList<>(issued.storedHashes());

        for (int i = 0; i < issued.codes().size(); i++) {
            String code = issued.codes().get(i);
            Optional<String> redeemed = RecoveryCodes.redeem(code, remaining);

            assertThat(redeemed).as("code %d", i).contains(issued.storedHashes().get(i));
            remaining.remove(redeemed.orElseThrow());
            assertThat(RecoveryCodes.redeem(code, remaining)).as("code %d again", i).isEmpty();
        }
        assertThat(remaining).isEmpty();
    }

    @Test
    void caseSpacesAndHyphensDoNotMatter() {
        RecoveryCodes.Issued issued = RecoveryCodes.generate();
        String code = issued.codes().get(3);
        String bare = code.replace("-", "");

        for (String typed : List.of(code.toUpperCase(Locale.ROOT), bare, " " + bare.substring(0, 2) + " "
                + bare.substring(2, 7) + "\t" + bare.substring(7) + " ", bare.replaceAll("(..)", "$1-"))) {
            assertThat(RecoveryCodes.redeem(typed, issued.storedHashes())).as(typed)
                    .contains(issued.storedHashes().get(3));
        }
    }

    @Test
    void lettersThatLookLikeZeroAndOneAreReadAsThem() {
        RecoveryCodes.Issued issued;
        String code;
        do {
            issued = RecoveryCodes.generate();
            code = issued.codes().stream().filter(c -> c.contains("0") && c.contains("1")).findFirst().orElse(null);
        } while (code == null);

        for (String typed : List.of(code.replace('0', 'o').replace('1', 'l'), code.replace('0', 'O').replace('1', 'I'),
                code.replace('1', 'i'))) {
            assertThat(RecoveryCodes.redeem(typed, issued.storedHashes())).as(typed).isPresent();
        }
    }

    @Test
    void refusesAWrongCode() {
        RecoveryCodes.Issued issued = RecoveryCodes.generate();
        RecoveryCodes.Issued other = RecoveryCodes.generate();

        assertThat(RecoveryCodes.redeem(oneSymbolOff(issued.codes().get(0)), issued.storedHashes())).isEmpty();
        assertThat(RecoveryCodes.redeem(other.codes().get(0), issued.storedHashes())).isEmpty();
        assertThat(RecoveryCodes.redeem(issued.codes().get(0), List.of())).isEmpty();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "-", "abcde-fghj", "abcde-fghjkm", "abcde-fghju", "abcde_fghjk", "abcde-fghj!"})
    void refusesWhatIsNotACode(String typed) {
        assertThat(RecoveryCodes.redeem(typed, RecoveryCodes.generate().storedHashes())).isEmpty();
    }

    @Test
    void theStoredFormShowsNoCode() {
        RecoveryCodes.Issued issued = RecoveryCodes.generate();
        String stored = String.join("\n", issued.storedHashes()).toLowerCase(Locale.ROOT);

        for (String code : issued.codes()) {
            assertThat(stored).doesNotContain(code).doesNotContain(code.replace("-", ""));
        }
        assertThat(issued.toString()).doesNotContain(issued.codes().get(0)).doesNotContain(issued.codes().get(9));
    }

    @Test
    void theSameCodeHashesDifferentlyForEachSalt() {
        RecoveryCodes.Issued issued = RecoveryCodes.generate();
        String stored = issued.storedHashes().get(0);
        String otherSalt = "sha256:" + "0".repeat(32) + stored.substring(stored.lastIndexOf(':'));

        assertThat(RecoveryCodes.redeem(issued.codes().get(0), List.of(otherSalt))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sha256:00:11", "md5:00000000000000000000000000000000:"
            + "0000000000000000000000000000000000000000000000000000000000000000", "sha256:zz000000000000000000000000000000:"
            + "0000000000000000000000000000000000000000000000000000000000000000"})
    void aCorruptStoredHashIsAnError(String corrupt) {
        RecoveryCodes.Issued issued = RecoveryCodes.generate();
        List<String> stored = new ArrayList<>(issued.storedHashes());
        stored.add(corrupt);

        assertThatThrownBy(() -> RecoveryCodes.redeem(issued.codes().get(0), stored))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
