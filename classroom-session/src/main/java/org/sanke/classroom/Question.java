package org.sanke.classroom;

/**
 * A question asked in a lesson (Q&amp;A): from a learner of an open lesson, an observer teacher, or a classroom;
 * the teacher marks it answered.
 *
 * @param id            "q1", "q2"… in the order asked, unique within the lesson
 * @param participantId who asked
 * @param name          their name, as others see it
 * @param text          the question
 * @param answered      whether the teacher has marked it answered
 */
public record Question(String id, String participantId, String name, String text, boolean answered) {
    Question answer() {
        return new Question(id, participantId, name, text, true);
    }
}
