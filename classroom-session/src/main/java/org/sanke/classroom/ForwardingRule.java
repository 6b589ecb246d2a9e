package org.sanke.classroom;

/**
 * Who receives whose media in a lesson: every classroom sees and hears the teacher, the teacher sees and hears
 * every classroom; classrooms do not receive each other (bringing a room on stage for all comes with the
 * interaction features).
 */
public final class ForwardingRule {
    private ForwardingRule() {
    }

    public static boolean receives(Participant receiver, Participant sender) {
        if (receiver.id().equals(sender.id())) {
            return false;
        }
        return receiver.role() != sender.role();
    }
}
