package org.sanke.classroom;

/**
 * A lesson that can be joined.
 *
 * @param id             short, URL-safe
 * @param title          what participants see
 * @param mode           dedicated, master teacher or famous school: sets who may join
 * @param maxClassrooms  how many receiving classrooms may join at once (at most the mode's cap)
 * @param ownerId        the person who made it through the API (its teacher), or null (timetabled, or the demo)
 */
public record Lesson(String id, String title, LessonMode mode, int maxClassrooms, String ownerId) {
    public static final int MAX_TITLE_LENGTH = 100;

    public Lesson {
        if (id == null || !id.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("id must be 1 to 64 letters, digits, '-' or '_'");
        }
        if (title == null || title.isBlank() || title.length() > MAX_TITLE_LENGTH) {
            throw new IllegalArgumentException("title must be 1 to " + MAX_TITLE_LENGTH + " characters");
        }
        if (mode == null) {
            throw new IllegalArgumentException("mode is required");
        }
        if (maxClassrooms < 0) {
            throw new IllegalArgumentException("maxClassrooms cannot be negative");
        }
    }

    /** A lesson that belongs to nobody: the demo, or a timetable's occurrence. */
    public Lesson(String id, String title, LessonMode mode, int maxClassrooms) {
        this(id, title, mode, maxClassrooms, null);
    }
}
