package org.sanke.classroom.replay;

/**
 * A composed replay's files, as paths relative to the replays' root (the server resolves them and signs their URLs,
 * S21). A path that climbs out of the root, or starts at the filesystem's, is refused here so none is ever stored.
 *
 * @param mp4         the whole lesson, for download by those allowed
 * @param hlsPlaylist the HLS playlist (.m3u8) the player streams
 * @param poster      a still image shown before playing
 */
public record ReplayFiles(String mp4, String hlsPlaylist, String poster) {
    public static final int MAX_PATH_LENGTH = 300;

    public ReplayFiles {
        checkRelative("mp4", mp4);
        checkRelative("hlsPlaylist", hlsPlaylist);
        checkRelative("poster", poster);
    }

    private static void checkRelative(String field, String path) {
        if (path == null || path.isBlank() || path.length() > MAX_PATH_LENGTH) {
            throw new IllegalArgumentException(field + " must be a path of 1 to " + MAX_PATH_LENGTH + " characters");
        }
        String slashed = path.replace('\\', '/');
        if (slashed.startsWith("/") || slashed.matches("^[A-Za-z]:.*") || ("/" + slashed + "/").contains("/../")
                || path.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(field + " must stay inside the replays' folder: " + path);
        }
    }
}
