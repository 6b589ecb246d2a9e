package org.sanke.media.sfu;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A media clock that moves only when a test says so; read by the media loops, advanced by the test thread. */
final class ManualClock implements MediaClock {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicLong wallMillis = new AtomicLong(1_780_000_000_000L);

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public long wallMillis() {
        return wallMillis.get();
    }

    void advance(long amount, TimeUnit unit) {
        nanos.addAndGet(unit.toNanos(amount));
        wallMillis.addAndGet(unit.toMillis(amount));
    }
}
