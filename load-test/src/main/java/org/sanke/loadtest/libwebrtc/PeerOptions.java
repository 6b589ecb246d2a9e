package org.sanke.loadtest.libwebrtc;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one realistic peer does: where it joins, as whom, and what it sends. The launcher turns it into the peer's
 * command line ({@link #arguments()}); {@link RealisticPeerMain} reads the same options back.
 *
 * @param server      the server's HTTP base, e.g. http://127.0.0.1:8080 (the WebSocket is its /ws)
 * @param lessonId    the lesson to join
 * @param role        teacher, classroom, observer, learner or inspector (docs/protocol.md)
 * @param name        the name others see
 * @param receiveOnly a teacher or classroom that publishes nothing (observers and learners never publish)
 * @param videoCodec  VP8 or H264, the codec libwebrtc encodes with
 * @param width       the synthetic camera's frame width
 * @param height      its frame height
 * @param fps         its frame rate
 * @param audio       whether a publisher sends a synthetic microphone too
 * @param seconds     how long the peer stays before it leaves by itself; 0 = until stopped
 * @param classroomId the classroom a terminal joins as (timetabled lessons), or null
 * @param deviceToken that classroom's device token, or null
 * @param grant       the join grant (a teacher's own, fetched just before, or the lesson's invitation); null for a
 *                    terminal, which shows its device token instead
 */
public record PeerOptions(URI server, String lessonId, String role, String name, boolean receiveOnly,
                          String videoCodec, int width, int height, int fps, boolean audio, int seconds,
                          String classroomId, String deviceToken, String grant) {
    public PeerOptions {
        role = role.toLowerCase(Locale.ROOT);
        videoCodec = videoCodec.toUpperCase(Locale.ROOT);
        if (!videoCodec.equals("VP8") && !videoCodec.equals("H264")) {
            throw new IllegalArgumentException("--video-codec must be VP8 or H264, not " + videoCodec);
        }
        if (width < 16 || height < 16 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("the camera needs an even width and height of at least 16, not "
                    + width + "x" + height);
        }
        if (fps < 1 || fps > 60) {
            throw new IllegalArgumentException("--fps must be 1 to 60, not " + fps);
        }
    }

    /** A peer that sends a 640x360, 30 fps VP8 camera and a microphone (if its role publishes) and receives. */
    public static PeerOptions of(URI server, String lessonId, String role, String name) {
        return new PeerOptions(server, lessonId, role, name, false, "VP8", 640, 360, 30, true, 0, null, null, null);
    }

    /** The same peer publishing nothing. */
    public PeerOptions receivingOnly() {
        return new PeerOptions(server, lessonId, role, name, true, videoCodec, width, height, fps, audio, seconds,
                classroomId, deviceToken, grant);
    }

    /** The same peer with another camera. */
    public PeerOptions withVideo(String codec, int frameWidth, int frameHeight, int frameRate) {
        return new PeerOptions(server, lessonId, role, name, receiveOnly, codec, frameWidth, frameHeight, frameRate,
                audio, seconds, classroomId, deviceToken, grant);
    }

    /** The same peer with or without a microphone. */
    public PeerOptions withAudio(boolean sendAudio) {
        return new PeerOptions(server, lessonId, role, name, receiveOnly, videoCodec, width, height, fps, sendAudio,
                seconds, classroomId, deviceToken, grant);
    }

    /** The same peer joining with {@code joinGrant}. */
    public PeerOptions withGrant(String joinGrant) {
        return new PeerOptions(server, lessonId, role, name, receiveOnly, videoCodec, width, height, fps, audio,
                seconds, classroomId, deviceToken, joinGrant);
    }

    /** Whether this peer publishes: the roles that may, unless told to only receive. */
    public boolean publishes() {
        return !receiveOnly && (role.equals("teacher") || role.equals("classroom"));
    }

    /** The WebSocket address of the signaling protocol. */
    public URI webSocket() {
        String base = server.toString().replaceFirst("/+$", "");
        return URI.create(base.replaceFirst("^http", "ws") + "/ws");
    }

    /** The command line of {@link RealisticPeerMain} for these options. */
    public List<String> arguments() {
        List<String> args = new ArrayList<>(List.of("--server", server.toString(), "--lesson", lessonId,
                "--role", role, "--name", name, "--video-codec", videoCodec, "--width", Integer.toString(width),
                "--height", Integer.toString(height), "--fps", Integer.toString(fps),
                "--seconds", Integer.toString(seconds)));
        if (receiveOnly) {
            args.add("--receive-only");
        }
        if (!audio) {
            args.add("--no-audio");
        }
        if (classroomId != null) {
            args.addAll(List.of("--classroom-id", classroomId));
        }
        if (deviceToken != null) {
            args.addAll(List.of("--device-token", deviceToken));
        }
        if (grant != null) {
            args.addAll(List.of("--grant", grant));
        }
        return args;
    }
}
