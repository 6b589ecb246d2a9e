package org.sanke.loadtest.impair;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;

/** One client connection and its connection to the target, joined by a pipe each way. */
final class TcpRelayConnection {
    private final TcpImpairmentRelay relay;
    private final Socket client;
    private final Socket upstream;
    private final TcpPipe toServer;
    private final TcpPipe toClient;
    private final AtomicBoolean closed = new AtomicBoolean();

    TcpRelayConnection(TcpImpairmentRelay relay, Socket client, Socket upstream) {
        this.relay = relay;
        this.client = client;
        this.upstream = upstream;
        this.toServer = new TcpPipe(this, Direction.TO_SERVER, client, upstream, relay.shaper(Direction.TO_SERVER),
                relay.forwardedCounter(Direction.TO_SERVER));
        this.toClient = new TcpPipe(this, Direction.TO_CLIENT, upstream, client, relay.shaper(Direction.TO_CLIENT),
                relay.forwardedCounter(Direction.TO_CLIENT));
    }

    void start() {
        String name = "tcp-relay-" + client.getPort();
        toServer.start(name + "-to-server");
        toClient.start(name + "-to-client");
    }

    Link link() {
        return relay.link();
    }

    /** One way has passed its end of stream on (a half close); once both have, the connection is done. */
    void pipeEnded() {
        if (toServer.ended() && toClient.ended()) {
            close();
        }
    }

    /** A socket failed, or the relay closes: tears down both ways at once. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        toServer.stop();
        toClient.stop();
        closeQuietly(client);
        closeQuietly(upstream);
        relay.forget(this);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the connection is going away either way
        }
    }
}
