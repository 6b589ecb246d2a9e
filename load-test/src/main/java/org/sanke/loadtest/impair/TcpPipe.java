package org.sanke.loadtest.impair;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One direction of a relayed TCP connection: a reader takes chunks from one socket and stamps each with its
 * delivery time (capacity, then delay), a writer writes them to the other socket when due. Two virtual threads.
 *
 * <p>Nothing is dropped: a full rate queue makes the reader wait, and so does {@link #MAX_IN_FLIGHT_BYTES} of
 * delayed data, so the sender is slowed by TCP's own flow control. Without a capacity, that bound acts like a TCP
 * window: at most 4 MiB per one-way delay.
 */
final class TcpPipe {
    /** About one segment, so that a capacity releases data smoothly rather than in large bursts. */
    static final int CHUNK_BYTES = 1400;
    static final int MAX_IN_FLIGHT_BYTES = 4 * 1024 * 1024;
    private static final Chunk END = new Chunk(new byte[0], 0, 0);

    private final TcpRelayConnection connection;
    private final Direction direction;
    private final Socket from;
    private final Socket to;
    private final LinkShaper shaper;
    private final AtomicLong bytesForwarded;
    private final LinkedBlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
    private final Semaphore inFlightBytes = new Semaphore(MAX_IN_FLIGHT_BYTES);
    private volatile Thread reader;
    private volatile Thread writer;
    private volatile boolean ended;

    private record Chunk(byte[] bytes, int length, long deliverAt) {
    }

    TcpPipe(TcpRelayConnection connection, Direction direction, Socket from, Socket to, LinkShaper shaper,
            AtomicLong bytesForwarded) {
        this.connection = connection;
        this.direction = direction;
        this.from = from;
        this.to = to;
        this.shaper = shaper;
        this.bytesForwarded = bytesForwarded;
    }

    void start(String name) {
        reader = Thread.ofVirtual().name(name + "-read").start(this::read);
        writer = Thread.ofVirtual().name(name + "-write").start(this::write);
    }

    /** Whether the sender's end of stream has been passed on to the receiver. */
    boolean ended() {
        return ended;
    }

    /** Stops both threads wherever they wait; the connection closes the sockets. */
    void stop() {
        for (Thread thread : new Thread[] {reader, writer}) {
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    private void read() {
        try {
            InputStream in = from.getInputStream();
            while (true) {
                byte[] buffer = new byte[CHUNK_BYTES];
                int length = in.read(buffer);
                if (length < 0) {
                    chunks.put(END);
                    return;
                }
                inFlightBytes.acquire(length);
                chunks.put(new Chunk(buffer, length, schedule(length)));
            }
        } catch (IOException | InterruptedException e) {
            connection.close();
        }
    }

    /** Waits for room in the rate queue, then stamps the chunk with the profile in force when it was read. */
    private long schedule(int length) throws InterruptedException {
        LinkProfile profile = connection.link().profile(direction);
        long wait;
        while ((wait = shaper.streamQueueWait(profile, length, System.nanoTime())) > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        return shaper.scheduleStream(profile, length, System.nanoTime());
    }

    private void write() {
        try {
            OutputStream out = to.getOutputStream();
            Chunk chunk;
            while ((chunk = chunks.take()) != END) {
                sleepUntil(chunk.deliverAt());
                out.write(chunk.bytes(), 0, chunk.length());
                out.flush();
                inFlightBytes.release(chunk.length());
                bytesForwarded.addAndGet(chunk.length());
            }
            to.shutdownOutput();
            ended = true;
            connection.pipeEnded();
        } catch (IOException | InterruptedException e) {
            connection.close();
        }
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        long wait;
        while ((wait = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
