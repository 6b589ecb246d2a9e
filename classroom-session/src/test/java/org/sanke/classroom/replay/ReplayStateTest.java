package org.sanke.classroom.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sanke.classroom.replay.ReplayState.APPROVED;
import static org.sanke.classroom.replay.ReplayState.DELETED;
import static org.sanke.classroom.replay.ReplayState.FAILED;
import static org.sanke.classroom.replay.ReplayState.PENDING;
import static org.sanke.classroom.replay.ReplayState.PROCESSING;
import static org.sanke.classroom.replay.ReplayState.REJECTED;
import static org.sanke.classroom.replay.ReplayState.REPORTED;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanke.classroom.Refused;
import org.sanke.classroom.replay.ReplayState.Move;

/** Every move from every state (S19, S20): where it leads, or the code it is refused with. */
class ReplayStateTest {
    private static final Instant T = Instant.parse("2026-12-02T08:00:00Z");

    /** The whole table: a state where allowed, a refusal's code where not. */
    private static final Map<ReplayState, Map<Move, Object>> TABLE = new EnumMap<>(ReplayState.class);

    static {
        row(PROCESSING, PENDING, FAILED, "replay_processing", "replay_not_pending", "replay_not_pending",
                "replay_not_processed", "replay_not_approved", "replay_processing", "replay_not_rejected");
        row(PENDING, "replay_not_processing", "replay_not_processing", PROCESSING, APPROVED, REJECTED, PENDING,
                "replay_not_approved", DELETED, "replay_not_rejected");
        row(FAILED, "replay_not_processing", "replay_not_processing", PROCESSING, "replay_not_pending",
                "replay_not_pending", "replay_not_processed", "replay_not_approved", DELETED, "replay_not_rejected");
        row(APPROVED, "replay_not_processing", "replay_not_processing", PROCESSING, "replay_not_pending",
                "replay_not_pending", PENDING, REPORTED, DELETED, "replay_not_rejected");
        row(REPORTED, "replay_not_processing", "replay_not_processing", PROCESSING, APPROVED, REJECTED, PENDING,
                REPORTED, DELETED, "replay_not_rejected");
        row(REJECTED, "replay_not_processing", "replay_not_processing", PROCESSING, "replay_not_pending",
                "replay_not_pending", PENDING, "replay_not_approved", DELETED, DELETED);
        row(DELETED, "replay_deleted", "replay_deleted", "replay_deleted", "replay_deleted", "replay_deleted",
                "replay_deleted", "replay_deleted", "replay_deleted", DELETED);
    }

    /** Outcomes in the order of {@link Move}'s constants. */
    private static void row(ReplayState from, Object... outcomes) {
        assertThat(outcomes).hasSize(Move.values().length);
        Map<Move, Object> row = new EnumMap<>(Move.class);
        for (Move move : Move.values()) {
            row.put(move, outcomes[move.ordinal()]);
        }
        TABLE.put(from, row);
    }

    @Test
    void theTableCoversEveryStateAndMove() {
        assertThat(TABLE).containsOnlyKeys(ReplayState.values());
        assertThat(List.of(Move.values())).containsExactly(Move.PROCESSED, Move.FAIL, Move.REPROCESS, Move.APPROVE,
                Move.REJECT, Move.TRIM, Move.REPORT, Move.REMOVE, Move.PURGE);
    }

    @Test
    void everyMoveLeadsWhereTheTableSaysOrIsRefusedWithItsCode() throws Refused {
        int allowed = 0;
        int refused = 0;
        for (ReplayState from : ReplayState.values()) {
            for (Move move : Move.values()) {
                Object expected = TABLE.get(from).get(move);
                if (expected instanceof ReplayState next) {
                    assertThat(from.after(move)).as(from + " " + move).isEqualTo(next);
                    allowed++;
                } else {
                    assertThatThrownBy(() -> from.after(move)).as(from + " " + move).isInstanceOf(Refused.class)
                            .satisfies(e -> {
                                assertThat(((Refused) e).code()).isEqualTo(expected);
                                assertThat(((Refused) e).field()).isEqualTo("state");
                            });
                    refused++;
                }
            }
        }
        assertThat(allowed).isEqualTo(24);
        assertThat(refused).isEqualTo(39);
    }

    @Test
    void onlyAnApprovedReplayIsPublishedAndOnlyPendingAndReportedOnesAwaitReview() {
        for (ReplayState state : ReplayState.values()) {
            assertThat(state.awaitsReview()).as(state.name()).isEqualTo(state == PENDING || state == REPORTED);
        }
        Replay approved = new Replay("p1", ReplayFixture.lesson(), ReplayFixture.audience(), APPROVED, 1,
                ReplayFixture.files(), Duration.ofMinutes(40), List.of(), "rev", T, null, null, T);
        assertThat(approved.published()).isTrue();
        assertThat(new Replay("p1", ReplayFixture.lesson(), ReplayFixture.audience(), REPORTED, 1,
                ReplayFixture.files(), Duration.ofMinutes(40), List.of(), "rev", T, null, null, T).published())
                .isFalse();
    }

    @Test
    void trimAndReprocessMakeANewVersionWhileDecisionsKeepIt() throws Refused {
        Replay processing = Replay.created("p1", ReplayFixture.lesson(), ReplayFixture.audience(), T);
        assertThat(processing.version()).isEqualTo(1);
        Replay pending = processing.processed(ReplayFixture.files(), Duration.ofMinutes(40), List.of(), T);
        assertThat(pending.version()).isEqualTo(1);
        Replay approved = pending.approved("rev", T.plusSeconds(60));
        assertThat(approved.version()).isEqualTo(1);
        assertThat(approved.decidedBy()).isEqualTo("rev");
        assertThat(approved.decidedAt()).isEqualTo(T.plusSeconds(60));
        Replay trimmed = approved.trimmed(ReplayFixture.files(), Duration.ofMinutes(30), List.of(), T.plusSeconds(120));
        assertThat(trimmed.state()).isEqualTo(PENDING);
        assertThat(trimmed.version()).isEqualTo(2);
        assertThat(trimmed.duration()).isEqualTo(Duration.ofMinutes(30));
        Replay reprocessing = trimmed.reprocessing(T.plusSeconds(180));
        assertThat(reprocessing.state()).isEqualTo(PROCESSING);
        assertThat(reprocessing.version()).isEqualTo(3);
    }

    @Test
    void aRejectionNeedsAReasonOfOneTo200Characters() throws Refused {
        Replay pending = Replay.created("p1", ReplayFixture.lesson(), ReplayFixture.audience(), T)
                .processed(ReplayFixture.files(), Duration.ofMinutes(40), List.of(), T);
        for (String blank : new String[] {null, "", "   "}) {
            assertThatThrownBy(() -> pending.rejected("rev", blank, T)).isInstanceOf(Refused.class)
                    .satisfies(e -> assertThat(((Refused) e).code()).isEqualTo("reason_required"))
                    .satisfies(e -> assertThat(((Refused) e).field()).isEqualTo("reason"));
        }
        assertThatThrownBy(() -> pending.rejected("rev", "x".repeat(201), T)).isInstanceOf(Refused.class)
                .satisfies(e -> assertThat(((Refused) e).code()).isEqualTo("reason_too_long"));
        assertThat(pending.rejected("rev", "x".repeat(200), T).reason()).hasSize(200);
        assertThat(pending.rejected("rev", "  a pupil's face in close-up ", T).reason())
                .isEqualTo("a pupil's face in close-up");
    }

    @Test
    void aFailureKeepsItsErrorCutToItsLimitAndAReprocessingClearsIt() throws Refused {
        Replay processing = Replay.created("p1", ReplayFixture.lesson(), ReplayFixture.audience(), T);
        Replay failed = processing.failed("e".repeat(900), T);
        assertThat(failed.state()).isEqualTo(FAILED);
        assertThat(failed.error()).hasSize(Replay.MAX_ERROR_LENGTH);
        assertThat(processing.failed(null, T).error()).isEqualTo("unknown error");
        assertThat(failed.reprocessing(T).error()).isNull();
    }

    @Test
    void aPurgeForgetsTheFilesAndASecondReportKeepsThePlaceInTheQueue() throws Refused {
        Replay approved = new Replay("p1", ReplayFixture.lesson(), ReplayFixture.audience(), APPROVED, 1,
                ReplayFixture.files(), Duration.ofMinutes(40), List.of(), "rev", T, null, null, T);
        Replay reported = approved.reported(T.plusSeconds(10));
        assertThat(reported.changedAt()).isEqualTo(T.plusSeconds(10));
        assertThat(reported.reported(T.plusSeconds(20))).isSameAs(reported);
        Replay rejected = reported.rejected("rev", "unsuitable", T.plusSeconds(30));
        Replay purged = rejected.purged(T.plusSeconds(40));
        assertThat(purged.state()).isEqualTo(DELETED);
        assertThat(purged.files()).isNull();
        assertThat(purged.reason()).isEqualTo("unsuitable");
    }

    @Test
    void filesMustStayInsideTheReplaysFolder() {
        for (String bad : new String[] {"/etc/passwd", "../x.mp4", "a/../../x.mp4", "a/..", "C:\\x.mp4",
                "a\\..\\..\\x", ""}) {
            assertThatThrownBy(() -> new ReplayFiles(bad, "a/index.m3u8", "a/poster.jpg")).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new ReplayFiles("2026/l1/v2/replay.mp4", "2026/l1/v2/index.m3u8", "2026/l1/v2/poster.jpg")
                .mp4()).isEqualTo("2026/l1/v2/replay.mp4");
    }
}
