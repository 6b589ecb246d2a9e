package org.sanke.classroom;

/**
 * Who receives whose media in a lesson: everyone sees and hears the teacher; the teacher sees and hears every
 * classroom; classrooms do not receive each other, and the audience (observers, learners, inspectors) publishes
 * nothing (bringing a room or an observer on stage for all comes with the interaction features).
 */
public final class ForwardingRule {
    private ForwardingRule() {
    }

    public static boolean receives(Participant receiver, Participant sender) {
        if (receiver.id().equals(sender.id())) {
            return false;
        }
        if (!sender.role().publishes()) {
            return false;
        }
        // Inspectors patrol: they see every room that sends.
        return sender.role() == Role.TEACHER || receiver.role() == Role.TEACHER || receiver.role() == Role.INSPECTOR;
    }
}
