package org.sanke.loadtest.libwebrtc;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One realistic peer in its own JVM, so that its libwebrtc threads, memory and CPU are its own, as a browser tab's
 * are. Writes JSON lines on stdout: {@code joined}, {@code stats} every second, {@code summary} at the end, and
 * {@code error} (with a sentence on stderr) when it cannot go on. Exit status 0 when it stopped as asked, 2 when the
 * server refused or could not be reached, 3 when libwebrtc cannot load here, 1 otherwise.
 */
@Command(name = "realistic-peer", mixinStandardHelpOptions = true,
        description = "Joins a Sanke lesson with Google's libwebrtc (webrtc-java): publishes a synthetic camera and"
                + " microphone if the role does, receives everything the server offers, and prints libwebrtc's"
                + " stats as one JSON line a second.")
public final class RealisticPeerMain implements Callable<Integer> {
    @Option(names = "--server", defaultValue = "http://127.0.0.1:8080", description = "server URL (${DEFAULT-VALUE})")
    String server;

    @Option(names = "--lesson", required = true, description = "the lesson's id")
    String lesson;

    @Option(names = "--role", defaultValue = "classroom",
            description = "teacher, classroom, observer, learner or inspector (${DEFAULT-VALUE})")
    String role;

    @Option(names = "--name", defaultValue = "libwebrtc peer", description = "the name others see")
    String name;

    @Option(names = "--receive-only", description = "a teacher or classroom that publishes nothing")
    boolean receiveOnly;

    @Option(names = "--video-codec", defaultValue = "VP8", description = "VP8 or H264 (${DEFAULT-VALUE})")
    String videoCodec;

    @Option(names = "--width", defaultValue = "640", description = "camera width (${DEFAULT-VALUE})")
    int width;

    @Option(names = "--height", defaultValue = "360", description = "camera height (${DEFAULT-VALUE})")
    int height;

    @Option(names = "--fps", defaultValue = "30", description = "camera frame rate (${DEFAULT-VALUE})")
    int fps;

    @Option(names = "--no-audio", description = "publish video only")
    boolean noAudio;

    @Option(names = "--seconds", defaultValue = "0", description = "leave after this many seconds; 0 = when stopped")
    int seconds;

    @Option(names = "--classroom-id", description = "the classroom a terminal joins as (timetabled lessons)")
    String classroomId;

    @Option(names = "--device-token", description = "that classroom's device token")
    String deviceToken;

    @Option(names = "--grant", description = "the join grant: the teacher's own, or the lesson's invitation for"
            + " classrooms, observers or learners (a terminal shows its device token instead)")
    String grant;

    @Option(names = "--stdin-control", hidden = true,
            description = "stop on a 'stop' line or the end of stdin (how RealisticPeers stops its children)")
    boolean stdinControl;

    @Override
    public Integer call() {
        PeerOutput output = new PeerOutput(System.out, System.err, name);
        PeerOptions options;
        try {
            options = new PeerOptions(serverUri(), lesson, role, name, receiveOnly, videoCodec, width, height, fps,
                    !noAudio, seconds, classroomId, deviceToken, grant);
        } catch (IllegalArgumentException e) {
            output.error("invalid_option", e.getMessage());
            return PeerFailure.REFUSED;
        }
        RealisticPeer peer = new RealisticPeer(options, output);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> peer.close(new RealisticPeer.Ending("terminated",
                null)), "realistic-peer-shutdown"));
        try {
            peer.start();
        } catch (PeerFailure e) {
            output.error(e.code, e.getMessage());
            peer.close(new RealisticPeer.Ending("failed", e));
            return e.exitStatus;
        }
        if (stdinControl) {
            watchStdin(peer);
        }
        RealisticPeer.Ending ending;
        try {
            ending = seconds > 0 ? peer.ending.completeOnTimeout(
                    new RealisticPeer.Ending("ran " + seconds + " s", null), seconds, TimeUnit.SECONDS).get()
                    : peer.ending.get();
        } catch (Exception e) {
            ending = new RealisticPeer.Ending("interrupted", null);
        }
        ending = peer.close(ending);
        if (ending.failure() != null) {
            output.error(ending.failure().code, ending.failure().getMessage());
            return ending.failure().exitStatus;
        }
        return 0;
    }

    private URI serverUri() {
        URI uri;
        try {
            uri = URI.create(server.replaceFirst("/+$", ""));
        } catch (IllegalArgumentException e) {
            uri = URI.create("none");
        }
        if (uri.getScheme() == null || uri.getHost() == null || !uri.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("--server must be a URL like http://127.0.0.1:8080, not '" + server
                    + "'");
        }
        return uri;
    }

    /** The launcher stops its peers with a line on stdin, and a launcher that died leaves no peer behind. */
    private static void watchStdin(RealisticPeer peer) {
        Thread watcher = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null && !line.strip().equals("stop")) {
                    // only "stop" means anything
                }
            } catch (Exception e) {
                // a broken stdin stops the peer as its end does
            }
            peer.ending.complete(new RealisticPeer.Ending("stopped", null));
        }, "stdin-control");
        watcher.setDaemon(true);
        watcher.start();
    }

    public static void main(String[] args) {
        int status = PeerFailure.FAILED;
        try {
            CommandLine line = new CommandLine(new RealisticPeerMain());
            line.setExecutionExceptionHandler((e, cmd, parsed) -> {
                new PeerOutput(System.out, System.err, ((RealisticPeerMain) cmd.getCommand()).name)
                        .error("failed", "unexpected failure: " + PeerFailure.causes(e));
                return PeerFailure.FAILED;
            });
            status = line.execute(args);
        } catch (Error e) {
            System.err.println("realistic-peer: unexpected failure: " + PeerFailure.causes(e));
        } finally {
            System.out.flush();
            // Always: libwebrtc's own threads are not daemons, and a peer that failed must not linger.
            System.exit(status);
        }
    }
}
