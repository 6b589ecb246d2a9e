package org.sanke.loadtest.soak;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.sanke.loadtest.stats.LossTotals;

/**
 * Loss over an interval for the receivers that were there from its start to its end: a classroom that joins or
 * leaves within it is left out of that interval, so that neither is ever taken for loss. Holds one reading per
 * receiver present at the last call, no more. Used by the sampler thread only.
 *
 * @param <R> a receiver, told apart by identity
 */
final class ConnectedLoss<R> {
    /** The interval's loss and how many receivers it covers. */
    record Interval(LossTotals loss, int receivers) {
    }

    private final Function<R, LossTotals> totals;
    private Map<R, LossTotals> previous = new HashMap<>();

    /** @param totals a receiver's lost and expected packets since it started */
    ConnectedLoss(Function<R, LossTotals> totals) {
        this.totals = totals;
    }

    /** Loss since the previous call, over those of {@code present} that were present then too. */
    Interval take(Iterable<R> present) {
        Map<R, LossTotals> current = new HashMap<>();
        LossTotals loss = LossTotals.NONE;
        int receivers = 0;
        for (R receiver : present) {
            LossTotals now = totals.apply(receiver);
            current.put(receiver, now);
            LossTotals before = previous.get(receiver);
            if (before != null) {
                loss = loss.plus(now.since(before));
                receivers++;
            }
        }
        previous = current;
        return new Interval(loss, receivers);
    }
}
