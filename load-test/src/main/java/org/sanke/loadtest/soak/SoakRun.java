package org.sanke.loadtest.soak;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.sanke.loadtest.LoadTestOptions;
import org.sanke.loadtest.ServerHttp;
import org.sanke.loadtest.client.FakeNetwork;
import org.sanke.loadtest.client.SimulatedClassroom;
import org.sanke.loadtest.report.Report;
import org.sanke.loadtest.stats.RunStats;
import org.sanke.media.dtls.DtlsCertificate;

/**
 * A school day compressed: {@link SoakOptions#lessons()} lessons at once for the whole run, each with a publishing
 * teacher and two-way classrooms that come and go, lessons that end and start again; the server's resources read
 * every {@link SoakOptions#sampleEvery()}, and whether each stayed flat once warm is the report's verdict.
 */
public final class SoakRun {
    /** The server's cap on a dedicated lesson's classrooms. */
    static final int MAX_CLASSROOMS_PER_LESSON = 6;
    /** After the last classroom left: how long the server gets to let go of everything it held for them. */
    static final Duration DRAIN = Duration.ofSeconds(10);

    private final LoadTestOptions options;
    private final SoakOptions soak;
    private final PrintStream out;
    private final RunStats stats = new RunStats();
    private final ServerHttp api;
    private final ResourceProbe probe;
    private final ConnectedLoss<SimulatedClassroom> connectedLoss =
            new ConnectedLoss<>(SimulatedClassroom::receiveTotals);
    private final List<SoakSample> samples = new ArrayList<>();
    private Churn churn;
    private long started;
    private long lastPackets;

    public SoakRun(LoadTestOptions options, PrintStream out) {
        this.options = options;
        this.soak = options.soak();
        this.out = out;
        this.api = new ServerHttp(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                options.server(), options.credentials());
        this.probe = new ResourceProbe(api, options.serverPid());
    }

    /** Refuses what cannot work before anything starts; the message says why. */
    public static void check(LoadTestOptions options) {
        SoakOptions soak = options.soak();
        if (options.target() != LoadTestOptions.Target.SANKE) {
            throw new IllegalArgumentException("the soak plays Sanke's protocol and reads Sanke's /metrics; against"
                    + " Janus leave it out");
        }
        if (options.classrooms() < 1 || options.classrooms() > MAX_CLASSROOMS_PER_LESSON) {
            throw new IllegalArgumentException("--classrooms is per lesson in a soak: 1 to " + MAX_CLASSROOMS_PER_LESSON
                    + ", the server's cap for a dedicated lesson; add lessons (--lessons) for more");
        }
        if (soak.lessons() < 1) {
            throw new IllegalArgumentException("--lessons must be at least 1");
        }
        if (soak.meanStay().isNegative() || soak.meanStay().isZero() || soak.sampleEvery().toMillis() < 100
                || soak.rejoinGap().isNegative() || soak.lessonLength().isNegative()) {
            throw new IllegalArgumentException("--mean-stay must be above 0, --sample-every at least 0.1 s,"
                    + " --rejoin-gap and --lesson-minutes 0 or more");
        }
        if (options.realisticPeers() > 0) {
            throw new IllegalArgumentException("--realistic is not played in a soak");
        }
        options.requireCredentials();
    }

    public Report.Result run() throws Exception {
        check(options);
        FakeNetwork network = options.receiveLoss() > 0 ? new FakeNetwork(options.receiveLoss(), 7)
                : FakeNetwork.PERFECT;
        churn = new Churn(api, options, stats, network, DtlsCertificate.generate());
        api.requireReachable();
        api.logIn(); // a refused login ends the run before any lesson starts
        ScheduledExecutorService media = Executors.newSingleThreadScheduledExecutor();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        List<Thread> slots = new ArrayList<>();
        started = System.nanoTime();
        SoakReport.Drained drained;
        try {
            media.scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                churn.participants().forEach(p -> p.tick(now));
            }, 0, 5, TimeUnit.MILLISECONDS);
            media.scheduleAtFixedRate(() -> churn.participants().forEach(SimulatedClassroom::refreshConsent),
                    5, 5, TimeUnit.SECONDS);
            // Its own thread: a slow /metrics must not hold up the media the timer sends.
            long every = soak.sampleEvery().toMillis();
            sampler.scheduleAtFixedRate(this::sample, every, every, TimeUnit.MILLISECONDS);
            for (int i = 1; i <= soak.lessons(); i++) {
                slots.add(Thread.startVirtualThread(new LessonSlot(churn, i)));
            }
            Thread.sleep(options.duration().toMillis());
        } finally {
            churn.stop();
            for (Thread slot : slots) {
                slot.join(Duration.ofSeconds(90));
            }
            sampler.shutdown();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
            long leftAt = System.nanoTime();
            ResourceReading server = awaitDrained();
            drained = new SoakReport.Drained(server, (System.nanoTime() - leftAt) / 1e9, churn.participants().size(),
                    stats.liveStreams());
            media.shutdownNow();
            media.awaitTermination(5, TimeUnit.SECONDS);
            List.copyOf(churn.participants()).forEach(churn::drop); // none, unless a slot did not finish
            out.println();
        }
        stats.takeInterval();
        return SoakReport.write(options, stats, churn.counts, samples, (System.nanoTime() - started) / 1e9,
                drained);
    }

    /** The server's resources once everyone left: read until transports and consumers are gone, or for 10 s. */
    private ResourceReading awaitDrained() throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        ResourceReading reading = probe.read();
        while (System.nanoTime() < deadline && !(reading.get(Resource.TRANSPORTS) == 0
                && reading.get(Resource.CONSUMERS) == 0)) {
            Thread.sleep(250);
            reading = probe.read();
        }
        return reading;
    }

    private static double toolOpenFiles() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean
                unix ? unix.getOpenFileDescriptorCount() : Double.NaN;
    }

    /** Every sample period: the server's resources, the churn, the loss of connected receivers; a progress line. */
    private void sample() {
        try {
            ResourceReading server = probe.read();
            ConnectedLoss.Interval loss = connectedLoss.take(churn.participants());
            Histogram delay = stats.takeInterval();
            long packets = stats.packets();
            ChurnCounts counts = churn.counts;
            SoakSample sample = new SoakSample((System.nanoTime() - started) / 1e9, server,
                    counts.classroomsConnected.get(), counts.classroomJoins.get(), counts.classroomLeaves.get(),
                    counts.failedJoins.get(), loss.loss(), loss.receivers(), packets - lastPackets,
                    delay.getTotalCount() == 0 ? 0 : delay.getValueAtPercentile(50) / 1e6,
                    delay.getTotalCount() == 0 ? 0 : delay.getValueAtPercentile(99) / 1e6,
                    churn.participants().size(), stats.liveStreams(),
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024),
                    toolOpenFiles());
            lastPackets = packets;
            samples.add(sample);
            out.printf(Locale.ROOT, "\r%6.0f s  classrooms %d  joins %d  leaves %d  failed %d  loss %.3f%%"
                            + "  heap %.0f MiB  transports %.0f  consumers %.0f   ", sample.seconds(),
                    sample.classroomsConnected(), sample.joins(), sample.leaves(), sample.failedJoins(),
                    sample.lossPercent(), sample.resource(Resource.HEAP_USED), sample.resource(Resource.TRANSPORTS),
                    sample.resource(Resource.CONSUMERS));
            out.flush();
        } catch (RuntimeException e) {
            // a reading missed; the next one comes at its time (a scheduled task that throws would never run again)
        }
    }
}
