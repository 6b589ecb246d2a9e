package org.sanke.loadtest.impair;

/** The two ways through a relay: from the classroom to the server, and back. */
public enum Direction {
    TO_SERVER,
    TO_CLIENT
}
