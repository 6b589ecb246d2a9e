package org.sanke.loadtest.impair;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A TCP server on the loopback that echoes what it reads, or only counts it with the times of the first and last. */
final class TcpTestServer implements AutoCloseable {
    private final ServerSocket server;
    private final boolean echo;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong bytesRead = new AtomicLong();
    private volatile long firstByteAt;
    private volatile long lastByteAt;

    private TcpTestServer(boolean echo) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.echo = echo;
        Thread.ofPlatform().daemon().name("tcp-test-" + server.getLocalPort()).start(this::accept);
    }

    static TcpTestServer echo() throws IOException {
        return new TcpTestServer(true);
    }

    static TcpTestServer sink() throws IOException {
        return new TcpTestServer(false);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    int connections() {
        return connections.get();
    }

    long bytesRead() {
        return bytesRead.get();
    }

    /** Seconds from the first byte read to the last. */
    double readingSeconds() {
        return (lastByteAt - firstByteAt) / 1e9;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                // closed: the loop ends
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int length;
            while ((length = in.read(buffer)) >= 0) {
                long now = System.nanoTime();
                if (bytesRead.getAndAdd(length) == 0) {
                    firstByteAt = now;
                }
                lastByteAt = now;
                if (echo) {
                    out.write(buffer, 0, length);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the peer went away: nothing to serve
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
