package org.sanke.classroom.audit;

import java.time.Instant;
import java.util.Locale;

/**
 * One live-content record (S35): something said or done in a lesson, kept at least 60 days for the authorities.
 *
 * @param at            when
 * @param lessonId      the lesson
 * @param kind          what kind of record
 * @param participantId the participant it concerns (who spoke, joined, was muted…), or null
 * @param personId      that participant's person, when they came with a grant of their own, or null
 * @param sourceAddress the participant's address (joins), or null
 * @param detail        the chat text, the permission or moderation action and its target, the stream's kind; or null
 */
public record LiveRecord(Instant at, String lessonId, Kind kind, String participantId, String personId,
                         String sourceAddress, String detail) {
    /** The longest detail kept: a chat message and its context fit. */
    public static final int DETAIL_LENGTH = 2000;

    public enum Kind {
        CHAT, JOIN, LEAVE, PERMISSION_CHANGE, MODERATION, STREAM_START, STREAM_STOP;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public LiveRecord {
        if (detail != null && detail.length() > DETAIL_LENGTH) {
            detail = detail.substring(0, DETAIL_LENGTH);
        }
    }
}
