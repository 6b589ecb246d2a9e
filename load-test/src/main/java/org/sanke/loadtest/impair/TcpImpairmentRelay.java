package org.sanke.loadtest.impair;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder that delays and caps what it forwards: each connection accepted on {@link #localAddress()} is
 * joined to a new connection to the target, and the bytes of each direction follow its {@link Link} profile. For
 * ICE-TCP and TURN-over-TCP paths, and for a slow signaling connection.
 *
 * <p>Loss and the loss settings of a profile do not apply: TCP would retransmit a lost segment anyway, so a
 * byte stream only ever sees loss as extra delay. A capacity is shared by all connections of a direction, as one
 * access link is; when its queue is full the relay stops reading, and TCP's flow control slows the sender. Jitter
 * never reorders a byte stream.
 *
 * <p>{@link #setBlocked blocked}, new connections are reset as soon as they are accepted (a firewall that rejects
 * them); connections already open stay.
 */
public final class TcpImpairmentRelay implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;

    private final InetSocketAddress target;
    private final Link link;
    private final ServerSocket server;
    private final Map<Direction, LinkShaper> shapers = new EnumMap<>(Direction.class);
    private final Map<Direction, AtomicLong> bytesForwarded = new EnumMap<>(Direction.class);
    private final Set<TcpRelayConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean blocked;
    private volatile boolean open = true;

    private TcpImpairmentRelay(InetSocketAddress bind, InetSocketAddress target, Link link, long seed)
            throws IOException {
        this.target = target;
        this.link = link;
        long now = System.nanoTime();
        for (Direction direction : Direction.values()) {
            shapers.put(direction, new LinkShaper(seed + direction.ordinal(), now));
            bytesForwarded.put(direction, new AtomicLong());
        }
        this.server = new ServerSocket();
        server.bind(bind);
        Thread.ofPlatform().daemon().name("tcp-relay-" + server.getLocalPort()).start(this::acceptLoop);
    }

    /**
     * Starts a relay.
     *
     * @param bind    where clients connect, e.g. 127.0.0.1 port 0 (an ephemeral port; see {@link #localAddress()})
     * @param target  where their connections go
     */
    public static TcpImpairmentRelay open(InetSocketAddress bind, InetSocketAddress target, Link link)
            throws IOException {
        return new TcpImpairmentRelay(bind, target, link, ThreadLocalRandom.current().nextLong());
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    public InetSocketAddress target() {
        return target;
    }

    /** The live profiles; change them while the relay runs (loss settings are ignored, see above). */
    public Link link() {
        return link;
    }

    public void setBlocked(boolean blocked) {
        this.blocked = blocked;
    }

    public boolean isBlocked() {
        return blocked;
    }

    /** Bytes written on towards their destination in this direction, over all connections. */
    public long bytesForwarded(Direction direction) {
        return bytesForwarded.get(direction).get();
    }

    /** Connections accepted and joined to the target. */
    public long connectionsAccepted() {
        return accepted.get();
    }

    /** Connections reset because the relay was blocked or the target could not be reached. */
    public long connectionsRefused() {
        return refused.get();
    }

    /** Connections open now. */
    public int connectionCount() {
        return connections.size();
    }

    /** Stops accepting and closes every connection at once, both ways. */
    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // already closed
        }
        List.copyOf(connections).forEach(TcpRelayConnection::close);
    }

    LinkShaper shaper(Direction direction) {
        return shapers.get(direction);
    }

    AtomicLong forwardedCounter(Direction direction) {
        return bytesForwarded.get(direction);
    }

    void forget(TcpRelayConnection connection) {
        connections.remove(connection);
    }

    private void acceptLoop() {
        while (open) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().name("tcp-relay-join-" + client.getPort()).start(() -> join(client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    continue; // one failed accept (e.g. the client gave up) does not stop the relay
                }
                return;
            }
        }
    }

    private void join(Socket client) {
        if (blocked) {
            refused.incrementAndGet();
            reset(client);
            return;
        }
        Socket upstream = new Socket();
        try {
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true); // the relay adds the delay it is told to, and no Nagle delay on top
            upstream.connect(target, CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            refused.incrementAndGet();
            reset(client);
            closeQuietly(upstream);
            return;
        }
        TcpRelayConnection connection = new TcpRelayConnection(this, client, upstream);
        connections.add(connection);
        accepted.incrementAndGet();
        connection.start();
        if (!open) {
            connection.close();
        }
    }

    /** Closes with an RST rather than a FIN: the client sees the connection refused, not an empty answer. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // closed anyway below
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    @Override
    public String toString() {
        return "TcpImpairmentRelay[" + localAddress() + " -> " + target + ", " + link + (blocked ? ", blocked" : "")
                + "]";
    }
}
