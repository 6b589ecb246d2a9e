package org.sanke.classroom.report;

import java.time.Instant;

/**
 * Someone in a lesson reports a stream, a message or a person: who, about whom, why, when, the message reported, and
 * a still frame of the stream as the reporter saw it at that moment (JPEG, may be absent).
 *
 * @param outcome null while open; {@code dismissed} or {@code acted} once staff decided
 */
public record Report(String id, String lessonId, String lessonTitle, Kind kind, String reporterName,
                     String reporterPersonId, String targetParticipantId, String targetName, String targetPersonId,
                     String targetClassroomId, String reason, String message, byte[] frameJpeg, Instant at,
                     String outcome, String decidedBy, String note) {
    /** What is reported. */
    public enum Kind {
        STREAM, MESSAGE, PERSON;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static java.util.Optional<Kind> fromWireName(String name) {
            for (Kind k : values()) {
                if (k.wireName().equals(name)) {
                    return java.util.Optional.of(k);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /** A still frame is kept only if small: the reporter's browser sends a reduced JPEG. */
    public static final int MAX_FRAME_BYTES = 48 * 1024;

    public boolean open() {
        return outcome == null;
    }

    public Report decided(String outcome, String by, String note) {
        return new Report(id, lessonId, lessonTitle, kind, reporterName, reporterPersonId, targetParticipantId,
                targetName, targetPersonId, targetClassroomId, reason, message, frameJpeg, at, outcome, by, note);
    }
}
