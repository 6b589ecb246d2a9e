package org.sanke.classroom.access;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.sanke.classroom.DeviceTokens;
import org.sanke.classroom.SchoolRegistry;

/**
 * Pairing a classroom's terminal once: the terminal shows a six-digit code, an administrator types it on the
 * administration page for the room, and the terminal (which polls with a secret only it holds) receives the room's
 * new device credential, once, to keep in its own storage. The credential never travels in a link. Pending pairings
 * live {@link #WINDOW} in memory, at most {@link #MOST_PENDING} of them.
 */
public final class TerminalPairing {
    public static final Duration WINDOW = Duration.ofMinutes(10);
    public static final int MOST_PENDING = 1_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Pending(long seq, String id, String code, Instant until, String classroomId, String deviceToken) {
    }

    /** What the terminal shows (the code) and keeps to poll with (the id). */
    public record Started(String pairingId, String code, Instant expiresAt) {
    }

    /** What a poll says. */
    public sealed interface Poll {
        record Waiting() implements Poll {
        }

        /** Paired: the credential, given this once. */
        record Paired(String classroomId, String deviceToken) implements Poll {
        }

        record Unknown() implements Poll {
        }
    }

    private final ConcurrentHashMap<String, Pending> byId = new ConcurrentHashMap<>();
    private long begun;
    private final SchoolRegistry schools;
    private final Clock clock;

    public TerminalPairing(SchoolRegistry schools, Clock clock) {
        this.schools = schools;
        this.clock = clock;
    }

    public synchronized Started begin() {
        Instant now = clock.instant();
        byId.values().removeIf(p -> !now.isBefore(p.until()));
        if (byId.size() >= MOST_PENDING) {
            byId.values().stream().min(Comparator.comparingLong(Pending::seq)).ifPresent(p -> byId.remove(p.id()));
        }
        String code;
        do {
            code = String.format("%06d", RANDOM.nextInt(1_000_000));
        } while (findByCode(code).isPresent());
        byte[] raw = new byte[16];
        RANDOM.nextBytes(raw);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Pending pending = new Pending(++begun, id, code, now.plus(WINDOW), null, null);
        byId.put(id, pending);
        return new Started(id, code, pending.until());
    }

    /** The terminal asks whether it has been paired; a credential is handed out once. */
    public synchronized Poll poll(String pairingId) {
        Pending pending = pairingId == null ? null : byId.get(pairingId);
        if (pending == null || !clock.instant().isBefore(pending.until())) {
            return new Poll.Unknown();
        }
        if (pending.deviceToken() == null) {
            return new Poll.Waiting();
        }
        byId.remove(pairingId);
        return new Poll.Paired(pending.classroomId(), pending.deviceToken());
    }

    /**
     * An administrator pairs the terminal showing {@code code} with a classroom: the room gets a new device token
     * (its previous terminal stops working). False when no terminal shows that code now.
     */
    public synchronized boolean confirm(String code, String classroomId) {
        Optional<Pending> pending = findByCode(code);
        if (pending.isEmpty() || pending.get().deviceToken() != null) {
            return false;
        }
        String token = DeviceTokens.newToken();
        schools.setDeviceTokenHash(classroomId, DeviceTokens.hash(token));
        Pending p = pending.get();
        byId.put(p.id(), new Pending(p.seq(), p.id(), p.code(), p.until(), classroomId, token));
        return true;
    }

    private Optional<Pending> findByCode(String code) {
        Instant now = clock.instant();
        return byId.values().stream().filter(p -> p.code().equals(code) && now.isBefore(p.until())).findFirst();
    }
}
