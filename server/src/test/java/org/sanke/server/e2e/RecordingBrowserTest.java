package org.sanke.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sanke.loadtest.RequiredTool;
import org.sanke.recording.ffmpeg.Ffprobe;
import org.sanke.server.SankeOptions;
import org.sanke.server.SankeServer;

/**
 * A live lesson is recorded (issue 15, S17) with Chromium: the pages say so; the teacher's camera and microphone are
 * recorded from the start, a classroom only while on stage, a classroom that only watches not at all; when the lesson
 * ends the files are finished, and ffprobe reads what each holds and when it started.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RecordingBrowserTest extends BrowserLessonTest {
    private static final Duration GUARD = Duration.ofSeconds(45);

    @TempDir
    Path recordings;

    @Test
    void theTeacherIsRecordedThroughoutAndAClassroomOnlyWhileOnStage() throws Exception {
        RequiredTool.requireChromium();
        RequiredTool.require(java.nio.file.Path.of("/usr/bin/ffprobe"), "ffmpeg");
        SankeOptions loopback = TestLessons.onLoopback("recording");
        server = SankeServer.start(new SankeOptions(loopback.bindAddress(), 0, 0, List.of("127.0.0.1"), 1, false,
                loopback.databaseUrl(), "sa", "").withRecordings(recordings));
        String lesson = TestLessons.create(server, "{\"title\":\"Recorded\",\"mode\":\"dedicated\","
                + "\"maxClassrooms\":2}");
        BrowserPage teacher = open("teacher", "/teacher.html?lesson=" + lesson + "&lang=en");
        teacher.await("the teacher live", GUARD, p -> "live".equals(p.state()));
        String teacherId = teacher.participantId();
        BrowserPage stageRoom = open("stage room", "/classroom.html?lesson=" + lesson + "&name=Stage&lang=en");
        BrowserPage watcher = open("watching room", "/classroom.html?lesson=" + lesson + "&name=Watch&lang=en");
        for (BrowserPage room : List.of(stageRoom, watcher)) {
            room.await("the teacher's picture", GUARD, p -> p.framesDecodedFrom(teacherId) > 10);
            room.await("told the lesson is recorded", GUARD, p -> Boolean.TRUE.equals(p.script(
                    "const b = document.getElementById('recording'); return !b.hidden"
                            + " && b.textContent.includes('Recording')")));
        }
        teacher.await("the teacher told too", GUARD, p -> Boolean.FALSE.equals(p.script(
                "return document.getElementById('recording').hidden")));
        Thread.sleep(3000);
        String stageId = stageRoom.participantId();
        String watcherId = watcher.participantId();
        Instant onStage = Instant.now();
        teacher.hook("stage('" + stageId + "', true)");
        watcher.await("the room on stage seen", GUARD, p -> p.framesDecodedFrom(stageId) > 10);
        Thread.sleep(4000);
        teacher.hook("endLesson()");

        Path folder = awaitFolder(recordings.resolve(lesson));
        Path teacherCamera = awaitFinished(folder, "teacher-camera-" + teacherId + ".webm");
        Path teacherVoice = awaitFinished(folder, "teacher-microphone-" + teacherId + ".webm");
        Path roomCamera = awaitFinished(folder, "classroom-camera-" + stageId + ".webm");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("the watching room is not recorded")
                    .noneMatch(name -> name.contains(watcherId));
        }
        Ffprobe.Probe camera = Ffprobe.probe(teacherCamera, true);
        assertThat(camera.first("video").orElseThrow().codecName()).isEqualTo("vp8");
        assertThat(camera.durationSeconds()).as("the teacher's camera, from the start").isGreaterThan(8.0);
        Ffprobe.Probe voice = Ffprobe.probe(teacherVoice, false);
        assertThat(voice.first("audio").orElseThrow().codecName()).isEqualTo("opus");
        assertThat(voice.durationSeconds()).isCloseTo(camera.durationSeconds(), within(2.0));
        Ffprobe.Probe room = Ffprobe.probe(roomCamera, true);
        assertThat(room.durationSeconds()).as("the room, only while on stage")
                .isBetween(2.0, camera.durationSeconds() - 3.0);
        Instant roomStart = Instant.parse(room.tags().get("creation_time"));
        assertThat(Duration.between(onStage, roomStart).abs()).as("the room's file starts when it came on stage")
                .isLessThan(Duration.ofSeconds(3));
    }

    private static Path awaitFolder(Path lessonFolder) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(lessonFolder)) {
                try (Stream<Path> runs = Files.list(lessonFolder)) {
                    List<Path> found = runs.toList();
                    if (!found.isEmpty()) {
                        return found.get(0);
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no recording folder in " + lessonFolder);
    }

    /** The file, once finished (its duration written, which the recorder does last). */
    private static Path awaitFinished(Path folder, String name) throws Exception {
        Path file = folder.resolve(name);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Ffprobe.probe(file, false).durationSeconds() > 0) {
                return file;
            }
            Thread.sleep(500);
        }
        try (Stream<Path> files = Files.list(folder)) {
            throw new AssertionError(name + " not finished; the folder holds " + files.toList());
        }
    }
}
