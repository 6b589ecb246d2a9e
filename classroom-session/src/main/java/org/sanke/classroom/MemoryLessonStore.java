package org.sanke.classroom;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Lessons in memory: lost at restart. Thread-safe. */
public final class MemoryLessonStore implements LessonStore {
    private final ConcurrentMap<String, Lesson> lessons = new ConcurrentHashMap<>();

    @Override
    public boolean insert(Lesson lesson) {
        return lessons.putIfAbsent(lesson.id(), lesson) == null;
    }

    @Override
    public Optional<Lesson> find(String id) {
        return Optional.ofNullable(lessons.get(id));
    }

    @Override
    public List<Lesson> all() {
        List<Lesson> all = new ArrayList<>(lessons.values());
        all.sort(Comparator.comparing(Lesson::id));
        return all;
    }
}
