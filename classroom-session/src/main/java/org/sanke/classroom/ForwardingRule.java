package org.sanke.classroom;

/**
 * Who receives whose media in a lesson: everyone sees and hears the teacher; the teacher sees and hears every
 * classroom; whoever the teacher brought on stage (a classroom, or an observer teacher in a master-teacher lesson) is
 * seen and heard by everyone; otherwise classrooms do not receive each other, and the audience publishes nothing.
 */
public final class ForwardingRule {
    private ForwardingRule() {
    }

    public static boolean receives(Participant receiver, Participant sender) {
        return receives(receiver, sender, false);
    }

    /** @param senderOnStage whether the teacher has brought the sender on stage */
    public static boolean receives(Participant receiver, Participant sender, boolean senderOnStage) {
        if (receiver.id().equals(sender.id())) {
            return false;
        }
        if (!sender.role().publishes() && !senderOnStage) {
            return false;
        }
        // Inspectors patrol: they see every room that sends.
        return sender.role() == Role.TEACHER || senderOnStage || receiver.role() == Role.TEACHER
                || receiver.role() == Role.INSPECTOR;
    }
}
