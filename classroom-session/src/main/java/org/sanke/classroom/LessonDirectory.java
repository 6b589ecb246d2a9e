package org.sanke.classroom;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The lessons that exist, in memory (the timetable and its database come with the full domain). Thread-safe. */
public final class LessonDirectory {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_CHARS = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    private final ConcurrentMap<String, Lesson> lessons = new ConcurrentHashMap<>();
    private final ModePolicies policies;

    public LessonDirectory() {
        this(ModePolicies.defaults());
    }

    public LessonDirectory(ModePolicies policies) {
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
            if (lessons.putIfAbsent(lesson.id(), lesson) == null) {
                return lesson;
            }
        }
    }

    /** Creates a lesson with a chosen id, e.g. the demo lesson; refuses an id in use. */
    public Lesson createWithId(String id, String title, LessonMode mode, int maxClassrooms) {
        Lesson lesson = new Lesson(id, title, mode, maxClassrooms);
        if (lessons.putIfAbsent(id, lesson) != null) {
            throw new IllegalArgumentException("lesson " + id + " exists already");
        }
        return lesson;
    }

    public Optional<Lesson> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(lessons.get(id));
    }

    public List<Lesson> all() {
        List<Lesson> all = new ArrayList<>(lessons.values());
        all.sort(Comparator.comparing(Lesson::id));
        return all;
    }

    private static String randomId() {
        char[] id = new char[8];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARS[RANDOM.nextInt(ID_CHARS.length)];
        }
        return new String(id);
    }
}
