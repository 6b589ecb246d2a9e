package org.sanke.classroom.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The retention floors (S23: the audit trail six months; S35: live-content records 60 days). */
class RetentionTest {
    @Test
    void theDefaultsAreTheFloors() {
        assertThat(Retention.defaults().audit()).isEqualTo(Duration.ofDays(180));
        assertThat(Retention.defaults().liveRecords()).isEqualTo(Duration.ofDays(60));
        assertThat(Retention.ofDays(365, 90).audit()).isEqualTo(Duration.ofDays(365));
    }

    @Test
    void aSettingBelowAFloorIsRefusedWithTheFloorInItsReason() {
        assertThatThrownBy(() -> Retention.ofDays(179, 60)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the audit trail is kept at least 180 days (six months, S23), not 179 days");
        assertThatThrownBy(() -> Retention.ofDays(180, 59)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("live-content records are kept at least 60 days (S35), not 59 days");
        assertThatThrownBy(() -> new Retention(Duration.ofDays(180).minusSeconds(1), Duration.ofDays(60)))
                .as("not a second less").isInstanceOf(IllegalArgumentException.class);
    }
}
