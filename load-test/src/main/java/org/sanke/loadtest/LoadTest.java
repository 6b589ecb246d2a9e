package org.sanke.loadtest;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.sanke.loadtest.client.Classroom;
import org.sanke.loadtest.client.FakeNetwork;
import org.sanke.loadtest.client.SimulatedClassroom;
import org.sanke.loadtest.libwebrtc.PeerOptions;
import org.sanke.loadtest.libwebrtc.PeerResult;
import org.sanke.loadtest.libwebrtc.RealisticPeers;
import org.sanke.loadtest.janus.JanusClassroom;
import org.sanke.loadtest.report.Report;
import org.sanke.loadtest.report.Sample;
import org.sanke.loadtest.stats.RunStats;
import org.sanke.media.dtls.DtlsCertificate;

/**
 * Plays one scenario against a running server: creates a lesson, joins the teacher, ramps the classrooms up,
 * measures for the duration with a live progress line, then writes the report.
 */
public final class LoadTest {
    /** File descriptors one simulated classroom holds: a WebSocket and two UDP sockets. */
    static final int FILES_PER_CLASSROOM = 3;
    /** After the last join: time for the last subscribe offers and handshakes before measuring. */
    static final long SETTLE_MILLIS = 2000;

    private final LoadTestOptions options;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ServerHttp api;
    private final RunStats stats = new RunStats();
    private final List<Sample> samples = new ArrayList<>();

    public LoadTest(LoadTestOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.api = new ServerHttp(http, options.server(), options.credentials());
    }

    /** Refuses what cannot work before anything starts; the message says why and what to do. */
    /** A handful: each libwebrtc peer encodes or decodes real video on the same cores as everything else. */
    static final int MAX_REALISTIC_PEERS = 8;

    public static void check(LoadTestOptions options) {
        if (options.scenario() == Scenario.SOAK) {
            throw new IllegalArgumentException("the soak is played by SoakRun, not LoadTest");
        }
        long maxFiles = maxOpenFiles();
        long needed = (long) (options.classrooms() + 1) * FILES_PER_CLASSROOM + 64;
        if (maxFiles > 0 && needed > maxFiles) {
            throw new IllegalArgumentException(options.classrooms() + " classrooms need about " + needed
                    + " open files, and this process may open " + maxFiles + "; raise the limit (ulimit -n) or"
                    + " play fewer classrooms");
        }
        if (options.target() == LoadTestOptions.Target.JANUS && options.scenario().classroomsPublish) {
            throw new IllegalArgumentException("against Janus the tool plays broadcast and master (one publisher);"
                    + " dedicated needs Sanke");
        }
        if (options.serverPid() != 0 && !new ServerProcess(options.serverPid()).exists()) {
            throw new IllegalArgumentException("--server-pid " + options.serverPid() + ": no such process");
        }
        if (options.classrooms() < 1) {
            throw new IllegalArgumentException("--classrooms must be at least 1");
        }
        if (options.realisticPeers() < 0 || options.realisticPeers() > MAX_REALISTIC_PEERS) {
            throw new IllegalArgumentException("--realistic must be 0 to " + MAX_REALISTIC_PEERS
                    + ": each libwebrtc peer is a JVM of its own");
        }
        if (options.simulcast() && options.target() == LoadTestOptions.Target.JANUS) {
            throw new IllegalArgumentException("--simulcast is played against Sanke only; the Janus adapter sends one"
                    + " layer");
        }
        if (options.realisticPeers() > 0 && options.target() == LoadTestOptions.Target.JANUS) {
            throw new IllegalArgumentException("--realistic plays Sanke's protocol; against Janus leave it out");
        }
        options.requireCredentials();
    }

    static long maxOpenFiles() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    public Report.Result run() throws Exception {
        check(options);
        boolean janus = options.target() == LoadTestOptions.Target.JANUS;
        // Janus's room is always there and open to anyone; a Sanke lesson is created, with its invitations.
        ServerHttp.Lesson lesson = janus ? new ServerHttp.Lesson(Integer.toString(JanusClassroom.ROOM), null, null,
                null) : createLesson();
        JanusClassroom.Room janusRoom = new JanusClassroom.Room();
        DtlsCertificate certificate = DtlsCertificate.generate();
        ServerProcess process = options.serverPid() == 0 ? null : new ServerProcess(options.serverPid());
        ServerProcess tool = new ServerProcess(ProcessHandle.current().pid());
        // Sanke's live heap before anyone joins (a full GC first): the baseline of the heap per subscriber.
        long heapBefore = process != null && !janus && options.measureHeap() ? JvmHeap.liveBytes(options.serverPid())
                : -1;
        Report.ServerUse serverUse = null;
        RealisticPeers realistic = null;
        List<PeerResult> realisticResults = List.of();
        FakeNetwork network = options.receiveLoss() > 0 ? new FakeNetwork(options.receiveLoss(), 7) : FakeNetwork.PERFECT;
        List<Classroom> clients = new ArrayList<>();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        long started = System.nanoTime();
        try {
            Classroom teacher = janus ? new JanusClassroom("Teacher", true, janusRoom, stats, network, certificate)
                    : new SimulatedClassroom("Teacher", "teacher", true, stats, network, certificate,
                    options.simulcast());
            clients.add(teacher);
            try {
                teacher.join(http, options.server(), lesson.id(), janus ? null : api.teacherGrant(lesson.id()),
                        options.audioKbps(), options.videoKbps());
            } catch (Exception e) {
                throw new IllegalStateException("the teacher could not join: " + e.getMessage(), e);
            }
            stats.clientsJoined.incrementAndGet();
            timer.scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                for (Classroom c : List.copyOf(clients)) {
                    c.tick(now);
                }
            }, 0, 5, TimeUnit.MILLISECONDS);
            timer.scheduleAtFixedRate(() -> List.copyOf(clients).forEach(Classroom::refreshConsent),
                    5, 5, TimeUnit.SECONDS);
            timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
            if (options.scenario() == Scenario.MASTER) {
                // Observer teachers discuss: one message a second from one of them, in turn.
                int[] turn = {0};
                timer.scheduleAtFixedRate(() -> {
                    List<Classroom> now = List.copyOf(clients);
                    if (now.size() > 1 && now.get(1 + turn[0]++ % (now.size() - 1)) instanceof SimulatedClassroom c) {
                        c.chat("讨论 " + turn[0]);
                    }
                }, 2, 1, TimeUnit.SECONDS);
            }
            if (options.realisticPeers() > 0) {
                realistic = startRealistic();
            }
            rampUp(clients, lesson, certificate, network, janusRoom);
            Thread.sleep(SETTLE_MILLIS);
            stats.startMeasuring();
            double cpuBefore = process == null ? 0 : process.cpuSeconds();
            double toolBefore = tool.cpuSeconds();
            String metricsBefore = metricsText();
            PrometheusHistogram delayBefore = PrometheusHistogram.parse(metricsBefore, FORWARDING_DELAY);
            double kernelDropsBefore = counter(metricsBefore, KERNEL_DROPS);
            long windowStart = System.nanoTime();
            Thread.sleep(options.duration().toMillis());
            if (process != null) {
                double window = (System.nanoTime() - windowStart) / 1e9;
                double cpu = process.cpuSeconds() - cpuBefore;
                double toolCpu = tool.cpuSeconds() - toolBefore;
                String metricsAfter = metricsText();
                PrometheusHistogram delay = PrometheusHistogram.parse(metricsAfter, FORWARDING_DELAY)
                        .since(delayBefore);
                double kernelDrops = counter(metricsAfter, KERNEL_DROPS) - kernelDropsBefore;
                long heapAfter = heapBefore < 0 ? -1 : JvmHeap.liveBytes(options.serverPid());
                double heapPerSubscriber = heapAfter < 0 ? Double.NaN
                        : (heapAfter - heapBefore) / 1024.0 / options.classrooms();
                serverUse = new Report.ServerUse(cpu, window, process.peakMemoryMiB(), options.classrooms() * 2,
                        toolCpu, delay.quantileUpperBound(0.5) * 1000, delay.quantileUpperBound(0.99) * 1000,
                        delay.count(), heapPerSubscriber, kernelDrops);
            }
            if (realistic != null) {
                realisticResults = realistic.results(); // the latest second of each, while still live
            }
        } finally {
            if (realistic != null) {
                realisticResults = withFirstFrames(realisticResults, realistic.stop(Duration.ofSeconds(10)));
            }
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
            clients.forEach(Classroom::close);
            out.println();
        }
        stats.takeInterval();
        return Report.write(options, stats, samples, (System.nanoTime() - started) / 1e9, serverUse,
                realisticResults);
    }

    private void rampUp(List<Classroom> clients, ServerHttp.Lesson lesson, DtlsCertificate certificate,
                        FakeNetwork network, JanusClassroom.Room janusRoom) throws InterruptedException {
        long gapNanos = options.rampUp().toNanos() / Math.max(1, options.classrooms());
        boolean janus = options.target() == LoadTestOptions.Target.JANUS;
        // Every receiver joins with the invitation the lesson's link carries, as classrooms sent that link do.
        String grant = janus ? null : lesson.invitation(options.scenario().receiverRole);
        List<Thread> joining = new ArrayList<>();
        for (int i = 1; i <= options.classrooms(); i++) {
            Classroom classroom = janus
                    ? new JanusClassroom("Classroom " + i, false, janusRoom, stats, network, certificate)
                    : new SimulatedClassroom("Classroom " + i, options.scenario().receiverRole,
                    options.scenario().classroomsPublish,
                    stats, network, certificate, options.simulcast());
            synchronized (clients) {
                clients.add(classroom);
            }
            joining.add(Thread.startVirtualThread(() -> {
                try {
                    classroom.join(http, options.server(), lesson.id(), grant, options.audioKbps(),
                            options.videoKbps());
                    stats.clientsJoined.incrementAndGet();
                } catch (Exception e) {
                    stats.fail(e);
                }
            }));
            TimeUnit.NANOSECONDS.sleep(gapNanos);
        }
        for (Thread t : joining) {
            t.join(60_000);
        }
    }

    /**
     * A master-teacher lesson beside the scenario: a libwebrtc teacher (VP8 camera, Opus) and the realistic receivers
     * as observers, each in its own JVM; the run goes on once they have joined.
     */
    private RealisticPeers startRealistic() throws IOException, InterruptedException {
        ServerHttp.Lesson lesson = api.createLesson("Load test: libwebrtc peers", "master_teacher", 0);
        List<PeerOptions> peers = new ArrayList<>();
        peers.add(PeerOptions.of(options.server(), lesson.id(), "teacher", "libwebrtc teacher")
                .withGrant(api.teacherGrant(lesson.id())));
        for (int i = 1; i <= options.realisticPeers(); i++) {
            peers.add(PeerOptions.of(options.server(), lesson.id(), "observer", "libwebrtc " + i).receivingOnly()
                    .withGrant(lesson.invitation("observer")));
        }
        RealisticPeers started = RealisticPeers.start(peers);
        if (!started.awaitJoined(Duration.ofSeconds(60))) {
            String why = started.results().stream().filter(r -> r.error() != null).map(PeerResult::error)
                    .findFirst().orElse("they did not join within 60 s");
            started.close();
            throw new IllegalStateException("the libwebrtc peers could not join: " + why);
        }
        return started;
    }

    /** The window's figures, with the time to first frame that only a peer's final summary carries. */
    private static List<PeerResult> withFirstFrames(List<PeerResult> live, List<PeerResult> summaries) {
        return live.stream().map(p -> summaries.stream().filter(s -> s.name().equals(p.name())).findFirst()
                .map(s -> p.withFirstFrameMillis(s.firstFrameMillis())).orElse(p)).toList();
    }

    private ServerHttp.Lesson createLesson() throws IOException, InterruptedException {
        return api.createLesson("Load test: " + options.scenario().name().toLowerCase(Locale.ROOT),
                options.scenario().lessonMode, options.scenario().classroomsPublish ? options.classrooms() : 0);
    }

    private long lastPackets;
    private long lastBytes;
    private long lastLost;
    private long lastExpected;

    /** Every second: one line of progress, one sample for the report. */
    private void sample() {
        Histogram interval = stats.takeInterval();
        long packets = stats.packets();
        long bytes = stats.bytes();
        long lost = stats.lost();
        long expected = stats.expected();
        double loss = expected - lastExpected <= 0 ? 0 : 100.0 * (lost - lastLost) / (expected - lastExpected);
        double[] server = serverCpuAndMemory();
        Sample sample = new Sample(samples.size() + 1, stats.clientsJoined.get(), packets - lastPackets,
                (bytes - lastBytes) * 8 / 1000.0, Math.max(0, loss),
                interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(50) / 1e6,
                interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(99) / 1e6, server[0], server[1]);
        samples.add(sample);
        lastPackets = packets;
        lastBytes = bytes;
        lastLost = lost;
        lastExpected = expected;
        out.printf(Locale.ROOT, "\r%3d s  joined %d/%d  failed %d  rx %,d pkt/s  %.1f Mbit/s  loss %.2f%%  delay p50 %.2f"
                        + " ms p99 %.2f ms  server cpu %.0f%%   ", sample.second(), sample.joined(),
                options.classrooms() + 1, stats.clientsFailed.get(), sample.packetsPerSecond(),
                sample.kbps() / 1000, sample.lossPercent(), sample.delayP50Millis(), sample.delayP99Millis(),
                sample.serverCpuPercent());
        out.flush();
    }

    private static final Pattern CPU = Pattern.compile("(?m)^process_cpu_usage\\s+([0-9.eE+-]+)");
    private static final Pattern MEMORY = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*}\\s+([0-9.eE+-]+)");

    /** Sanke's histogram of the time from a packet's arrival to each forwarded copy's send: the SFU-added delay. */
    private static final String FORWARDING_DELAY = "sanke_media_forwarding_delay_seconds";

    /** Datagrams the kernel dropped at Sanke's media port because a socket's receive buffer was full. */
    private static final String KERNEL_DROPS = "sanke_media_socket_drops_total";

    /** A counter's value in a /metrics text; NaN when it is not there. */
    static double counter(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*})?\\s+([0-9.eE+-]+)")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private String metricsText() {
        return api.metricsText();
    }

    /** The server's process CPU (percent of one core's worth times cores) and JVM memory in MiB, from /metrics. */
    private double[] serverCpuAndMemory() {
        try {
            String metrics = metricsText();
            Matcher cpu = CPU.matcher(metrics);
            double cpuPercent = cpu.find() ? Double.parseDouble(cpu.group(1)) * 100 : 0;
            Matcher memory = MEMORY.matcher(metrics);
            double bytes = 0;
            while (memory.find()) {
                bytes += Double.parseDouble(memory.group(1));
            }
            return new double[] {cpuPercent, bytes / (1024 * 1024)};
        } catch (RuntimeException e) {
            return new double[] {0, 0};
        }
    }

    static URI normalize(String server) {
        URI uri;
        try {
            uri = URI.create(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
        } catch (IllegalArgumentException e) {
            uri = URI.create("none");
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("--server must be a URL like http://127.0.0.1:8080, not '" + server
                    + "'");
        }
        return uri;
    }
}
