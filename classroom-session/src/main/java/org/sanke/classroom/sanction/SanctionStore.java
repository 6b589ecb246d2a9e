package org.sanke.classroom.sanction;

import java.util.List;

/** Where measures are kept, lifted ones too (the record of what was done). */
public interface SanctionStore {
    void add(Sanction sanction);

    void lift(String id, String by, java.time.Instant at);

    /** Every measure, newest first, at most {@code limit}. */
    List<Sanction> all(int limit);

    /** The measures not lifted (some may have run out). */
    List<Sanction> unlifted();
}
