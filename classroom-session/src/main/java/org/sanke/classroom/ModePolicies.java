package org.sanke.classroom;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** The policy of each lesson mode, in one place; a deployment may replace any of them. Immutable. */
public final class ModePolicies {
    private final Map<LessonMode, ModePolicy> policies;

    private ModePolicies(Map<LessonMode, ModePolicy> policies) {
        this.policies = new EnumMap<>(policies);
    }

    /**
     * Dedicated: 6 classrooms, no audience. Master teacher: 300 observer teachers (and the few classrooms of a
     * teaching-research session, 6), any of whom the teacher may bring on stage for discussion. Famous school: 20
     * interactive classrooms and an audience of 5,000 that receives and asks in text.
     */
    public static ModePolicies defaults() {
        Map<LessonMode, ModePolicy> map = new EnumMap<>(LessonMode.class);
        map.put(LessonMode.DEDICATED, new ModePolicy(6, 0, Set.of()));
        map.put(LessonMode.MASTER_TEACHER, new ModePolicy(6, 300, Set.of(Role.OBSERVER), Set.of(Role.OBSERVER)));
        map.put(LessonMode.FAMOUS_SCHOOL, new ModePolicy(20, 5000, Set.of(Role.LEARNER, Role.OBSERVER)));
        return new ModePolicies(map);
    }

    public ModePolicy of(LessonMode mode) {
        return policies.get(mode);
    }

    /** A copy with one mode's policy replaced. */
    public ModePolicies with(LessonMode mode, ModePolicy policy) {
        Map<LessonMode, ModePolicy> map = new EnumMap<>(policies);
        map.put(mode, policy);
        return new ModePolicies(map);
    }
}
