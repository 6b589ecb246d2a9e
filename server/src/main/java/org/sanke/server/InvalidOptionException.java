package org.sanke.server;

/** An option that parsed but turned out unusable at start (e.g. an unreadable certificate); its message names it. */
public final class InvalidOptionException extends Exception {
    InvalidOptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
