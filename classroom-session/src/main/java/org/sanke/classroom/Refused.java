package org.sanke.classroom;

/**
 * Something the domain will not do with this data: a wire code (snake case, stable: pages translate it), the field it
 * concerns (or null) and why, in English for logs. Checked, so that every caller answers it.
 */
public final class Refused extends Exception {
    private final String code;
    private final String field;

    public Refused(String code, String field, String message) {
        // No stack trace: a refusal is an answer, not a fault.
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    public Refused(String code, String message) {
        this(code, null, message);
    }

    public String code() {
        return code;
    }

    /** The field of the request it concerns, or null. */
    public String field() {
        return field;
    }
}
