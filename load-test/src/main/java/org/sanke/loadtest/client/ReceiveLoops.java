package org.sanke.loadtest.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads every simulated connection's socket: one platform thread per core, each with a selector over its share of
 * the sockets, so that a JVM playing a thousand classrooms spends its cores on packets rather than on waking a
 * thread per socket for each one. Handlers run on the loop's thread and must not block.
 */
public final class ReceiveLoops {
    /** Receives one datagram; the buffer is reused after the call returns. */
    public interface DatagramHandler {
        void onDatagram(byte[] buf, int len, long receivedNanos);
    }

    private static final int BUFFER = 1628;
    private static volatile ReceiveLoops shared;

    private final Loop[] loops;
    private final AtomicInteger next = new AtomicInteger();

    private ReceiveLoops(int threads) throws IOException {
        loops = new Loop[threads];
        for (int i = 0; i < threads; i++) {
            loops[i] = new Loop(Selector.open());
            Thread thread = new Thread(loops[i], "load-rx-" + i);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** The JVM's loops, started on first use. */
    public static ReceiveLoops shared() throws IOException {
        ReceiveLoops loops = shared;
        if (loops == null) {
            synchronized (ReceiveLoops.class) {
                if (shared == null) {
                    shared = new ReceiveLoops(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
                }
                loops = shared;
            }
        }
        return loops;
    }

    /** A channel being read; closing it closes the channel. */
    public interface Reading extends AutoCloseable {
        @Override
        void close();
    }

    /** Reads {@code channel} (made non-blocking here) from now on, until the returned reading is closed. */
    public Reading register(DatagramChannel channel, DatagramHandler handler) throws IOException {
        channel.configureBlocking(false);
        Loop loop = loops[Math.floorMod(next.getAndIncrement(), loops.length)];
        loop.pending.add(new Registration(channel, handler));
        loop.selector.wakeup();
        return () -> {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to free
            }
            // A registered channel's socket is really closed when its selector next runs: wake it now, so that a
            // quiet loop does not hold the descriptors of clients that have left.
            loop.selector.wakeup();
        };
    }

    private record Registration(DatagramChannel channel, DatagramHandler handler) {
    }

    private static final class Loop implements Runnable {
        final Selector selector;
        final Queue<Registration> pending = new ConcurrentLinkedQueue<>();
        private final ByteBuffer in = ByteBuffer.allocate(BUFFER);

        Loop(Selector selector) {
            this.selector = selector;
        }

        @Override
        public void run() {
            while (true) {
                try {
                    selector.select();
                    for (Registration r; (r = pending.poll()) != null; ) {
                        try {
                            r.channel().register(selector, SelectionKey.OP_READ, r.handler());
                        } catch (ClosedChannelException closedMeanwhile) {
                            // nothing to read
                        }
                    }
                    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                    while (keys.hasNext()) {
                        SelectionKey key = keys.next();
                        keys.remove();
                        drain(key);
                    }
                } catch (IOException e) {
                    // a selector failure: keep serving the other sockets
                }
            }
        }

        private void drain(SelectionKey key) {
            DatagramChannel channel = (DatagramChannel) key.channel();
            DatagramHandler handler = (DatagramHandler) key.attachment();
            try {
                while (true) {
                    in.clear();
                    if (channel.receive(in) == null) {
                        return;
                    }
                    handler.onDatagram(in.array(), in.position(), System.nanoTime());
                }
            } catch (IOException e) {
                key.cancel(); // closed
            }
        }
    }
}
