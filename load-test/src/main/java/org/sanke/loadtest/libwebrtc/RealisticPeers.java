package org.sanke.loadtest.libwebrtc;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts realistic peers ({@link RealisticPeerMain}), each in its own JVM with Google's libwebrtc, reads what they
 * report, and stops them. This is how the load tool adds real browsers' media stacks to a run:
 *
 * <pre>{@code
 * try (RealisticPeers peers = RealisticPeers.start(List.of(
 *         PeerOptions.of(server, lessonId, "classroom", "Classroom 1").receivingOnly(), ...))) {
 *     peers.awaitJoined(Duration.ofSeconds(30));
 *     ... while the run lasts: peers.aggregate() ...
 *     List<PeerResult> results = peers.stop(Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * A peer whose launcher dies stops too (its stdin ends), so no peer outlives the run.
 */
public final class RealisticPeers implements AutoCloseable {
    /**
     * Options of each peer's JVM: little Java heap (libwebrtc's memory is native), a collector and compiler that
     * take little CPU from the media threads, and native access for libwebrtc without a warning.
     */
    public static final List<String> PEER_JVM_OPTIONS = List.of("-Xmx128m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED");

    private final List<PeerProcess> peers;

    private RealisticPeers(List<PeerProcess> peers) {
        this.peers = peers;
    }

    /** Starts one child JVM per peer, with this JVM's java and class path. */
    public static RealisticPeers start(List<PeerOptions> peers) throws IOException {
        return start(peers, PEER_JVM_OPTIONS);
    }

    /** Starts one child JVM per peer with the given JVM options. */
    public static RealisticPeers start(List<PeerOptions> peers, List<String> jvmOptions) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = System.getProperty("java.class.path");
        List<PeerProcess> started = new ArrayList<>();
        try {
            for (PeerOptions options : peers) {
                started.add(PeerProcess.start(options, java, classPath, jvmOptions));
            }
        } catch (IOException e) {
            new RealisticPeers(started).stop(Duration.ZERO);
            throw e;
        }
        return new RealisticPeers(List.copyOf(started));
    }

    public List<PeerProcess> peers() {
        return peers;
    }

    /** Waits until every peer has joined or failed; true if all joined within the timeout. */
    public boolean awaitJoined(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean all = true;
        for (PeerProcess peer : peers) {
            all &= peer.awaitJoined(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        return all;
    }

    /** Each peer's latest report (its summary once it stopped). */
    public List<PeerResult> results() {
        return peers.stream().map(PeerProcess::result).toList();
    }

    /** All peers at once, as of now. */
    public Aggregate aggregate() {
        return Aggregate.of(results());
    }

    /** Asks every peer to leave, waits up to {@code grace} for each, and returns their final reports. */
    public List<PeerResult> stop(Duration grace) {
        peers.forEach(PeerProcess::requestStop);
        long deadline = System.nanoTime() + grace.toNanos();
        for (PeerProcess peer : peers) {
            peer.awaitExit(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        return results();
    }

    @Override
    public void close() {
        if (peers.stream().anyMatch(PeerProcess::running)) {
            stop(Duration.ofSeconds(10));
        }
    }

    /**
     * The peers together.
     *
     * @param peers                    how many were started
     * @param failed                   how many failed (see each {@link PeerResult#error()})
     * @param framesDecoded            video frames decoded by all of them
     * @param packetsReceived          RTP packets received by all of them
     * @param packetsLost              RTP packets they count as lost
     * @param videoJitterBufferDelayMs the mean of the peers' mean video jitter-buffer delays (peers receiving video)
     */
    public record Aggregate(int peers, int failed, long framesDecoded, long packetsReceived, long packetsLost,
                            double videoJitterBufferDelayMs) {
        static Aggregate of(List<PeerResult> results) {
            List<PeerResult> receiving = results.stream().filter(r -> r.framesDecoded() > 0).toList();
            return new Aggregate(results.size(),
                    (int) results.stream().filter(r -> r.error() != null).count(),
                    results.stream().mapToLong(PeerResult::framesDecoded).sum(),
                    results.stream().mapToLong(PeerResult::packetsReceived).sum(),
                    results.stream().mapToLong(PeerResult::packetsLost).sum(),
                    receiving.stream().mapToDouble(PeerResult::videoJitterBufferDelayMs).average().orElse(0));
        }

        public double lossPercent() {
            long expected = packetsReceived + packetsLost;
            return expected == 0 ? 0 : 100.0 * packetsLost / expected;
        }
    }
}
