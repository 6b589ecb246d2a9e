package org.sanke.classroom.store;

/** The database failed; the operation changed nothing that the caller can rely on. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
