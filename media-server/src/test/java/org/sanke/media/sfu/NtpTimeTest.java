package org.sanke.media.sfu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NtpTimeTest {
    @Test
    void aRoundTripComesFromTheReportBlockAndNonsenseIsIgnored() {
        int sent = NtpTime.compact(NtpTime.fromMillis(1_780_000_000_000L));
        int arrival = NtpTime.compact(NtpTime.fromMillis(1_780_000_000_250L));
        int heldFor = 65536 / 10; // 100 ms in 1/65536 s
        assertThat(NtpTime.roundTripNanos(arrival, sent, heldFor) / 1e6).isCloseTo(150.0, within(1.0));
        assertThat(NtpTime.roundTripNanos(arrival, 0, heldFor)).as("no sender report yet").isEqualTo(-1);
        assertThat(NtpTime.roundTripNanos(arrival, sent, 65536)).as("held longer than the trip").isEqualTo(-1);
    }
}
