package org.sanke.classroom.privacy;

import java.util.Optional;

/** The recorded real-name state of people (S4). */
public interface RealNameStore {
    Optional<RealNameVerification> find(String personId);

    /** Records (or replaces) the verification of its person. */
    void record(RealNameVerification verification);

    /** Which of these people have a verified real name. */
    java.util.Set<String> verifiedAmong(java.util.Collection<String> personIds);

    /** Withdraws a person's verification; false when there was none. */
    boolean withdraw(String personId);
}
