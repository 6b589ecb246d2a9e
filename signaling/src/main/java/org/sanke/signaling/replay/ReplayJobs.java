package org.sanke.signaling.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.sanke.classroom.Person;
import org.sanke.classroom.Refused;
import org.sanke.classroom.replay.RecordedLesson;
import org.sanke.classroom.replay.Replay;
import org.sanke.classroom.replay.ReplayAudience;
import org.sanke.classroom.replay.ReplayChapter;
import org.sanke.classroom.replay.ReplayFiles;
import org.sanke.classroom.replay.Replays;
import org.sanke.classroom.SchoolRegistry;
import org.sanke.recording.replay.ComposedReplay;
import org.sanke.recording.replay.ReplayComposer;
import org.sanke.signaling.session.LessonRecordings.FinishedRecording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composes each finished lesson recording into its replay, one lesson at a time on a thread of its own (ffmpeg is
 * heavy; lessons wait their turn rather than slow the live ones): the replay is registered PROCESSING, composed into
 * {@code replays/<replay>/v<version>/}, then PENDING for reviewers, or FAILED with ffmpeg's error after a second
 * attempt. A lesson without a signed-in teacher of a school (a demo lesson by invitation links) keeps its raw
 * recording but gets no replay: nobody would be its owner.
 */
public final class ReplayJobs implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReplayJobs.class);
    static final int ATTEMPTS = 2;
    private static final Duration COMPOSE_TIMEOUT = Duration.ofHours(2);

    private final Replays replays;
    private final SchoolRegistry schools;
    private final Path replaysRoot;
    private volatile boolean closed;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "replay-jobs");
        t.setDaemon(true);
        return t;
    });

    public ReplayJobs(Replays replays, SchoolRegistry schools, Path replaysRoot) {
        this.replays = replays;
        this.schools = schools;
        this.replaysRoot = replaysRoot;
    }

    public Path root() {
        return replaysRoot;
    }

    /** Queues a finished recording; returns at once. Any thread. */
    public void finished(FinishedRecording recording) {
        if (closed) {
            log.info("lesson {} recorded in {}; the server is stopping, so its replay is not composed now",
                    recording.lesson().id(), recording.directory());
            return;
        }
        worker.execute(() -> {
            try {
                process(recording);
            } catch (RuntimeException e) {
                if (!closed) {
                    log.error("replay of lesson {} not made", recording.lesson().id(), e);
                }
            }
        });
    }

    private void process(FinishedRecording recording) {
        String lessonId = recording.lesson().id();
        Person teacher = recording.teacherPersonId() == null ? null
                : schools.person(recording.teacherPersonId()).orElse(null);
        if (teacher == null || teacher.schoolId() == null) {
            log.info("lesson {} recorded in {}; no replay: it had no signed-in teacher of a school", lessonId,
                    recording.directory());
            return;
        }
        Replay replay = replays.created(new RecordedLesson(lessonId, recording.lesson().title(),
                recording.lesson().mode(), teacher.schoolId(), teacher.id(), recording.teacherName(), null,
                recording.startedAt()), ReplayAudience.ofLesson(recording.classroomIds(), recording.learnerIds(),
                Set.of(teacher.schoolId())));
        String folder = replay.id() + "/v" + replay.version();
        IOException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                long began = System.nanoTime();
                ComposedReplay composed = ReplayComposer.compose(recording.directory(), replaysRoot.resolve(folder),
                        COMPOSE_TIMEOUT);
                replays.processed(replay.id(), new ReplayFiles(folder + "/replay.mp4", folder + "/hls/index.m3u8",
                        folder + "/poster.jpg"), Duration.ofMillis(Math.round(composed.durationSeconds() * 1000)),
                        composed.chapters().stream().map(c -> new ReplayChapter(c.offsetMillis(),
                                c.kind().equals("screen_share") ? ReplayChapter.Kind.SCREEN_SHARE
                                        : ReplayChapter.Kind.ON_STAGE, c.participantId())).toList());
                log.info("replay {} of lesson {} composed in {} ms ({} s of lesson): waiting for review",
                        replay.id(), lessonId, (System.nanoTime() - began) / 1_000_000, composed.durationSeconds());
                return;
            } catch (IOException e) {
                if (closed) {
                    return; // stopped with the server: left PROCESSING, not failed
                }
                last = e;
                log.warn("composing replay {} of lesson {} failed (attempt {} of {}): {}", replay.id(), lessonId,
                        attempt, ATTEMPTS, e.getMessage());
            } catch (Refused e) {
                log.error("replay {} of lesson {} could not be marked processed: {}", replay.id(), lessonId,
                        e.getMessage());
                return;
            }
        }
        try {
            replays.failed(replay.id(), last.getMessage());
        } catch (Refused e) {
            log.error("replay {} could not be marked failed: {}", replay.id(), e.getMessage());
        }
    }

    /** Stops at once (ffmpeg is killed): a replay being composed stays PROCESSING in the store. */
    @Override
    public void close() {
        closed = true;
        worker.shutdownNow();
    }

}
