package org.sanke.signaling.pictures;

import java.time.Instant;

/**
 * What a checker is told with a picture: the lesson and the stream, never a person's account id.
 *
 * @param lessonId      the lesson
 * @param lessonTitle   its title
 * @param mode          its mode's wire name (dedicated, master_teacher, famous_school)
 * @param participantId the publisher's opaque id in the lesson
 * @param displayName   the name the lesson shows for it
 * @param role          its role's wire name (teacher, classroom, observer, learner)
 * @param source        camera or screen
 * @param takenAt       when the pictured frame arrived
 */
public record PictureContext(String lessonId, String lessonTitle, String mode, String participantId,
                             String displayName, String role, String source, Instant takenAt) {
}
