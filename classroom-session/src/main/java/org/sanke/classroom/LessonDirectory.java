package org.sanke.classroom;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/** The lessons that exist, kept in a {@link LessonStore}, with the deployment's mode policies. Thread-safe. */
public final class LessonDirectory {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_CHARS = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final LessonStore lessons;
    private final ModePolicies policies;

    /** In memory, with the default mode policies (tests, throwaway runs). */
    public LessonDirectory() {
        this(new MemoryLessonStore(), ModePolicies.defaults());
    }

    public LessonDirectory(LessonStore store, ModePolicies policies) {
        this.lessons = store;
        this.policies = policies;
    }

    /** The deployment's policy of each lesson mode. */
    public ModePolicies policies() {
        return policies;
    }

    /** Creates a lesson with a fresh random id. */
    public Lesson create(String title, LessonMode mode, int maxClassrooms) {
        while (true) {
            Lesson lesson = new Lesson(randomId(), title, mode, maxClassrooms);
            if (lessons.insert(lesson)) {
                return lesson;
            }
        }
    }

    /** Creates a lesson with a chosen id, e.g. the demo lesson; refuses an id in use. */
    public Lesson createWithId(String id, String title, LessonMode mode, int maxClassrooms) {
        Lesson lesson = new Lesson(id, title, mode, maxClassrooms);
        if (!lessons.insert(lesson)) {
            throw new IllegalArgumentException("lesson " + id + " exists already");
        }
        return lesson;
    }

    public Optional<Lesson> find(String id) {
        return id == null ? Optional.empty() : lessons.find(id);
    }

    public List<Lesson> all() {
        return lessons.all();
    }

    private static String randomId() {
        char[] id = new char[8];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARS[RANDOM.nextInt(ID_CHARS.length)];
        }
        return new String(id);
    }
}
