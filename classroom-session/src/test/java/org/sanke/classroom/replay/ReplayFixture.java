package org.sanke.classroom.replay;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.sanke.classroom.LessonMode;
import org.sanke.classroom.PersonRole;

/** A lesson of Hill School taught by Wang to two classrooms, and the people around it. */
public final class ReplayFixture {
    public static final Instant LESSON_START = Instant.parse("2026-11-30T01:00:00Z");

    private ReplayFixture() {
    }

    public static RecordedLesson lesson() {
        return lesson("l1", LessonMode.DEDICATED, LESSON_START);
    }

    public static RecordedLesson lesson(String lessonId, LessonMode mode, Instant startedAt) {
        return new RecordedLesson(lessonId, "English, grade 4", mode, "hill", "wang", "Wang Li", "English",
                startedAt);
    }

    /** Hill's room sends to Creek's and Pond's rooms; pupil "p-enrolled" is enrolled on her own. */
    public static ReplayAudience audience() {
        return ReplayAudience.ofLesson(Set.of("creek-room", "pond-room"), Set.of("p-enrolled"),
                Set.of("hill", "creek", "pond"));
    }

    public static ReplayFiles files() {
        return new ReplayFiles("l1/replay.mp4", "l1/index.m3u8", "l1/poster.jpg");
    }

    public static List<ReplayChapter> chapters() {
        return List.of(new ReplayChapter(0, ReplayChapter.Kind.ON_STAGE, "Creek School, grade 4"),
                new ReplayChapter(754_000, ReplayChapter.Kind.SCREEN_SHARE, "Slides: the weather"));
    }

    public static Viewer reviewer() {
        return Viewer.person("rev", PersonRole.REVIEWER, null, null);
    }

    public static Viewer teacher() {
        return Viewer.person("wang", PersonRole.LEAD_TEACHER, "hill", null);
    }

    /** A pupil of Creek School's class that took part. */
    public static Viewer creekPupil() {
        return Viewer.person("p-creek", PersonRole.LEARNER, "creek", "creek-room");
    }

    /** A pupil of a school that took no part. */
    public static Viewer strangerPupil() {
        return Viewer.person("p-far", PersonRole.LEARNER, "far", "far-room");
    }
}
