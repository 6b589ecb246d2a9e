package org.sanke.classroom;

/** The one rule for names shown to people: visible text of bounded length. */
final class Names {
    private Names() {
    }

    static void check(String field, String value, int maxLength) {
        if (value == null || value.isBlank() || value.length() > maxLength
                || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(field + " must be 1 to " + maxLength + " visible characters");
        }
    }
}
