package org.sanke.loadtest.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanke.loadtest.stats.LossTotals;

class ConnectedLossTest {
    /** A receiver whose totals the test sets. */
    private static final class Receiver {
        LossTotals totals = LossTotals.NONE;
    }

    @Test
    void onlyReceiversPresentAtBothEndsOfAnIntervalCount() {
        ConnectedLoss<Receiver> loss = new ConnectedLoss<>(r -> r.totals);
        Receiver stays = new Receiver();
        Receiver leaves = new Receiver();
        stays.totals = new LossTotals(1, 100);
        leaves.totals = new LossTotals(0, 50);
        assertThat(loss.take(List.of(stays, leaves)).receivers()).as("nothing to compare with yet").isZero();

        stays.totals = new LossTotals(1, 300);
        Receiver joins = new Receiver();
        joins.totals = new LossTotals(40, 60); // its first packets looked lost: it came in this interval
        ConnectedLoss.Interval interval = loss.take(List.of(stays, joins));
        assertThat(interval.receivers()).isEqualTo(1);
        assertThat(interval.loss()).isEqualTo(new LossTotals(0, 200));

        stays.totals = new LossTotals(3, 400);
        joins.totals = new LossTotals(40, 160);
        interval = loss.take(List.of(stays, joins));
        assertThat(interval.receivers()).isEqualTo(2);
        assertThat(interval.loss()).isEqualTo(new LossTotals(2, 200));
        assertThat(interval.loss().percent()).isEqualTo(1.0);
    }
}
