package org.sanke.loadtest.impair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ImpairmentLinkProfileTest {
    @Test
    void presetsSayWhatTheirNamesPromise() {
        assertThat(LinkProfile.clean().loss()).isZero();
        assertThat(LinkProfile.clean().hasCapacity()).isFalse();
        assertThat(LinkProfile.lossy().loss()).isEqualTo(0.05);
        assertThat(LinkProfile.lossy().delay()).isEqualTo(Duration.ofMillis(50));
        assertThat(LinkProfile.capped().rateBitsPerSecond()).isEqualTo(800_000);
        assertThat(LinkProfile.capped().queueLimitBytes()).as("100 ms at 800 kbit/s").isEqualTo(10_000);
        assertThat(LinkProfile.satellite().delay().multipliedBy(2)).isEqualTo(Duration.ofMillis(600));
        assertThat(LinkProfile.satellite().loss()).isEqualTo(0.01);
        assertThat(LinkProfile.rural4g().hasCapacity()).isTrue();
        assertThat(LinkProfile.rural4g().meanBurstLength()).isGreaterThan(1);
        assertThat(LinkProfile.rural4g().reorderAllowed()).isFalse();
    }

    @Test
    void aQueueHoldsAtLeastOnePacket() {
        assertThat(LinkProfile.clean().withRate(64_000, Duration.ofMillis(1)).queueLimitBytes())
                .isEqualTo(LinkProfile.MIN_QUEUE_BYTES);
    }

    @Test
    void liftingACapKeepsTheRest() {
        LinkProfile lifted = LinkProfile.rural4g().uncapped();
        assertThat(lifted.hasCapacity()).isFalse();
        assertThat(lifted.delay()).isEqualTo(LinkProfile.rural4g().delay());
        assertThat(lifted.loss()).isEqualTo(LinkProfile.rural4g().loss());
    }

    @Test
    void refusesSettingsThatMeanNothing() {
        assertThatThrownBy(() -> LinkProfile.clean().withLoss(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LinkProfile.clean().withLoss(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LinkProfile.clean().withDelay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LinkProfile.clean().withRateAndQueueBytes(1_000_000, 100))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LinkProfile.clean().withBurstLoss(0.9, 2))
                .as("bursts of 2 cannot lose 90%").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void linkChangesOneDirectionAtATime() {
        Link link = Link.symmetric(LinkProfile.capped());
        link.set(Direction.TO_SERVER, LinkProfile.clean());
        assertThat(link.toServer().hasCapacity()).isFalse();
        assertThat(link.profile(Direction.TO_CLIENT).hasCapacity()).isTrue();
    }
}
