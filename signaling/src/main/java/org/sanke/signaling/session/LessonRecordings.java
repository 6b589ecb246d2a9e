package org.sanke.signaling.session;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.sanke.classroom.Role;
import org.sanke.media.api.MediaKind;
import org.sanke.media.api.Producer;
import org.sanke.recording.Recording;
import org.sanke.recording.RecordingOptions;
import org.sanke.recording.TrackSpec;
import org.sanke.recording.TrackSummary;
import org.sanke.recording.TrackTap;
import org.sanke.recording.rtp.Codec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every live lesson (issue 15, S17): the teacher's camera, screen share and microphone, and whoever is on
 * stage while on stage, each track to its own crash-safe file under {@code root/<lesson>/<start>/}. Each recorded
 * producer gets a tap that copies its forwarded packets into the recorder's queue; nothing else happens on the media
 * loop. An under-14 learner without a guardian's consent never publishes (S33), so is never recorded. Owned by the
 * lessons' threads: each lesson's state is touched only on its own.
 */
public final class LessonRecordings implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LessonRecordings.class);
    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    /** One lesson's recording, its tracks by producer, and who was in it (the replay's audience). */
    private static final class LessonRecording {
        final Recording recording;
        final java.time.Instant startedAt = java.time.Instant.now();
        final Map<Producer, Tapped> tracks = new HashMap<>();
        final java.util.Set<String> classroomIds = new java.util.HashSet<>();
        final java.util.Set<String> learnerIds = new java.util.HashSet<>();
        String teacherPersonId;
        String teacherName;

        LessonRecording(Recording recording) {
            this.recording = recording;
        }

        /** Who was there, for who may watch the replay; bounded by the lesson's seats. */
        void saw(Member member) {
            if (member.participant.classroomId() != null) {
                classroomIds.add(member.participant.classroomId());
            }
            if (member.participant.role() == Role.LEARNER && member.personId != null) {
                learnerIds.add(member.personId);
            }
            if (member.participant.role() == Role.TEACHER && member.personId != null && teacherPersonId == null) {
                teacherPersonId = member.personId;
                teacherName = member.participant.displayName();
            }
        }
    }

    private record Tapped(TrackTap track, AutoCloseable tap) {
    }

    private final Path root;
    private final RecordingOptions options;
    private final Consumer<FinishedRecording> onFinished;
    private final Map<String, LessonRecording> byLesson = new ConcurrentHashMap<>();

    /**
     * A lesson's finished recording: its folder, what each track holds, and the lesson's facts for its replay.
     *
     * @param teacherPersonId the signed-in teacher whose tracks were recorded, or null (a teacher by invitation link)
     */
    public record FinishedRecording(org.sanke.classroom.Lesson lesson, Path directory, List<TrackSummary> tracks,
                                    java.time.Instant startedAt, String teacherPersonId, String teacherName,
                                    java.util.Set<String> classroomIds, java.util.Set<String> learnerIds) {
    }

    /** Someone took a seat: remembered for the replay's audience, if the lesson is recorded. On its thread. */
    void seated(LessonRoom room, Member member) {
        LessonRecording lesson = byLesson.get(room.live().lesson().id());
        if (lesson != null) {
            lesson.saw(member);
        }
    }

    /**
     * @param root       where lessons are recorded; null records nothing
     * @param onFinished told (on the recorder's thread) when a lesson's files are finished
     */
    public LessonRecordings(Path root, RecordingOptions options, Consumer<FinishedRecording> onFinished) {
        this.root = root;
        this.options = options;
        this.onFinished = onFinished;
    }

    public static LessonRecordings off() {
        return new LessonRecordings(null, null, finished -> { });
    }

    public boolean on() {
        return root != null;
    }

    /** Whether a lesson is being recorded now. */
    public boolean recording(String lessonId) {
        return byLesson.containsKey(lessonId);
    }

    /** Whether this member's tracks are recorded: the teacher's always, anyone else's while on stage. */
    static boolean recorded(LessonRoom room, Member member) {
        return member.participant.role() == Role.TEACHER || room.live().isOnStage(member.id());
    }

    /** A new producer of a member; recorded if the member is. On the lesson's thread. */
    void produced(LessonRoom room, Member member, Producer producer) {
        if (root != null && recorded(room, member)) {
            tap(room, member, producer);
        }
    }

    /** A member came on stage (its producers are recorded from now) or left it (they stop). On the lesson's thread. */
    void staged(LessonRoom room, Member member, boolean on) {
        if (root == null || member.participant.role() == Role.TEACHER) {
            return;
        }
        if (on) {
            member.producers.forEach(producer -> tap(room, member, producer));
        } else {
            LessonRecording lesson = byLesson.get(room.live().lesson().id());
            if (lesson != null) {
                member.producers.forEach(producer -> untap(lesson, producer));
            }
        }
    }

    /** The producer closed (its track ended). On the lesson's thread. */
    void retired(LessonRoom room, Producer producer) {
        LessonRecording lesson = byLesson.get(room.live().lesson().id());
        if (lesson != null) {
            untap(lesson, producer);
        }
    }

    private void tap(LessonRoom room, Member member, Producer producer) {
        Codec codec;
        try {
            codec = Codec.fromEncodingName(producer.parameters().codec().name());
        } catch (IllegalArgumentException e) {
            log.warn("not recording a {} track: the recorder does not write {}", producer.kind(),
                    producer.parameters().codec().name());
            return;
        }
        LessonRecording lesson = lessonRecording(room);
        if (lesson.tracks.containsKey(producer)) {
            return;
        }
        String name = member.participant.role().wireName() + "-" + member.source(producer) + "-" + member.id();
        TrackTap track = lesson.recording.addTrack(new TrackSpec(name, codec,
                producer.parameters().codec().payloadType(),
                producer.kind() == MediaKind.VIDEO ? producer::requestKeyframe : null));
        AutoCloseable tap = producer.addTap(TrackTaps.into(track::offer, track::end));
        lesson.tracks.put(producer, new Tapped(track, tap));
        lesson.saw(member);
    }

    private static void untap(LessonRecording lesson, Producer producer) {
        Tapped tapped = lesson.tracks.remove(producer);
        if (tapped != null) {
            try {
                tapped.tap().close();
            } catch (Exception e) {
                // removing a tap only posts to the media loop
            }
            tapped.track().end();
        }
    }

    private LessonRecording lessonRecording(LessonRoom room) {
        String lessonId = room.live().lesson().id();
        LessonRecording lesson = byLesson.get(lessonId);
        if (lesson != null) {
            return lesson;
        }
        Path directory = root.resolve(safe(lessonId)).resolve(FOLDER.format(ZonedDateTime.now()));
        lesson = new LessonRecording(Recording.start(directory, options)); // no I/O: the recorder makes the folder
        log.info("recording lesson {} into {}", lessonId, directory);
        room.members().forEach(lesson::saw);
        byLesson.put(lessonId, lesson);
        room.tellRecording(true);
        return lesson;
    }

    /** The lesson's room closed: its files are finished on the recorder's thread. On the lesson's thread. */
    void closed(LessonRoom room) {
        String lessonId = room.live().lesson().id();
        LessonRecording lesson = byLesson.remove(lessonId);
        if (lesson == null) {
            return;
        }
        lesson.tracks.values().forEach(tapped -> {
            try {
                tapped.tap().close();
            } catch (Exception e) {
                // as above
            }
        });
        Path directory = lesson.recording.directory();
        CompletableFuture<List<TrackSummary>> finished = lesson.recording.closeAsync();
        finished.whenComplete((tracks, failure) -> {
            if (failure != null) {
                log.error("recording of lesson {} failed; recovery finishes it at the next start", lessonId, failure);
            } else {
                log.info("recorded lesson {}: {} tracks in {}", lessonId, tracks.size(), directory);
                onFinished.accept(new FinishedRecording(room.live().lesson(), directory, tracks, lesson.startedAt,
                        lesson.teacherPersonId, lesson.teacherName, java.util.Set.copyOf(lesson.classroomIds),
                        java.util.Set.copyOf(lesson.learnerIds)));
            }
        });
    }

    /** A lesson id as a folder name: ids are the server's own, but a folder is never made of anything else. */
    static String safe(String lessonId) {
        return lessonId.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** Finishes every lesson's files (server stop). */
    @Override
    public void close() {
        for (Map.Entry<String, LessonRecording> entry : List.copyOf(byLesson.entrySet())) {
            byLesson.remove(entry.getKey());
            try {
                entry.getValue().recording.close();
            } catch (RuntimeException e) {
                log.warn("recording of lesson {} not finished cleanly; recovery finishes it", entry.getKey(), e);
            }
        }
    }
}
