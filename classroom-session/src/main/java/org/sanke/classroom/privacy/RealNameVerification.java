package org.sanke.classroom.privacy;

import java.time.Instant;

/** A person's real name was verified: how, by whom (an opaque id), when. */
public record RealNameVerification(String personId, RealNameMethod method, String verifiedBy, Instant verifiedAt) {
}
