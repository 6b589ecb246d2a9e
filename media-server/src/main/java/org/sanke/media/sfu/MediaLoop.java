package org.sanke.media.sfu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.internal.PlatformDependent;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sanke.media.packet.RtpPacket;

/**
 * One event loop of the media server and everything it owns: the UDP socket bound on it, the routers and
 * transports pinned to it, scratch buffers reused by every packet it handles, and its counters.
 *
 * <p>Thread: all state here is touched only by {@link #eventLoop}, except {@link #handOff}, which other loops call
 * to pass it a datagram that the kernel delivered to their socket.
 */
final class MediaLoop {
    /** Larger than any datagram we accept, with room for an SRTP tag, RTX's two extra bytes and new extensions. */
    static final int BUFFER_SIZE = 1500 + 128;
    private static final int INBOX_CAPACITY = 8192;
    static final long TICK_MILLIS = 100;
    /** NACKs to publishers are timed in milliseconds (reordering allowance, round trips), finer than the tick. */
    static final long NACK_TICK_MILLIS = 10;

    final int index;
    final EventLoop eventLoop;
    final MediaClock clock;
    final LoopStats stats = new LoopStats();
    final RtpPacket rtp = new RtpPacket();
    /** A second view, for packets read back from a cache while {@link #rtp} may still be in use. */
    final RtpPacket cachedRtp = new RtpPacket();
    final byte[] receiveBuffer = new byte[BUFFER_SIZE];
    final byte[] sendBuffer = new byte[BUFFER_SIZE];
    /** Transports pinned to this loop, for its periodic work (consent, RTCP reports, feedback). */
    final List<WebRtcTransportImpl> transports = new ArrayList<>();

    private long ticks;
    private Channel channel;
    private boolean flushPending;
    private final Queue<DatagramPacket> inbox = PlatformDependent.newMpscQueue(INBOX_CAPACITY);
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private DatagramDispatcher dispatcher;

    MediaLoop(int index, EventLoop eventLoop, MediaClock clock) {
        this.index = index;
        this.eventLoop = eventLoop;
        this.clock = clock;
    }

    void attach(Channel channel, DatagramDispatcher dispatcher) {
        this.channel = channel;
        this.dispatcher = dispatcher;
    }

    boolean inLoop() {
        return eventLoop.inEventLoop();
    }

    /** Queues a datagram's ownership for this loop; called from another loop. Returns false when the inbox is full. */
    boolean handOff(DatagramPacket datagram) {
        if (!inbox.offer(datagram)) {
            return false;
        }
        if (drainScheduled.compareAndSet(false, true)) {
            eventLoop.execute(this::drainInbox);
        }
        return true;
    }

    private void drainInbox() {
        drainScheduled.set(false);
        long now = clock.nanoTime();
        DatagramPacket datagram;
        while ((datagram = inbox.poll()) != null) {
            dispatcher.dispatchOwned(this, datagram, now);
        }
        flush();
    }

    /** Copies a packet into a pooled datagram and queues it on the socket; {@link #flush()} sends the batch. */
    void send(byte[] buf, int off, int len, InetSocketAddress to) {
        ByteBuf out = channel.alloc().directBuffer(len);
        out.writeBytes(buf, off, len);
        // Straight to the channel's outbound buffer: the pipeline has no outbound handler to visit, and this runs on
        // the channel's own loop, where Unsafe may be called.
        channel.unsafe().write(new DatagramPacket(out, to), channel.voidPromise());
        stats.bytesOut += len;
        flushPending = true;
    }

    /** Sends now, for packets written outside a read batch (timers, handshake results). */
    void sendNow(byte[] buf, int off, int len, InetSocketAddress to) {
        send(buf, off, len, to);
        flush();
    }

    /** For the DTLS handshake thread: Netty queues the write onto the socket's loop. */
    void sendFromAnyThread(byte[] buf, int off, int len, InetSocketAddress to) {
        channel.writeAndFlush(new DatagramPacket(Unpooled.copiedBuffer(buf, off, len), to), channel.voidPromise());
    }

    /** Periodic work of every transport on this loop; runs every {@link #TICK_MILLIS}. */
    void tick() {
        long now = clock.nanoTime();
        boolean reportTick = ++ticks % 10 == 0;
        for (WebRtcTransportImpl transport : List.copyOf(transports)) {
            transport.onTick(now, reportTick);
        }
        flush();
    }

    /** NACKs that fell due between packets; runs every {@link #NACK_TICK_MILLIS} and allocates nothing. */
    void nackTick() {
        long now = clock.nanoTime();
        for (int i = 0; i < transports.size(); i++) {
            transports.get(i).onNackTick(now);
        }
        flush();
    }

    void flush() {
        if (flushPending) {
            flushPending = false;
            channel.flush();
        }
    }
}
