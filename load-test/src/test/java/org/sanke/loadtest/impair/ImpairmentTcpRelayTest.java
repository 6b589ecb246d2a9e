package org.sanke.loadtest.impair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sanke.loadtest.impair.UdpTestEndpoint.LOOPBACK_ANY_PORT;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ImpairmentTcpRelayTest {
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
    }

    @Test
    void pipesBytesBothWaysAndPassesTheEndOfStream() throws Exception {
        TcpTestServer server = keep(TcpTestServer.echo());
        TcpImpairmentRelay relay = keep(TcpImpairmentRelay.open(LOOPBACK_ANY_PORT, server.address(), Link.clean()));
        byte[] sent = new byte[1024 * 1024];
        new Random(1).nextBytes(sent);

        try (Socket socket = new Socket()) {
            socket.connect(relay.localAddress());
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> writeAndHalfClose(socket, sent));
            byte[] echoed = socket.getInputStream().readAllBytes(); // ends when the server's end of stream comes back
            writing.get(10, TimeUnit.SECONDS);

            assertThat(echoed).isEqualTo(sent);
        }
        assertThat(relay.bytesForwarded(Direction.TO_SERVER)).isEqualTo(sent.length);
        assertThat(relay.bytesForwarded(Direction.TO_CLIENT)).isEqualTo(sent.length);
        assertThat(relay.connectionsAccepted()).isEqualTo(1);
        awaitNoConnections(relay);
    }

    @Test
    void delayAddsTheOneWayTimeInEachDirection() throws Exception {
        TcpTestServer server = keep(TcpTestServer.echo());
        Link link = Link.symmetric(LinkProfile.clean().withDelay(Duration.ofMillis(50)));
        TcpImpairmentRelay relay = keep(TcpImpairmentRelay.open(LOOPBACK_ANY_PORT, server.address(), link));

        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(relay.localAddress());
            List<Double> trips = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long start = System.nanoTime();
                socket.getOutputStream().write(new byte[] {(byte) i});
                assertThat(socket.getInputStream().read()).isEqualTo(i);
                trips.add((System.nanoTime() - start) / 1e6);
            }
            double median = trips.stream().sorted().toList().get(trips.size() / 2);
            System.out.printf("tcp round trip: expected 100 ms, median %.1f ms, all %s%n", median, trips);
            assertThat(trips).allMatch(ms -> ms >= 99, "never shorter than the delay");
            assertThat(median).isBetween(100.0, 115.0);
        }
    }

    @Test
    void capacityHoldsThroughputNearTheCap() throws Exception {
        TcpTestServer server = keep(TcpTestServer.sink());
        Link link = Link.of(LinkProfile.capped(2_000_000), LinkProfile.clean());
        TcpImpairmentRelay relay = keep(TcpImpairmentRelay.open(LOOPBACK_ANY_PORT, server.address(), link));
        int bytes = 500_000; // 2 s at 2 Mbit/s

        try (Socket socket = new Socket()) {
            socket.connect(relay.localAddress());
            socket.getOutputStream().write(new byte[bytes]);
            socket.shutdownOutput();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.bytesRead() < bytes && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertThat(server.bytesRead()).isEqualTo(bytes);
        double bitsPerSecond = (bytes - TcpPipe.CHUNK_BYTES) * 8 / server.readingSeconds();
        System.out.printf("tcp capacity: cap 2000 kbit/s, measured %.0f kbit/s%n", bitsPerSecond / 1000);
        assertThat(bitsPerSecond).isBetween(1_800_000.0, 2_200_000.0);
    }

    @Test
    void liftingTheCapSpeedsUpAConnectionAlreadyOpen() throws Exception {
        TcpTestServer server = keep(TcpTestServer.echo());
        Link link = Link.symmetric(LinkProfile.capped(80_000)); // 10 kB/s: 100 kB would take 10 s
        TcpImpairmentRelay relay = keep(TcpImpairmentRelay.open(LOOPBACK_ANY_PORT, server.address(), link));

        try (Socket socket = new Socket()) {
            socket.connect(relay.localAddress());
            socket.getOutputStream().write(new byte[2000]);
            link.setBoth(LinkProfile.clean());
            long start = System.nanoTime();
            socket.getOutputStream().write(new byte[100_000]);
            socket.getInputStream().readNBytes(102_000);
            // what was queued under the cap (at most 10 kB of queue and 2 kB in hand) still drains at it
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(3);
        }
    }

    @Test
    void blockedResetsNewConnections() throws Exception {
        TcpTestServer server = keep(TcpTestServer.echo());
        TcpImpairmentRelay relay = keep(TcpImpairmentRelay.open(LOOPBACK_ANY_PORT, server.address(), Link.clean()));
        relay.setBlocked(true);

        try (Socket socket = new Socket()) {
            socket.setSoTimeout(5000);
            socket.connect(relay.localAddress());
            InputStream in = socket.getInputStream();
            assertThatThrownBy(in::read).isInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
        assertThat(relay.connectionsRefused()).isEqualTo(1);
        assertThat(server.connections()).as("the target never saw it").isZero();

        relay.setBlocked(false);
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(5000);
            socket.connect(relay.localAddress());
            socket.getOutputStream().write(42);
            assertThat(socket.getInputStream().read()).isEqualTo(42);
        }
    }

    @Test
    void closeEndsOpenConnections() throws Exception {
        TcpTestServer server = keep(TcpTestServer.echo());
        TcpImpairmentRelay relay = TcpImpairmentRelay.open(LOOPBACK_ANY_PORT, server.address(), Link.clean());
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(5000);
            socket.connect(relay.localAddress());
            socket.getOutputStream().write(1);
            assertThat(socket.getInputStream().read()).isEqualTo(1);

            relay.close();

            assertThat(relay.connectionCount()).isZero();
            int afterClose;
            try {
                afterClose = socket.getInputStream().read();
            } catch (SocketException reset) {
                afterClose = -1;
            }
            assertThat(afterClose).isEqualTo(-1);
        }
    }

    private static void writeAndHalfClose(Socket socket, byte[] bytes) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitNoConnections(TcpImpairmentRelay relay) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (relay.connectionCount() > 0) {
            assertThat(System.nanoTime() - deadline).as("the relay let go of the connection").isNegative();
            Thread.sleep(10);
        }
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        toClose.add(closeable);
        return closeable;
    }
}
