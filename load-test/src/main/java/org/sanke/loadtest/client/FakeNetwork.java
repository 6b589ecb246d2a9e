package org.sanke.loadtest.client;

import java.util.SplittableRandom;

/**
 * The tool's own network conditions, applied inside the simulated client (never in the server): drops a share of
 * the media packets it receives, so that a run can show that the tool measures loss.
 */
public final class FakeNetwork {
    public static final FakeNetwork PERFECT = new FakeNetwork(0, 0);

    private final double receiveLoss;
    private final SplittableRandom random;

    /** @param receiveLoss share of received RTP packets to drop, 0 to 1 */
    public FakeNetwork(double receiveLoss, long seed) {
        if (receiveLoss < 0 || receiveLoss >= 1) {
            throw new IllegalArgumentException("loss must be from 0 to less than 1");
        }
        this.receiveLoss = receiveLoss;
        this.random = new SplittableRandom(seed);
    }

    /** Whether this received packet is lost. Called by one receive thread per connection; split per connection. */
    boolean dropsReceived(SplittableRandom perConnection) {
        return receiveLoss > 0 && perConnection.nextDouble() < receiveLoss;
    }

    synchronized SplittableRandom newRandom() {
        return random.split();
    }
}
