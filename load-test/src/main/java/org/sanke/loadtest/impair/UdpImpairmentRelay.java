package org.sanke.loadtest.impair;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UDP forwarder that impairs what it forwards: clients send to {@link #localAddress()}, the relay sends on to the
 * target (the server's media port) from one upstream socket per client address, and the target's replies go back to
 * the client that owns that socket. Each direction follows its {@link Link} profile: loss, delay, jitter, capacity.
 *
 * <p>One thread does everything: it waits on a selector for datagrams until the next held datagram is due, decides
 * each arriving datagram's fate at once ({@link LinkShaper}) and keeps the forwarded ones in a priority queue by
 * departure time. Departures are accurate to about a millisecond (the selector's timeout), plus scheduling delays of
 * a loaded machine.
 *
 * <p>{@link #setBlocked blocked}, it drops every datagram both ways and counts it, and makes no new mapping: the
 * "UDP blocked" firewall.
 */
public final class UdpImpairmentRelay implements AutoCloseable {
    /** Like netem's packet limit: however long the delay, a direction holds at most this many datagrams. */
    static final int MAX_HELD_PER_DIRECTION = 10_000;
    /** A mapping that carries nothing for this long is closed, as a NAT forgets an idle binding. */
    static final Duration MAPPING_IDLE_TIMEOUT = Duration.ofMinutes(2);
    private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;
    private static final int MAX_DATAGRAM_BYTES = 65_535;
    /** Reads from one socket per wake-up, so a flood on one cannot hold back departures. */
    private static final int READS_PER_WAKEUP = 64;
    private static final long IDLE_WAIT_MILLIS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(UdpImpairmentRelay.class);

    private final InetSocketAddress target;
    private final Link link;
    private final DatagramChannel downstream;
    private final InetSocketAddress localAddress;
    private final Selector selector;
    private final Map<InetSocketAddress, UdpMapping> mappings = new ConcurrentHashMap<>();
    private final Map<Direction, LinkShaper> shapers = new EnumMap<>(Direction.class);
    private final Map<Direction, DatagramCounters> counters = new EnumMap<>(Direction.class);
    private final Map<Direction, Integer> heldCounts = new EnumMap<>(Direction.class);
    private final PriorityQueue<HeldDatagram> held = new PriorityQueue<>();
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(MAX_DATAGRAM_BYTES);
    private final Thread thread;
    private volatile boolean blocked;
    private volatile boolean open = true;
    private long arrivals;
    private long nextIdleSweep;

    private UdpImpairmentRelay(InetSocketAddress bind, InetSocketAddress target, Link link, long seed,
                               boolean blocked) throws IOException {
        this.target = target;
        this.link = link;
        this.blocked = blocked;
        long now = System.nanoTime();
        for (Direction direction : Direction.values()) {
            // the two directions draw from independent streams: one direction's traffic never shifts the other's losses
            shapers.put(direction, new LinkShaper(seed + direction.ordinal() * 0x9E3779B97F4A7C15L, now));
            counters.put(direction, new DatagramCounters());
            heldCounts.put(direction, 0);
        }
        this.selector = Selector.open();
        this.downstream = DatagramChannel.open();
        try {
            downstream.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
            downstream.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
            downstream.bind(bind);
            downstream.configureBlocking(false);
            downstream.register(selector, SelectionKey.OP_READ);
            this.localAddress = (InetSocketAddress) downstream.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            downstream.close();
            selector.close();
            throw e;
        }
        this.nextIdleSweep = now + TimeUnit.MILLISECONDS.toNanos(IDLE_WAIT_MILLIS);
        this.thread = Thread.ofPlatform().daemon().name("udp-relay-" + localAddress.getPort()).start(this::run);
    }

    /**
     * Starts a relay.
     *
     * @param bind    where clients send, e.g. 127.0.0.1 port 0 (an ephemeral port; see {@link #localAddress()})
     * @param target  where their datagrams go, e.g. the server's media port
     */
    public static UdpImpairmentRelay open(InetSocketAddress bind, InetSocketAddress target, Link link)
            throws IOException {
        return open(bind, target, link, ThreadLocalRandom.current().nextLong());
    }

    /** With a seed for the loss and jitter draws, so that a run can be repeated. */
    public static UdpImpairmentRelay open(InetSocketAddress bind, InetSocketAddress target, Link link, long seed)
            throws IOException {
        return new UdpImpairmentRelay(bind, target, link, seed, false);
    }

    /** A relay that starts blocked: no UDP gets through either way until {@link #setBlocked setBlocked(false)}. */
    public static UdpImpairmentRelay blocked(InetSocketAddress bind, InetSocketAddress target) throws IOException {
        return new UdpImpairmentRelay(bind, target, Link.clean(), ThreadLocalRandom.current().nextLong(), true);
    }

    /** The address clients send to: the address the server must announce to them. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    public InetSocketAddress target() {
        return target;
    }

    /** The live profiles; change them while the relay runs. */
    public Link link() {
        return link;
    }

    public void setBlocked(boolean blocked) {
        this.blocked = blocked;
    }

    public boolean isBlocked() {
        return blocked;
    }

    public DatagramCounts counts(Direction direction) {
        return counters.get(direction).snapshot();
    }

    /** How many client addresses have a mapping now. */
    public int mappingCount() {
        return mappings.size();
    }

    /** The address the target sees for this client, while the client has a mapping. */
    public Optional<InetSocketAddress> upstreamAddressOf(InetSocketAddress client) {
        UdpMapping mapping = mappings.get(client);
        if (mapping == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapping.upstreamAddress());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Stops the thread and closes every socket; held datagrams are let go. */
    @Override
    public void close() {
        open = false;
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (open) {
                sendDue(System.nanoTime());
                waitForDatagrams();
                for (SelectionKey key : selector.selectedKeys()) {
                    receive(key);
                }
                selector.selectedKeys().clear();
                forgetIdleMappings(System.nanoTime());
            }
        } catch (IOException | RuntimeException e) {
            if (open) {
                LOG.warn("UDP impairment relay on {} stopped", localAddress, e);
            }
        } finally {
            closeEverything();
        }
    }

    /** Waits for datagrams until the next departure is due (rounded up to a millisecond). */
    private void waitForDatagrams() throws IOException {
        HeldDatagram next = held.peek();
        if (next == null) {
            selector.select(IDLE_WAIT_MILLIS);
            return;
        }
        long waitNanos = next.deliverAt() - System.nanoTime();
        if (waitNanos <= 0) {
            selector.selectNow();
        } else {
            selector.select(Math.max(1, (waitNanos + 999_999) / 1_000_000));
        }
    }

    private void receive(SelectionKey key) throws IOException {
        DatagramChannel channel = (DatagramChannel) key.channel();
        UdpMapping mapping = (UdpMapping) key.attachment();
        for (int i = 0; i < READS_PER_WAKEUP && channel.isOpen(); i++) {
            receiveBuffer.clear();
            InetSocketAddress source;
            try {
                source = (InetSocketAddress) channel.receive(receiveBuffer);
            } catch (PortUnreachableException e) {
                continue; // the target's port was closed when we last sent: an ICMP error, not a datagram
            }
            if (source == null) {
                return;
            }
            receiveBuffer.flip();
            if (mapping == null) {
                fromClient(source);
            } else {
                fromTarget(mapping);
            }
        }
    }

    private void fromClient(InetSocketAddress client) {
        DatagramCounters count = counters.get(Direction.TO_SERVER);
        count.received(receiveBuffer.remaining());
        if (blocked) {
            count.blocked();
            return;
        }
        UdpMapping mapping = mappings.get(client);
        if (mapping == null) {
            try {
                mapping = openMapping(client);
            } catch (IOException e) {
                count.sendFailed(); // no socket for this client now (out of ports or files): the next datagram retries
                return;
            }
        }
        admit(Direction.TO_SERVER, mapping);
    }

    private UdpMapping openMapping(InetSocketAddress client) throws IOException {
        UdpMapping mapping = UdpMapping.open(client, target, SOCKET_BUFFER_BYTES, System.nanoTime());
        try {
            mapping.upstream.register(selector, SelectionKey.OP_READ, mapping);
        } catch (IOException | RuntimeException e) {
            mapping.close();
            throw e;
        }
        mappings.put(client, mapping);
        return mapping;
    }

    private void fromTarget(UdpMapping mapping) {
        DatagramCounters count = counters.get(Direction.TO_CLIENT);
        count.received(receiveBuffer.remaining());
        if (blocked) {
            count.blocked();
            return;
        }
        admit(Direction.TO_CLIENT, mapping);
    }

    private void admit(Direction direction, UdpMapping mapping) {
        long now = System.nanoTime();
        mapping.touch(now);
        DatagramCounters count = counters.get(direction);
        if (heldCounts.get(direction) >= MAX_HELD_PER_DIRECTION) {
            count.queueFull();
            return;
        }
        int size = receiveBuffer.remaining();
        Admission admission = shapers.get(direction).admitDatagram(link.profile(direction), size, now);
        switch (admission.fate()) {
            case LOST -> count.lost();
            case QUEUE_FULL -> count.queueFull();
            case FORWARD -> {
                byte[] payload = new byte[size];
                receiveBuffer.get(payload);
                held.add(new HeldDatagram(direction, mapping, payload, admission.deliverAt(), arrivals++));
                heldCounts.merge(direction, 1, Integer::sum);
            }
        }
    }

    private void sendDue(long now) {
        HeldDatagram next;
        while ((next = held.peek()) != null && next.deliverAt() - now <= 0) {
            held.poll();
            heldCounts.merge(next.direction(), -1, Integer::sum);
            send(next);
        }
    }

    private void send(HeldDatagram datagram) {
        DatagramCounters count = counters.get(datagram.direction());
        ByteBuffer payload = ByteBuffer.wrap(datagram.payload());
        try {
            int sent = datagram.direction() == Direction.TO_SERVER
                    ? datagram.mapping().upstream.write(payload)
                    : downstream.send(payload, datagram.mapping().client);
            if (sent == 0) {
                count.sendFailed(); // the socket's buffer is full: the kernel would drop it too
            } else {
                count.forwarded(sent);
            }
        } catch (IOException e) {
            count.sendFailed();
        }
    }

    private void forgetIdleMappings(long now) {
        if (now - nextIdleSweep < 0) {
            return;
        }
        nextIdleSweep = now + TimeUnit.MILLISECONDS.toNanos(IDLE_WAIT_MILLIS);
        long cutoff = now - MAPPING_IDLE_TIMEOUT.toNanos();
        mappings.values().removeIf(mapping -> {
            if (!mapping.idleSince(cutoff)) {
                return false;
            }
            mapping.close();
            return true;
        });
    }

    private void closeEverything() {
        mappings.values().forEach(UdpMapping::close);
        mappings.clear();
        held.clear();
        try {
            downstream.close();
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "UdpImpairmentRelay[" + localAddress + " -> " + target + ", " + link + (blocked ? ", blocked" : "")
                + "]";
    }
}
