package org.sanke.classroom.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The audit trail's hash chain (S22): each entry's hash is SHA-256 over a canonical encoding of its fields and the
 * previous entry's hash, so that changing, removing or inserting an entry breaks the chain from there on.
 *
 * <p>The time is hashed as the store keeps it (wall-clock time to the microsecond, as written), not as an instant,
 * so that a verifier in another time zone gets the same bytes. The encoding gives each field its length, so that no
 * two different entries encode alike.
 */
public final class AuditChain {
    /** The "previous hash" of the first entry. */
    public static final String GENESIS = "0".repeat(64);
    /** The action of the entry a retention purge leaves: it names the last entry removed and that entry's hash. */
    public static final String PURGED = "audit_purged";

    private static final DateTimeFormatter STORED_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    private AuditChain() {
    }

    /** The hash of {@code e} at place {@code seq}, stored with the time {@code storedAt}, after {@code prevHash}. */
    public static String hash(AuditEvent e, long seq, LocalDateTime storedAt, String prevHash) {
        StringBuilder canonical = new StringBuilder("sanke-audit-1\n");
        for (String field : new String[] {Long.toString(seq), STORED_TIME.format(storedAt), e.actorId(), e.actorRole(),
                e.action(), e.outcome() == null ? null : e.outcome().wireName(), e.sourceAddress(), e.subject(),
                e.detail(), prevHash}) {
            canonical.append(field == null ? "~" : field.length() + ":" + field).append('\n');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException("every JDK has SHA-256", e1);
        }
    }

    /** The detail of a purge's entry: the last entry removed, its hash, how many went, and the cut-off. */
    public static String purgeDetail(long lastRemoved, String lastHash, long removed, LocalDateTime before) {
        return "through=" + lastRemoved + " last=" + lastHash + " removed=" + removed + " before="
                + STORED_TIME.format(before);
    }

    /** The last entry a purge's detail says it removed, and that entry's hash; null when the detail is not one. */
    static Purge purgeOf(String detail) {
        if (detail == null || !detail.startsWith("through=")) {
            return null;
        }
        String[] parts = detail.split(" ");
        try {
            return new Purge(Long.parseLong(parts[0].substring("through=".length())),
                    parts[1].substring("last=".length()));
        } catch (RuntimeException e) {
            return null;
        }
    }

    record Purge(long through, String lastHash) {
    }
}
