package org.sanke.loadtest.impair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.sanke.loadtest.impair.UdpTestEndpoint.LOOPBACK_ANY_PORT;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sanke.loadtest.impair.UdpTestEndpoint.Arrival;

/**
 * The UDP relay with real sockets on the loopback. Timing bounds allow for a loaded two-core machine: a delay is
 * never shorter than configured (the relay cannot send early), and at most 15 ms longer in the median.
 */
class ImpairmentRelayTest {
    private static final long SEED = 20_260_101;
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(3);
    private static final double TIMING_TOLERANCE_MS = 15;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    @Test
    void lossShareIsWithinBinomialToleranceOfTheSetting() throws Exception {
        UdpTestEndpoint server = keep(UdpTestEndpoint.sink());
        UdpImpairmentRelay relay = relay(server, Link.of(LinkProfile.clean().withLoss(0.05), LinkProfile.clean()));
        UdpTestEndpoint client = keep(UdpTestEndpoint.sink());

        int sent = 20_000;
        sendPaced(client, relay.localAddress(), sent, 50, Duration.ofMillis(5));
        awaitQuiet(relay, Direction.TO_SERVER, Duration.ofSeconds(10));
        Thread.sleep(100); // the last datagrams may still be in the server's socket

        // measured against what reached the relay: a datagram the kernel dropped on a starved machine is not its loss
        DatagramCounts counts = relay.counts(Direction.TO_SERVER);
        long in = counts.packetsIn();
        int received = distinctSequences(server.take());
        double measuredLoss = 1 - (double) received / in;
        System.out.printf("loss: set 5%%, measured %.3f%% over %d datagrams%n", measuredLoss * 100, in);
        assertThat(in).isGreaterThan(sent * 9L / 10);
        assertThat(received).as("the server got all the relay forwarded").isEqualTo(counts.forwarded());
        assertThat(measuredLoss).isCloseTo(0.05, offset(ImpairmentShaperTest.binomialTolerance((int) in, 0.05)));
        assertThat(counts.droppedByLoss()).isEqualTo(in - received);
        assertThat(relay.counts(Direction.TO_CLIENT).packetsIn()).isZero();
    }

    @Test
    void delayAddsTheOneWayTimeInEachDirection() throws Exception {
        UdpTestEndpoint server = keep(UdpTestEndpoint.echo());
        UdpImpairmentRelay relay = relay(server, Link.symmetric(LinkProfile.clean().withDelay(Duration.ofMillis(50))));
        UdpTestEndpoint client = keep(UdpTestEndpoint.sink());

        assertRoundTrip(client, relay, 15, 100);
    }

    @Test
    void satelliteRoundTripIsSixHundredMilliseconds() throws Exception {
        UdpTestEndpoint server = keep(UdpTestEndpoint.echo());
        // without its 1% loss, so that no ping is lost: the delay is what is measured here
        UdpImpairmentRelay relay = relay(server, Link.symmetric(LinkProfile.satellite().withLoss(0)));
        UdpTestEndpoint client = keep(UdpTestEndpoint.sink());

        assertRoundTrip(client, relay, 5, 600);
    }

    @Test
    void capacityHoldsThroughputNearTheCap() throws Exception {
        UdpTestEndpoint server = keep(UdpTestEndpoint.sink());
        // a queue of 500 ms, so that the sender's stalls on a loaded machine do not leave the link idle
        LinkProfile capped = LinkProfile.clean().withRate(800_000, Duration.ofMillis(500));
        UdpImpairmentRelay relay = relay(server, Link.of(capped, LinkProfile.clean()));
        UdpTestEndpoint client = keep(UdpTestEndpoint.sink());

        // twice the cap for 2 s: 1000-byte datagrams, 20 every 100 ms
        int sent = 400;
        sendPaced(client, relay.localAddress(), sent, 20, Duration.ofMillis(100), 1000);
        awaitSettled(relay, Direction.TO_SERVER, sent);

        List<Arrival> arrivals = server.take();
        long first = arrivals.getFirst().atNanos();
        long last = arrivals.getLast().atNanos();
        long bytesAfterFirst = (long) (arrivals.size() - 1) * 1000;
        double bitsPerSecond = bytesAfterFirst * 8 / ((last - first) / 1e9);
        System.out.printf("capacity: cap 800 kbit/s, measured %.0f kbit/s over %d datagrams%n", bitsPerSecond / 1000,
                arrivals.size());
        assertThat(bitsPerSecond).isBetween(720_000.0, 880_000.0);
        assertThat(relay.counts(Direction.TO_SERVER).droppedByQueue()).as("the excess is tail-dropped").isPositive();
    }

    @Test
    void aFloodIsTailDroppedNotBuffered() throws Exception {
        UdpTestEndpoint server = keep(UdpTestEndpoint.sink());
        // 800 kbit/s with 100 ms of queue: 10 datagrams of 1000 bytes
        UdpImpairmentRelay relay = relay(server, Link.of(LinkProfile.capped(800_000), LinkProfile.clean()));
        UdpTestEndpoint client = keep(UdpTestEndpoint.sink());

        long start = System.nanoTime();
        for (int i = 0; i < 3000; i++) {
            client.send(i, 1000, relay.localAddress());
        }
        double sendingSeconds = (System.nanoTime() - start) / 1e9;
        // whatever got in leaves within about the queue's 100 ms; buffered, 3000 datagrams would take 30 s
        awaitQuiet(relay, Direction.TO_SERVER, Duration.ofSeconds(1));
        double busySeconds = (System.nanoTime() - start) / 1e9;

        DatagramCounts counts = relay.counts(Direction.TO_SERVER);
        // at most what the queue held plus what the link sent while the relay was busy (100 datagrams a second)
        double mostForwarded = 10 + busySeconds * 100 + 1;
        System.out.printf("flood: %d in, %d forwarded, %d tail-dropped; sent in %.0f ms, relay quiet after %.0f ms%n",
                counts.packetsIn(), counts.forwarded(), counts.droppedByQueue(), sendingSeconds * 1000,
                busySeconds * 1000);
        assertThat(counts.packetsIn()).as("a real flood reached the relay").isGreaterThan(100);
        assertThat((double) counts.forwarded()).isBetween(10.0, mostForwarded);
        assertThat(counts.droppedByQueue()).isEqualTo(counts.packetsIn() - counts.forwarded());
    }

    @Test
    void jitterKeepsOrderUnlessReorderIsAllowed() throws Exception {
        LinkProfile jittery = LinkProfile.clean().withDelay(Duration.ofMillis(30))
                .withJitter(Duration.ofMillis(20), JitterShape.UNIFORM);

        assertThat(inversionsThrough(jittery)).isZero();
        assertThat(inversionsThrough(jittery.withReorderAllowed(true))).as("the same jitter reorders when allowed")
                .isPositive();
    }

    @Test
    void aChangedProfileTakesEffectWhileRunning() throws Exception {
        UdpTestEndpoint server = keep(UdpTestEndpoint.echo());
        UdpImpairmentRelay relay = relay(server, Link.clean());
        UdpTestEndpoint client = keep(UdpTestEndpoint.sink());

        assertThat(medianRoundTrip(client, relay, 5)).isLessThan(TIMING_TOLERANCE_MS);

        relay.link().setToServer(LinkProfile.clean().withDelay(Duration.ofMillis(80)));
        assertRoundTrip(client, relay, 5, 80);

        relay.link().setToClient(LinkProfile.clean().withLoss(1));
        client.send(99, 100, relay.localAddress());
        assertThat(client.next(Duration.ofMillis(300))).as("replies are all lost now").isNull();
        assertThat(relay.counts(Direction.TO_CLIENT).droppedByLoss()).isEqualTo(1);
    }

    @Test
    void eachClientAddressHasItsOwnMappingAndGetsOnlyItsReplies() throws Exception {
        UdpTestEndpoint server = keep(UdpTestEndpoint.echo());
        UdpImpairmentRelay relay = relay(server, Link.clean());
        UdpTestEndpoint alice = keep(UdpTestEndpoint.sink());
        UdpTestEndpoint bob = keep(UdpTestEndpoint.sink());

        for (int i = 0; i < 10; i++) {
            alice.send("alice".getBytes(StandardCharsets.UTF_8), relay.localAddress());
            bob.send("bob".getBytes(StandardCharsets.UTF_8), relay.localAddress());
        }
        List<Arrival> aliceReplies = receive(alice, 10);
        List<Arrival> bobReplies = receive(bob, 10);

        assertThat(aliceReplies).extracting(UdpTestEndpoint.Arrival::payload)
                .allMatch(p -> Arrays.equals(p, "alice".getBytes(StandardCharsets.UTF_8)));
        assertThat(bobReplies).extracting(UdpTestEndpoint.Arrival::payload)
                .allMatch(p -> Arrays.equals(p, "bob".getBytes(StandardCharsets.UTF_8)));
        assertThat(aliceReplies).extracting(Arrival::source).containsOnly(relay.localAddress());
        assertThat(relay.mappingCount()).isEqualTo(2);

        List<Arrival> seenByServer = server.take();
        InetSocketAddress aliceUpstream = relay.upstreamAddressOf(alice.address()).orElseThrow();
        InetSocketAddress bobUpstream = relay.upstreamAddressOf(bob.address()).orElseThrow();
        assertThat(aliceUpstream).isNotEqualTo(bobUpstream);
        assertThat(seenByServer).filteredOn(a -> a.source().equals(aliceUpstream)).hasSize(10)
                .allMatch(a -> new String(a.payload(), StandardCharsets.UTF_8).equals("alice"));
        assertThat(seenByServer).filteredOn(a -> a.source().equals(bobUpstream)).hasSize(10);
    }

    @Test
    void blockedDropsEverythingBothWaysAndCountsIt() throws Exception {
        UdpTestEndpoint server = keep(UdpTestEndpoint.echo());
        UdpImpairmentRelay relay = keep(UdpImpairmentRelay.blocked(LOOPBACK_ANY_PORT, server.address()));
        UdpTestEndpoint client = keep(UdpTestEndpoint.sink());

        for (int i = 0; i < 100; i++) {
            client.send(i, 100, relay.localAddress());
        }
        await(() -> relay.counts(Direction.TO_SERVER).packetsIn() == 100);
        assertThat(server.next(Duration.ofMillis(300))).isNull();
        assertThat(relay.counts(Direction.TO_SERVER).droppedBlocked()).isEqualTo(100);
        assertThat(relay.mappingCount()).as("a blocked relay makes no mapping").isZero();

        relay.setBlocked(false);
        assertThat(client.roundTripMillis(1, relay.localAddress(), REPLY_TIMEOUT)).isPositive();

        // the server's side is blocked too: what it sends to the mapping never reaches the client
        relay.setBlocked(true);
        InetSocketAddress upstream = relay.upstreamAddressOf(client.address()).orElseThrow();
        server.send(7, 100, upstream);
        await(() -> relay.counts(Direction.TO_CLIENT).droppedBlocked() == 1);
        assertThat(client.next(Duration.ofMillis(300))).isNull();
    }

    @Test
    void closeReleasesThePort() throws Exception {
        UdpTestEndpoint server = keep(UdpTestEndpoint.sink());
        UdpImpairmentRelay relay = UdpImpairmentRelay.open(LOOPBACK_ANY_PORT, server.address(), Link.clean());
        InetSocketAddress address = relay.localAddress();
        relay.close();
        try (java.net.DatagramSocket again = new java.net.DatagramSocket(address)) {
            assertThat(again.getLocalPort()).isEqualTo(address.getPort());
        }
    }

    private int inversionsThrough(LinkProfile profile) throws Exception {
        UdpTestEndpoint server = keep(UdpTestEndpoint.sink());
        UdpImpairmentRelay relay = relay(server, Link.of(profile, LinkProfile.clean()));
        UdpTestEndpoint client = keep(UdpTestEndpoint.sink());
        int sent = 1000;
        sendPaced(client, relay.localAddress(), sent, 1, Duration.ofNanos(500_000));
        awaitSettled(relay, Direction.TO_SERVER, sent);
        List<Arrival> arrivals = server.take();
        assertThat(arrivals).hasSize(sent);
        int inversions = 0;
        for (int i = 1; i < arrivals.size(); i++) {
            if (arrivals.get(i).sequence() < arrivals.get(i - 1).sequence()) {
                inversions++;
            }
        }
        return inversions;
    }

    /** The median round trip is at least the expected (the relay never sends early) and at most 15 ms above. */
    private static void assertRoundTrip(UdpTestEndpoint client, UdpImpairmentRelay relay, int pings,
                                        double expectedMs) throws InterruptedException {
        List<Double> trips = roundTrips(client, relay, pings);
        double median = median(trips);
        System.out.printf("round trip: expected %.0f ms, median %.1f ms, all %s%n", expectedMs, median, trips);
        assertThat(trips).allMatch(ms -> ms >= expectedMs - 1, "no round trip shorter than " + expectedMs + " ms");
        assertThat(median).isBetween(expectedMs, expectedMs + TIMING_TOLERANCE_MS);
    }

    private static double medianRoundTrip(UdpTestEndpoint client, UdpImpairmentRelay relay, int pings)
            throws InterruptedException {
        return median(roundTrips(client, relay, pings));
    }

    private static List<Double> roundTrips(UdpTestEndpoint client, UdpImpairmentRelay relay, int pings)
            throws InterruptedException {
        List<Double> trips = new ArrayList<>();
        for (int i = 0; i < pings; i++) {
            trips.add(client.roundTripMillis(i, relay.localAddress(), REPLY_TIMEOUT));
        }
        return trips;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private UdpImpairmentRelay relay(UdpTestEndpoint server, Link link) throws IOException {
        return keep(UdpImpairmentRelay.open(LOOPBACK_ANY_PORT, server.address(), link, SEED));
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    private static void sendPaced(UdpTestEndpoint client, InetSocketAddress to, int count, int perBurst,
                                  Duration gap) {
        sendPaced(client, to, count, perBurst, gap, 100);
    }

    /** Bursts on a fixed schedule (not gap after each burst), so that a late wake-up does not lower the rate. */
    private static void sendPaced(UdpTestEndpoint client, InetSocketAddress to, int count, int perBurst,
                                  Duration gap, int size) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (i > 0 && i % perBurst == 0) {
                long due = start + (i / perBurst) * gap.toNanos();
                LockSupport.parkNanos(due - System.nanoTime());
            }
            client.send(i, size, to);
        }
    }

    private static List<Arrival> receive(UdpTestEndpoint endpoint, int count) throws InterruptedException {
        List<Arrival> arrivals = new ArrayList<>();
        while (arrivals.size() < count) {
            Arrival arrival = endpoint.next(REPLY_TIMEOUT);
            assertThat(arrival).as("datagram %d of %d", arrivals.size() + 1, count).isNotNull();
            arrivals.add(arrival);
        }
        return arrivals;
    }

    /** Waits until the relay has taken all it was sent, holds nothing, and the receiver has what it forwarded. */
    private static void awaitSettled(UdpImpairmentRelay relay, Direction direction, int sent)
            throws InterruptedException {
        await(() -> relay.counts(direction).packetsIn() >= sent, () -> relay.counts(direction).toString());
        awaitQuiet(relay, direction, Duration.ofSeconds(10));
        Thread.sleep(100); // the last datagrams may still be in the receiver's socket
    }

    /** Waits until the relay holds nothing and has received nothing new for a moment; fails after {@code within}. */
    private static void awaitQuiet(UdpImpairmentRelay relay, Direction direction, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        long previousIn = -1;
        while (true) {
            DatagramCounts counts = relay.counts(direction);
            if (counts.held() == 0 && counts.packetsIn() == previousIn) {
                return;
            }
            assertThat(System.nanoTime() - deadline).as("relay quiet within %s: %s", within, counts).isNegative();
            previousIn = counts.packetsIn();
            Thread.sleep(20);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        await(condition, () -> "");
    }

    private static void await(BooleanSupplier condition, Supplier<String> state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition met within 10 s %s", state.get()).isNegative();
            Thread.sleep(10);
        }
    }

    private static int distinctSequences(List<Arrival> arrivals) {
        return (int) arrivals.stream().mapToInt(Arrival::sequence).distinct().count();
    }
}
