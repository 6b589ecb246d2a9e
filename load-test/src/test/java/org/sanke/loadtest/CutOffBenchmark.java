package org.sanke.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sanke.classroom.Role;
import org.sanke.loadtest.client.FakeNetwork;
import org.sanke.loadtest.client.SimulatedClassroom;
import org.sanke.loadtest.stats.RunStats;
import org.sanke.media.dtls.DtlsCertificate;

/**
 * How fast safety staff's cut-off takes hold under load (S11): a teacher publishes to {@code --receivers} learners
 * of an open lesson, and an inspector cuts the teacher off and lifts it {@code --cutoffs} times. For each cut-off it
 * records the server's own measure (from the command's arrival to the last packet forwarded before the hold) and the
 * receivers' (from the command's sending to the last packet any receiver got), and checks that nothing arrives
 * while the hold lasts. Server and simulated participants share this JVM (one media loop), as in the load tests.
 *
 * <p>Usage: {@code ./sanke bench-cutoff [--receivers 300] [--cutoffs 60]}.
 */
public final class CutOffBenchmark {
    private CutOffBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int receivers = 300;
        int cutoffs = 60;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--receivers" -> receivers = Integer.parseInt(args[++i]);
                case "--cutoffs" -> cutoffs = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: CutOffBenchmark [--receivers N] [--cutoffs N]");
                    System.exit(2);
                }
            }
        }
        try (InProcessSanke sanke = InProcessSanke.start()) {
            run(sanke, receivers, cutoffs);
        }
        System.exit(0);
    }

    private static void run(InProcessSanke sanke, int receiverCount, int cutoffs) throws Exception {
        ServerHttp api = new ServerHttp(HttpClient.newHttpClient(), sanke.uri(), InProcessSanke.credentials());
        ServerHttp.Lesson lesson = api.createLesson("Cut-off benchmark", "famous_school", 0);
        RunStats stats = new RunStats();
        DtlsCertificate certificate = DtlsCertificate.generate();
        List<SimulatedClassroom> all = new ArrayList<>();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            SimulatedClassroom teacher = new SimulatedClassroom("Teacher", "teacher", true, stats,
                    FakeNetwork.PERFECT, certificate, false);
            all.add(teacher);
            teacher.join(api.client(), api.server(), lesson.id(), api.teacherGrant(lesson.id()), 40, 300);
            timer.scheduleAtFixedRate(() -> teacher.tick(System.nanoTime()), 0, 5, TimeUnit.MILLISECONDS);
            timer.scheduleAtFixedRate(() -> List.copyOf(all).forEach(SimulatedClassroom::refreshConsent), 5, 5,
                    TimeUnit.SECONDS);
            String learnerLink = api.invitation(lesson.id(), "learner");
            List<SimulatedClassroom> receivers = new ArrayList<>();
            for (int i = 0; i < receiverCount; i++) {
                SimulatedClassroom learner = new SimulatedClassroom("Learner " + i, "learner", false, stats,
                        FakeNetwork.PERFECT, certificate, false);
                all.add(learner);
                learner.join(api.client(), api.server(), lesson.id(), learnerLink, 40, 300);
                receivers.add(learner);
            }
            SimulatedClassroom staff = new SimulatedClassroom("Staff", "inspector", false, stats,
                    FakeNetwork.PERFECT, certificate, false);
            all.add(staff);
            staff.join(api.client(), api.server(), lesson.id(), sanke.domain().access().grants()
                    .invitation(lesson.id(), Role.INSPECTOR, Duration.ofHours(1)).token(), 40, 300);
            awaitAllReceiving(receivers, Duration.ofSeconds(120));
            String teacherId = teacherId(staff);

            double[] server = new double[cutoffs];
            double[] atReceivers = new double[cutoffs];
            long leaks = 0;
            for (int i = 0; i < cutoffs; i++) {
                awaitAllReceiving(receivers, Duration.ofSeconds(10));
                long sent = System.nanoTime();
                JsonNode applied = staff.request("cutOff", Map.of("participantId", teacherId, "on", true,
                        "reason", "benchmark")).get(10, TimeUnit.SECONDS);
                server[i] = applied.path("lastPacketAfterMs").asDouble();
                Thread.sleep(400);
                long last = receivers.stream().mapToLong(SimulatedClassroom::lastPacketNanos).max().orElse(sent);
                atReceivers[i] = Math.max(0, last - sent) / 1e6;
                long held = receivers.stream().mapToLong(SimulatedClassroom::packetsReceived).sum();
                Thread.sleep(400);
                leaks += receivers.stream().mapToLong(SimulatedClassroom::packetsReceived).sum() - held;
                staff.request("cutOff", Map.of("participantId", teacherId, "on", false)).get(10, TimeUnit.SECONDS);
            }
            System.out.printf("cut-offs: %d, receivers: %d, packets received while held: %d%n", cutoffs,
                    receiverCount, leaks);
            print("server: command arrival to last forwarded packet (ms)", server);
            print("receivers: command sent to last packet at any receiver (ms)", atReceivers);
            System.out.printf("clients failed: %d%n", stats.clientsFailed.get());
        } finally {
            timer.shutdownNow();
            all.forEach(SimulatedClassroom::close);
        }
    }

    /** Every receiver got a packet in the last second. */
    private static void awaitAllReceiving(List<SimulatedClassroom> receivers, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            long now = System.nanoTime();
            long quiet = receivers.stream().filter(r -> now - r.lastPacketNanos() > 1_000_000_000L).count();
            if (quiet == 0) {
                return;
            }
            if (now > deadline) {
                throw new IllegalStateException(quiet + " receivers get nothing");
            }
            Thread.sleep(100);
        }
    }

    private static String teacherId(SimulatedClassroom staff) {
        // The inspector sees everyone: the join reply lists the teacher.
        return staff.joinedParticipants().stream().filter(p -> "teacher".equals(p.path("role").asText()))
                .map(p -> p.path("participantId").asText()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no teacher in the lesson"));
    }

    private static void print(String what, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f, min %.1f%n", what, percentile(sorted, 50),
                percentile(sorted, 90), percentile(sorted, 99), sorted[sorted.length - 1], sorted[0]);
    }

    private static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
