package org.sanke.classroom;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move by hand. */
public final class SettableClock extends Clock {
    private final ZoneId zone;
    private final AtomicReference<Instant> now;

    public SettableClock(ZoneId zone) {
        this(Instant.now(), zone);
    }

    public SettableClock(Instant start, ZoneId zone) {
        this.zone = zone;
        this.now = new AtomicReference<>(start);
    }

    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return other.equals(zone) ? this : Clock.fixed(now.get(), other);
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
