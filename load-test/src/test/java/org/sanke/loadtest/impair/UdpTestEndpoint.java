package org.sanke.loadtest.impair;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A UDP socket on the loopback that records every datagram it receives, with its time, and may echo it back. */
final class UdpTestEndpoint implements AutoCloseable {
    static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    record Arrival(byte[] payload, InetSocketAddress source, long atNanos) {
        int sequence() {
            return ByteBuffer.wrap(payload).getInt();
        }
    }

    private final DatagramSocket socket;
    private final boolean echo;
    private final LinkedBlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
    private final Thread receiver;

    private UdpTestEndpoint(boolean echo) throws SocketException {
        this.socket = new DatagramSocket(LOOPBACK_ANY_PORT);
        socket.setReceiveBufferSize(4 * 1024 * 1024);
        this.echo = echo;
        this.receiver = Thread.ofPlatform().daemon().name("udp-test-" + socket.getLocalPort()).start(this::receive);
    }

    /** Records what arrives. */
    static UdpTestEndpoint sink() throws SocketException {
        return new UdpTestEndpoint(false);
    }

    /** Records what arrives and sends it straight back to where it came from. */
    static UdpTestEndpoint echo() throws SocketException {
        return new UdpTestEndpoint(true);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** A datagram of {@code size} bytes that starts with its sequence number. */
    void send(int sequence, int size, InetSocketAddress to) {
        byte[] payload = new byte[Math.max(4, size)];
        ByteBuffer.wrap(payload).putInt(sequence);
        send(payload, to);
    }

    void send(byte[] payload, InetSocketAddress to) {
        try {
            socket.send(new DatagramPacket(payload, payload.length, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next arrival, or null after the timeout. */
    Arrival next(Duration timeout) throws InterruptedException {
        return arrivals.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Everything that arrived so far and was not yet taken. */
    List<Arrival> take() {
        List<Arrival> taken = new ArrayList<>();
        arrivals.drainTo(taken);
        return taken;
    }

    /** The round trip of one datagram through an echo, in milliseconds; fails the test if nothing comes back. */
    double roundTripMillis(int sequence, InetSocketAddress to, Duration timeout) throws InterruptedException {
        take();
        long sent = System.nanoTime();
        send(sequence, 100, to);
        Arrival reply = next(timeout);
        if (reply == null || reply.sequence() != sequence) {
            throw new AssertionError("no echo of " + sequence + " within " + timeout);
        }
        return (reply.atNanos() - sent) / 1e6;
    }

    private void receive() {
        byte[] buffer = new byte[65_535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
                long at = System.nanoTime();
                byte[] payload = Arrays.copyOf(buffer, packet.getLength());
                InetSocketAddress source = (InetSocketAddress) packet.getSocketAddress();
                arrivals.add(new Arrival(payload, source, at));
                if (echo) {
                    socket.send(new DatagramPacket(payload, payload.length, source));
                }
            } catch (IOException e) {
                // closed: the loop ends
            }
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            receiver.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
