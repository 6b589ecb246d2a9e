package org.sanke.classroom;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The participants of one running lesson. Joins go through the {@link JoinPolicy}. Synchronized: joins and leaves
 * of one lesson may come from different connections' threads.
 */
public final class LiveLesson {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Lesson lesson;
    private final JoinPolicy policy;
    private final Map<String, Participant> participants = new LinkedHashMap<>();

    public LiveLesson(Lesson lesson, JoinPolicy policy) {
        this.lesson = lesson;
        this.policy = policy;
    }

    public Lesson lesson() {
        return lesson;
    }

    public synchronized JoinResult join(Role role, String displayName) {
        JoinResult.Refusal refusal = policy.check(lesson, participants.values(), role);
        if (refusal != null) {
            return refusal;
        }
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        Participant participant = new Participant("p" + HexFormat.of().formatHex(id), role, displayName);
        participants.put(participant.id(), participant);
        return new JoinResult.Admitted(participant);
    }

    /** Removes a participant; empty when it was not here. */
    public synchronized Optional<Participant> leave(String participantId) {
        return Optional.ofNullable(participants.remove(participantId));
    }

    public synchronized List<Participant> participants() {
        return new ArrayList<>(participants.values());
    }

    public synchronized boolean isEmpty() {
        return participants.isEmpty();
    }
}
