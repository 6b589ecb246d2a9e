package org.sanke.classroom;

import java.util.Locale;
import java.util.Optional;

/** The three classrooms (三个课堂): the kind of lesson, which sets who may join and how many. */
public enum LessonMode {
    /** 专递课堂: one sending classroom teaches a few receiving classrooms, every one two-way. */
    DEDICATED,
    /** 名师课堂: a master teacher's lesson or teaching-research session, watched by many observer teachers. */
    MASTER_TEACHER,
    /** 名校网络课堂: an open lesson of a top school: some interactive classrooms and a large audience. */
    FAMOUS_SCHOOL;

    /**
     * Whether only people with a verified real name publish (S4): master-teacher and famous-school lessons reach
     * many schools, so whoever speaks in them must be known. Classroom terminals, registered and paired by their
     * school, publish in any mode.
     */
    public boolean publishersNeedRealNames() {
        return this != DEDICATED;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LessonMode> fromWireName(String name) {
        for (LessonMode mode : values()) {
            if (mode.wireName().equals(name)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
