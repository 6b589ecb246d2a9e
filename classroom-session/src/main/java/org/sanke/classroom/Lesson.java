package org.sanke.classroom;

/**
 * A lesson that can be joined.
 *
 * @param id             short, URL-safe
 * @param title          what participants see
 * @param maxClassrooms  how many receiving classrooms may join at once
 */
public record Lesson(String id, String title, int maxClassrooms) {
    public static final int MAX_TITLE_LENGTH = 100;
    /** Until the lesson modes set their own caps (dedicated 6, master-teacher 300, ...): what one lesson may hold. */
    public static final int MAX_CLASSROOMS_LIMIT = 1000;

    public Lesson {
        if (id == null || !id.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("id must be 1 to 64 letters, digits, '-' or '_'");
        }
        if (title == null || title.isBlank() || title.length() > MAX_TITLE_LENGTH) {
            throw new IllegalArgumentException("title must be 1 to " + MAX_TITLE_LENGTH + " characters");
        }
        if (maxClassrooms < 1 || maxClassrooms > MAX_CLASSROOMS_LIMIT) {
            throw new IllegalArgumentException("maxClassrooms must be between 1 and " + MAX_CLASSROOMS_LIMIT);
        }
    }
}
