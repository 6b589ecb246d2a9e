package org.sanke.classroom;

import java.util.List;
import java.util.Optional;

/** Where lessons are kept: in memory for tests and throwaway runs, in the database otherwise. */
public interface LessonStore {
    /** Stores a new lesson; false when its id is taken. */
    boolean insert(Lesson lesson);

    Optional<Lesson> find(String id);

    /** Every lesson, ordered by id. */
    List<Lesson> all();
}
