package org.sanke.classroom.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpVerifierTest {
    /** The SHA1 seed of RFC 6238's appendix B, the ASCII of "12345678901234567890", in Base32. */
    private static final TotpSecret RFC_SECRET = TotpSecret.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    /** Some time in the middle of a step: step 56,666,667 starts at 1,700,000,010 s, 15 s before. */
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_025L);
    private static final long STEP = 56_666_667L;

    private static TotpVerifier at(Instant instant) {
        return new TotpVerifier(Clock.fixed(instant, ZoneOffset.UTC));
    }

    private static TotpResult.Reason refusal(TotpResult result) {
        return result instanceof TotpResult.Rejected rejected ? rejected.reason() : null;
    }

    @Test
    void theRfcSecretIsTheRfcSeed() {
        assertThat(RFC_SECRET.key().getEncoded())
                .isEqualTo("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
        assertThat(RFC_SECRET.key().getAlgorithm()).isEqualTo("HmacSHA1");
    }

    /** RFC 6238 appendix B, SHA1 rows: 8-digit codes, of which a 6-digit code is the last six digits. */
    @ParameterizedTest
    @CsvSource({
            "59, 1, 94287082",
            "1111111109, 37037036, 07081804",
            "1111111111, 37037037, 14050471",
            "1234567890, 41152263, 89005924",
            "2000000000, 66666666, 69279037",
            "20000000000, 666666666, 65353130"})
    void acceptsTheRfc6238CodesAtTheRfcTimes(long seconds, long rfcStep, String eightDigits) {
        TotpVerifier verifier = at(Instant.ofEpochSecond(seconds));
        String code = eightDigits.substring(2);

        assertThat(verifier.currentStep()).isEqualTo(rfcStep);
        assertThat(verifier.codeAt(RFC_SECRET, rfcStep)).isEqualTo(code);
        assertThat(verifier.verify(RFC_SECRET, code, TotpVerifier.NO_STEP_USED))
                .isEqualTo(new TotpResult.Accepted(rfcStep));
    }

    @Test
    void acceptsTheCodeOfTheStepBeforeAndAfterTheCurrentOne() {
        TotpVerifier verifier = at(NOW);
        assertThat(verifier.currentStep()).isEqualTo(STEP);

        for (long step = STEP - 1; step <= STEP + 1; step++) {
            assertThat(verifier.verify(RFC_SECRET, verifier.codeAt(RFC_SECRET, step), TotpVerifier.NO_STEP_USED))
                    .as("step %d", step - STEP).isEqualTo(new TotpResult.Accepted(step));
        }
    }

    @Test
    void refusesTheCodeOfTwoStepsBeforeOrAfter() {
        TotpVerifier verifier = at(NOW);

        for (long step : new long[] {STEP - 2, STEP + 2}) {
            TotpResult result = verifier.verify(RFC_SECRET, verifier.codeAt(RFC_SECRET, step), TotpVerifier.NO_STEP_USED);
            assertThat(result.accepted()).as("step %d", step - STEP).isFalse();
            assertThat(refusal(result)).isEqualTo(TotpResult.Reason.WRONG);
        }
    }

    @Test
    void driftIsCountedInStepsNotSeconds() {
        Instant lastSecondOfStep = Instant.ofEpochSecond(STEP * 30 + 29);
        Instant firstSecondOfStep = Instant.ofEpochSecond(STEP * 30);
        String codeOfNextStep = at(NOW).codeAt(RFC_SECRET, STEP + 1);
        String codeOfStepBefore = at(NOW).codeAt(RFC_SECRET, STEP - 1);

        assertThat(at(firstSecondOfStep).verify(RFC_SECRET, codeOfNextStep, TotpVerifier.NO_STEP_USED).accepted())
                .isTrue();
        assertThat(at(lastSecondOfStep).verify(RFC_SECRET, codeOfStepBefore, TotpVerifier.NO_STEP_USED).accepted())
                .isTrue();
        assertThat(at(lastSecondOfStep.plusSeconds(1)).verify(RFC_SECRET, codeOfStepBefore, TotpVerifier.NO_STEP_USED))
                .isEqualTo(new TotpResult.Rejected(TotpResult.Reason.WRONG));
    }

    @Test
    void aCodeWorksOnceAndNoOlderCodeAfterIt() {
        TotpVerifier verifier = at(NOW);
        String current = verifier.codeAt(RFC_SECRET, STEP);

        TotpResult first = verifier.verify(RFC_SECRET, current, TotpVerifier.NO_STEP_USED);
        assertThat(first).isEqualTo(new TotpResult.Accepted(STEP));
        long lastUsed = ((TotpResult.Accepted) first).step();

        assertThat(verifier.verify(RFC_SECRET, current, lastUsed))
                .isEqualTo(new TotpResult.Rejected(TotpResult.Reason.REPLAYED));
        assertThat(verifier.verify(RFC_SECRET, verifier.codeAt(RFC_SECRET, STEP - 1), lastUsed))
                .as("a code of an earlier step, though never used itself")
                .isEqualTo(new TotpResult.Rejected(TotpResult.Reason.REPLAYED));
        assertThat(verifier.verify(RFC_SECRET, verifier.codeAt(RFC_SECRET, STEP + 1), lastUsed))
                .as("the next step's code").isEqualTo(new TotpResult.Accepted(STEP + 1));
        assertThat(at(NOW.plusSeconds(30)).verify(RFC_SECRET, current, lastUsed))
                .as("still within the drift window a step later")
                .isEqualTo(new TotpResult.Rejected(TotpResult.Reason.REPLAYED));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "12345", "1234567", "12a456", "12345 ", "+12345", "-12345", "12.456", "123-456",
            "１２３４５６", "٠١٢٣٤٥"})
    void refusesWhatIsNotSixDigitsAsMalformed(String typed) {
        assertThat(at(NOW).verify(RFC_SECRET, typed, TotpVerifier.NO_STEP_USED))
                .isEqualTo(new TotpResult.Rejected(TotpResult.Reason.MALFORMED));
    }

    @Test
    void ignoresSpacesAsAuthenticatorAppsShowThem() {
        TotpVerifier verifier = at(NOW);
        String code = verifier.codeAt(RFC_SECRET, STEP);

        assertThat(verifier.verify(RFC_SECRET, code.substring(0, 3) + " " + code.substring(3), TotpVerifier.NO_STEP_USED))
                .isEqualTo(new TotpResult.Accepted(STEP));
        assertThat(verifier.verify(RFC_SECRET, " " + code + " ", TotpVerifier.NO_STEP_USED).accepted()).isTrue();
    }

    @Test
    void refusesAWrongCode() {
        TotpVerifier verifier = at(NOW);
        String wrong = IntStream.range(0, 1_000_000).mapToObj(n -> String.format("%06d", n))
                .filter(code -> IntStream.rangeClosed(-1, 1)
                        .noneMatch(drift -> verifier.codeAt(RFC_SECRET, STEP + drift).equals(code)))
                .findFirst().orElseThrow();

        assertThat(verifier.verify(RFC_SECRET, wrong, TotpVerifier.NO_STEP_USED))
                .isEqualTo(new TotpResult.Rejected(TotpResult.Reason.WRONG));
    }

    @Test
    void readsTheClockAtEachCheck() {
        Instant[] now = {NOW};
        TotpVerifier verifier = new TotpVerifier(new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        });
        String code = verifier.codeAt(RFC_SECRET, STEP);
        assertThat(verifier.verify(RFC_SECRET, code, TotpVerifier.NO_STEP_USED).accepted()).isTrue();

        now[0] = NOW.plusSeconds(60);
        assertThat(verifier.verify(RFC_SECRET, code, TotpVerifier.NO_STEP_USED))
                .isEqualTo(new TotpResult.Rejected(TotpResult.Reason.WRONG));
    }
}
