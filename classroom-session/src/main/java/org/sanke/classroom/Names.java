package org.sanke.classroom;

/** The one rule for names shown to people: visible text of bounded length. */
public final class Names {
    private Names() {
    }

    /** Names that people would take for the same: case and runs of spaces aside. */
    public static boolean same(String a, String b) {
        return a.strip().replaceAll("\\s+", " ").equalsIgnoreCase(b.strip().replaceAll("\\s+", " "));
    }

    static void check(String field, String value, int maxLength) {
        if (value == null || value.isBlank() || value.length() > maxLength
                || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(field + " must be 1 to " + maxLength + " visible characters");
        }
    }
}
