package org.sanke.classroom.privacy;

/** Deletes everything kept about one person, in one transaction; what the law asks to keep stays, by opaque id. */
public interface PersonErasure {
    /**
     * @throws IllegalStateException with the reason, when the person cannot be deleted yet (they teach timetabled
     *                               lessons)
     */
    void erase(String personId);
}
