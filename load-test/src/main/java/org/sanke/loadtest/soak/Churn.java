package org.sanke.loadtest.soak;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.sanke.loadtest.LoadTestOptions;
import org.sanke.loadtest.ServerHttp;
import org.sanke.loadtest.client.FakeNetwork;
import org.sanke.loadtest.client.SimulatedClassroom;
import org.sanke.loadtest.stats.RunStats;
import org.sanke.media.dtls.DtlsCertificate;

/**
 * What the lessons of a soak share: the server, the run's options and statistics, the participants the tool holds
 * now (a participant is held from just before its join until it is closed, never longer), and the signal to stop.
 */
final class Churn {
    final ServerHttp api;
    final LoadTestOptions options;
    final SoakOptions soak;
    final RunStats stats;
    final ChurnCounts counts = new ChurnCounts();
    private final FakeNetwork network;
    private final DtlsCertificate certificate;
    private final Set<SimulatedClassroom> participants = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stop = new CountDownLatch(1);

    Churn(ServerHttp api, LoadTestOptions options, RunStats stats, FakeNetwork network,
          DtlsCertificate certificate) {
        this.api = api;
        this.options = options;
        this.soak = options.soak();
        this.stats = stats;
        this.network = network;
        this.certificate = certificate;
    }

    /** A new participant, held (ticked, refreshed, sampled) until {@link #drop}. */
    SimulatedClassroom participant(String name, String role) {
        SimulatedClassroom participant = new SimulatedClassroom(name, role, true, stats, network, certificate,
                options.simulcast());
        participants.add(participant);
        return participant;
    }

    /** Closes a participant and lets go of it. */
    void drop(SimulatedClassroom participant) {
        participant.close();
        participants.remove(participant);
    }

    /** The participants held now; a live view. */
    Set<SimulatedClassroom> participants() {
        return participants;
    }

    /** Where a join's grant comes from, asked just before the join: it may ask the server. */
    interface GrantSource {
        String grant() throws Exception;
    }

    /**
     * Joins {@code participant} to a lesson with the grant {@code source} gives; false (counted, with the reason)
     * when either fails.
     */
    boolean join(SimulatedClassroom participant, String lessonId, GrantSource source) {
        try {
            participant.join(api.client(), api.server(), lessonId, source.grant(), options.audioKbps(),
                    options.videoKbps());
            return true;
        } catch (Exception e) {
            counts.failedJoins.incrementAndGet();
            stats.fail(e);
            return false;
        }
    }

    /** How long the next classroom stays: exponential around the mean, as arrivals and departures at random. */
    Duration nextStay() {
        double mean = soak.meanStay().toNanos();
        return Duration.ofNanos((long) (-mean * Math.log(1 - ThreadLocalRandom.current().nextDouble())));
    }

    /** Waits {@code time}; true as soon as the run stops. */
    boolean awaitStop(Duration time) throws InterruptedException {
        return stop.await(time.toNanos(), TimeUnit.NANOSECONDS);
    }

    boolean stopping() {
        return stop.getCount() == 0;
    }

    void stop() {
        stop.countDown();
    }
}
