package org.sanke.classroom.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sanke.classroom.AttendanceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's heartbeat in the database, so that what a crash leaves behind can be closed. While it runs the server
 * beats every few seconds ({@link #startBeating}); at the next start, before it takes joins, it calls
 * {@link #closeOpenAttendance}: everyone the crash left "in" a lesson left at the last heartbeat, or at their join
 * when they joined after it, with the reason {@link AttendanceRecord#SERVER_STOPPED}. One server per database.
 */
public final class ServerLiveness implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerLiveness.class);
    private static final int ROW = 1;

    private final Database database;
    private final Clock clock;
    private ScheduledExecutorService beating;

    public ServerLiveness(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Records that the server is alive now, by its clock. */
    public void beat() {
        beat(clock.instant());
    }

    /** Records that the server was alive at {@code at}. */
    public void beat(Instant at) {
        try (Connection c = database.connect()) {
            if (Jdbc.updateCount(c, "UPDATE server_heartbeat SET beat_at = ? WHERE id = ?", Timestamp.from(at),
                    ROW) == 0) {
                Jdbc.update(c, "INSERT INTO server_heartbeat (id, beat_at) VALUES (?, ?)", ROW, Timestamp.from(at));
            }
        } catch (SQLException e) {
            throw new StoreException("could not record the server's heartbeat", e);
        }
    }

    /** The last heartbeat, if the server ever beat. */
    public Optional<Instant> lastBeat() {
        try (Connection c = database.connect()) {
            return Jdbc.one(c, "SELECT beat_at FROM server_heartbeat WHERE id = ?",
                    row -> row.getTimestamp(1).toInstant(), ROW);
        } catch (SQLException e) {
            throw new StoreException("could not read the server's heartbeat", e);
        }
    }

    /**
     * Closes the attendance a stopped server left open: at the last heartbeat, or at the join for a join after it
     * (or when there was no heartbeat at all). Call once at start, before this run's first beat (which would move the
     * last heartbeat to now) and before the first join. Returns how many it closed.
     */
    public int closeOpenAttendance() {
        Optional<Instant> last = lastBeat();
        try (Connection c = database.connect()) {
            int closed = last.isEmpty()
                    ? Jdbc.updateCount(c, "UPDATE attendance SET left_at = joined_at, leave_reason = ?"
                            + " WHERE left_at IS NULL", AttendanceRecord.SERVER_STOPPED)
                    : Jdbc.updateCount(c, "UPDATE attendance SET left_at = CASE WHEN joined_at > ? THEN joined_at"
                            + " ELSE ? END, leave_reason = ? WHERE left_at IS NULL", Timestamp.from(last.get()),
                            Timestamp.from(last.get()), AttendanceRecord.SERVER_STOPPED);
            if (closed > 0) {
                LOG.info("closed {} attendance records the last run left open, at its last heartbeat {}", closed,
                        last.map(Instant::toString).orElse("(none: at their joins)"));
            }
            return closed;
        } catch (SQLException e) {
            throw new StoreException("could not close the attendance left open", e);
        }
    }

    /**
     * Beats now and then every {@code every} on a thread of its own until {@link #close}. A failed beat is logged
     * and the next one tries again: a database away for a while costs at most that stretch of presence.
     */
    public synchronized void startBeating(Duration every) {
        if (beating != null) {
            throw new IllegalStateException("already beating");
        }
        beating = Executors.newSingleThreadScheduledExecutor(task -> Thread.ofPlatform().name("server-heartbeat")
                .daemon().unstarted(task));
        beating.scheduleWithFixedDelay(() -> {
            try {
                beat();
            } catch (RuntimeException e) {
                LOG.warn("heartbeat not recorded: {}", e.toString());
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops beating (the last beat stays: a clean stop closes its attendance itself). */
    @Override
    public synchronized void close() {
        if (beating != null) {
            beating.shutdownNow();
            beating = null;
        }
    }
}
