package org.sanke.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.sanke.classroom.Role;
import org.sanke.loadtest.client.FakeNetwork;
import org.sanke.loadtest.client.SimulatedClassroom;
import org.sanke.loadtest.stats.RunStats;
import org.sanke.media.dtls.DtlsCertificate;

/**
 * The lesson's safety controls are enforced at the SFU, not by the pages: these participants speak the protocol but
 * keep sending whatever they are told, like a modified page would, and still nothing of what is locked, held or cut
 * off reaches anyone (S7, S8, S10, S11, S31). Learners and classrooms control nothing.
 */
class SafetyControlsTest {
    @RegisterExtension
    static final InProcessSanke.PerClass SANKE = new InProcessSanke.PerClass();
    /** Moderation takes effect at every receiver within this (S10). */
    private static final long EFFECTIVE_MS = 500;

    @Test
    void locksPauseAndCutOffHoldWhatIsSentWhateverTheSenderDoes() throws Exception {
        ServerHttp api = new ServerHttp(HttpClient.newHttpClient(), SANKE.uri(), InProcessSanke.credentials());
        ServerHttp.Lesson lesson = api.createLesson("Safety", "dedicated", 2);
        RunStats stats = new RunStats();
        DtlsCertificate certificate = DtlsCertificate.generate();
        String inspectorGrant = SANKE.server().domain().access().grants()
                .invitation(lesson.id(), Role.INSPECTOR, Duration.ofHours(1)).token();
        try (SimulatedClassroom teacher = new SimulatedClassroom("Teacher", "teacher", true, stats,
                FakeNetwork.PERFECT, certificate, false);
             SimulatedClassroom roomA = new SimulatedClassroom("Point A", "classroom", true, stats,
                     FakeNetwork.PERFECT, certificate, false);
             SimulatedClassroom roomB = new SimulatedClassroom("Point B", "classroom", true, stats,
                     FakeNetwork.PERFECT, certificate, false);
             SimulatedClassroom staff = new SimulatedClassroom("Staff", "inspector", false, stats,
                     FakeNetwork.PERFECT, certificate, false)) {
            teacher.join(api.client(), api.server(), lesson.id(), api.teacherGrant(lesson.id()), 40, 300);
            roomA.join(api.client(), api.server(), lesson.id(), lesson.classroomInvitation(), 40, 300);
            roomB.join(api.client(), api.server(), lesson.id(), lesson.classroomInvitation(), 40, 300);
            staff.join(api.client(), api.server(), lesson.id(), inspectorGrant, 40, 300);
            List<SimulatedClassroom> senders = List.of(teacher, roomA, roomB);
            Thread ticker = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    senders.forEach(s -> s.tick(System.nanoTime()));
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            try {
                awaitFlowing("the classrooms at the teacher", teacher::packetsReceived);
                awaitFlowing("the teacher at a classroom", roomA::packetsReceived);
                ok(roomA.request("chat", Map.of("text", "Good morning")));

                // S8: voice and video locked: nothing of the classrooms reaches the teacher, though they send on.
                ok(teacher.request("lock", Map.of("feature", "voice", "on", true)));
                ok(teacher.request("lock", Map.of("feature", "video", "on", true)));
                Thread.sleep(EFFECTIVE_MS);
                assertStopped("the locked classrooms at the teacher", teacher::packetsReceived);
                awaitFlowing("the teacher, never locked, at a classroom", roomA::packetsReceived);
                assertRefused(roomA.request("lock", Map.of("feature", "voice", "on", false)), "not_allowed");
                assertRefused(roomB.request("moderate", Map.of("participantId", "p0", "action", "mute")),
                        "not_allowed");
                ok(teacher.request("lock", Map.of("feature", "voice", "on", false)));
                ok(teacher.request("lock", Map.of("feature", "video", "on", false)));
                awaitFlowing("the classrooms again, unlocked", teacher::packetsReceived);

                // S31: pause holds everyone, the teacher too; only a moderator lets it go.
                ok(teacher.request("pause", Map.of("on", true)));
                Thread.sleep(EFFECTIVE_MS);
                assertStopped("the teacher at a paused classroom", roomA::packetsReceived);
                assertRefused(roomA.request("pause", Map.of("on", false)), "not_allowed");
                ok(staff.request("pause", Map.of("on", false)));
                awaitFlowing("the teacher after the pause", roomA::packetsReceived);

                // S11: only staff cut off; the hold is in force within 200 ms of the command, at every receiver.
                assertRefused(teacher.request("cutOff", Map.of("on", true)), "not_allowed");
                long sent = System.nanoTime();
                JsonNode applied = staff.request("cutOff", Map.of("on", true, "reason", "test"))
                        .get(10, TimeUnit.SECONDS);
                assertThat(applied.path("type").asText()).isEqualTo("cutOffApplied");
                assertThat(applied.path("streams").asInt()).as("every stream of the lesson held").isEqualTo(6);
                assertThat(applied.path("lastPacketAfterMs").asDouble()).as("command to last forwarded packet")
                        .isLessThanOrEqualTo(200);
                Thread.sleep(300);
                for (SimulatedClassroom receiver : List.of(roomA, roomB)) {
                    assertThat((receiver.lastPacketNanos() - sent) / 1e6).as("the last packet at a classroom, ms"
                            + " after the command").isLessThanOrEqualTo(200);
                }
                assertStopped("the teacher at a cut-off classroom", roomB::packetsReceived);
                assertThat(staff.request("cutOff", Map.of("on", false)).get(10, TimeUnit.SECONDS).path("streams")
                        .asInt()).as("every stream let go").isEqualTo(6);
                awaitFlowing("the teacher once the cut-off is lifted", roomB::packetsReceived);
            } finally {
                ticker.interrupt();
            }
        }
        assertThat(stats.clientsFailed.get()).isZero();
        // S22, S35: every control, refused attempt, join and stream is in the records, with who and from where.
        var audit = SANKE.server().domain().access().records().audit();
        audit.flush(Duration.ofSeconds(5));
        List<String> actions = audit.newestFirst(500, null).stream()
                .filter(e -> lesson.id().equals(e.subject()))
                .map(e -> e.action() + ":" + e.outcome().name().toLowerCase()).toList();
        assertThat(actions).contains("lock_voice:success", "lock_voice:failure", "moderation_mute:failure",
                "one_key_pause:success", "lesson_cut_off:success", "lesson_cut_off:failure",
                "lesson_cut_off_lifted:success", "lesson_joined:success", "track_published:success");
        assertThat(audit.newestFirst(500, null).stream().filter(e -> lesson.id().equals(e.subject()))
                .allMatch(e -> "127.0.0.1".equals(e.sourceAddress()))).as("each with its source address").isTrue();
        List<String> kinds = SANKE.server().domain().access().live().lesson(lesson.id()).stream()
                .map(r -> r.kind().name()).distinct().toList();
        assertThat(kinds).contains("JOIN", "MODERATION", "STREAM_START", "CHAT");
    }

    /** S6: with the waiting room on, a classroom that comes by the link waits, unseated, until admitted or denied. */
    @Test
    void aWaitingRoomLetsPeopleInOneByOne() throws Exception {
        ServerHttp api = new ServerHttp(HttpClient.newHttpClient(), SANKE.uri(), InProcessSanke.credentials());
        ServerHttp.Lesson lesson = api.createLesson("Waiting", "dedicated", 3);
        RunStats stats = new RunStats();
        DtlsCertificate certificate = DtlsCertificate.generate();
        try (SimulatedClassroom teacher = new SimulatedClassroom("Teacher", "teacher", false, stats,
                FakeNetwork.PERFECT, certificate, false);
             SimulatedClassroom early = new SimulatedClassroom("Early", "classroom", false, stats,
                     FakeNetwork.PERFECT, certificate, false);
             SimulatedClassroom welcome = new SimulatedClassroom("Welcome", "classroom", false, stats,
                     FakeNetwork.PERFECT, certificate, false);
             SimulatedClassroom stranger = new SimulatedClassroom("Stranger", "classroom", false, stats,
                     FakeNetwork.PERFECT, certificate, false)) {
            teacher.join(api.client(), api.server(), lesson.id(), api.teacherGrant(lesson.id()), 40, 300);
            early.join(api.client(), api.server(), lesson.id(), lesson.classroomInvitation(), 40, 300);
            assertRefused(early.request("waitingRoom", Map.of("on", true)), "not_allowed");
            ok(teacher.request("waitingRoom", Map.of("on", true)));
            var welcomed = java.util.concurrent.CompletableFuture.runAsync(() -> join(welcome, api, lesson));
            var refused = java.util.concurrent.CompletableFuture.runAsync(() -> join(stranger, api, lesson));
            java.util.List<JsonNode> waiting = awaitWaiting(teacher, 2);
            assertThat(welcomed).as("a waiting join is not seated").isNotDone();
            String welcomeId = waiting.stream().filter(w -> w.path("name").asText().equals("Welcome")).findFirst()
                    .orElseThrow().path("waitingId").asText();
            String strangerId = waiting.stream().filter(w -> w.path("name").asText().equals("Stranger"))
                    .findFirst().orElseThrow().path("waitingId").asText();
            assertRefused(early.request("admit", Map.of("waitingId", strangerId)), "not_allowed");
            ok(teacher.request("admit", Map.of("waitingId", welcomeId)));
            welcomed.get(10, TimeUnit.SECONDS);
            ok(teacher.request("deny", Map.of("waitingId", strangerId)));
            assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).hasMessageContaining("denied");
        }
    }

    private static void join(SimulatedClassroom room, ServerHttp api, ServerHttp.Lesson lesson) {
        try {
            room.join(api.client(), api.server(), lesson.id(), lesson.classroomInvitation(), 40, 300);
        } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    /** The teacher's latest waitingRoom event, once it lists {@code count} people. */
    private static java.util.List<JsonNode> awaitWaiting(SimulatedClassroom teacher, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            JsonNode last = teacher.lastEvent("waitingRoom");
            if (last != null && last.path("waiting").size() == count) {
                java.util.List<JsonNode> list = new java.util.ArrayList<>();
                last.path("waiting").forEach(list::add);
                return list;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nobody waits");
    }

    private static void ok(java.util.concurrent.CompletableFuture<JsonNode> reply) throws Exception {
        assertThat(reply.get(10, TimeUnit.SECONDS).path("type").asText()).isEqualTo("ok");
    }

    private static void assertRefused(java.util.concurrent.CompletableFuture<JsonNode> reply, String code) {
        assertThatThrownBy(() -> reply.get(10, TimeUnit.SECONDS)).hasMessageContaining(code);
    }

    /** Packets keep arriving: more within a second. */
    private static void awaitFlowing(String what, LongSupplier count) throws InterruptedException {
        long before = count.getAsLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (count.getAsLong() <= before + 10) {
            assertThat(System.nanoTime()).as(what + " flowing").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Nothing more arrives over a second. */
    private static void assertStopped(String what, LongSupplier count) throws InterruptedException {
        long before = count.getAsLong();
        Thread.sleep(1000);
        assertThat(count.getAsLong()).as(what + " stopped").isEqualTo(before);
    }
}
