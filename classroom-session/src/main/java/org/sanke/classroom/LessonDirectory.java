package org.sanke.classroom;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/**
 * The lessons that exist, kept in a {@link LessonStore}, with the deployment's mode policies. Lessons do not change
 * once made, so those seen are remembered: joining a known lesson needs no database. Thread-safe.
 */
public final class LessonDirectory {
    /** Past this many remembered lessons the memory starts again (bounded; lessons are reread on demand). */
    static final int MAX_REMEMBERED = 10_000;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_CHARS = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final LessonStore lessons;
    private final ModePolicies policies;
    private final java.util.concurrent.ConcurrentMap<String, Lesson> remembered =
            new java.util.concurrent.ConcurrentHashMap<>();

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
        return create(title, mode, maxClassrooms, null);
    }

    /** Creates a lesson with a fresh random id, owned by the person who made it (null: nobody). */
    public Lesson create(String title, LessonMode mode, int maxClassrooms, String ownerId) {
        while (true) {
            Lesson lesson = new Lesson(randomId(), title, mode, maxClassrooms, ownerId);
            if (lessons.insert(lesson)) {
                return remember(lesson);
            }
        }
    }

    /** Creates a lesson with a chosen id, e.g. the demo lesson; refuses an id in use. */
    public Lesson createWithId(String id, String title, LessonMode mode, int maxClassrooms) {
        Lesson lesson = new Lesson(id, title, mode, maxClassrooms);
        if (!lessons.insert(lesson)) {
            throw new IllegalArgumentException("lesson " + id + " exists already");
        }
        return remember(lesson);
    }

    /** The lesson with this id: from memory when it has been seen, else from the store (which may block). */
    public Optional<Lesson> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Lesson known = remembered.get(id);
        return known != null ? Optional.of(known) : lessons.find(id).map(this::remember);
    }

    private Lesson remember(Lesson lesson) {
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(lesson.id(), lesson);
        return lesson;
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
