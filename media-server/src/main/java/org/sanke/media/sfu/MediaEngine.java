package org.sanke.media.sfu;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sanke.media.MediaPortInUseException;
import org.sanke.media.MediaServerConfig;
import org.sanke.media.api.Router;
import org.sanke.media.dtls.DtlsCertificate;
import org.sanke.media.dtls.DtlsHandshakePool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the media plane: event loops, one UDP socket per loop on the shared port (SO_REUSEPORT with epoll; one
 * socket and one loop without it), the DTLS certificate, metrics, and the tick that drives consent and RTCP.
 */
public final class MediaEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MediaEngine.class);
    private static final int SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

    private final MultiThreadIoEventLoopGroup group;
    private final DtlsHandshakePool handshakes;
    private final List<MediaLoop> loops;
    private final List<Channel> channels;
    private final MediaContext context;
    private final AtomicInteger nextLoop = new AtomicInteger();

    private MediaEngine(MultiThreadIoEventLoopGroup group, DtlsHandshakePool handshakes, List<MediaLoop> loops,
                        List<Channel> channels, MediaContext context) {
        this.group = group;
        this.handshakes = handshakes;
        this.loops = loops;
        this.channels = channels;
        this.context = context;
    }

    public static MediaEngine start(MediaServerConfig config, MeterRegistry registry) throws InterruptedException {
        return start(config, registry, MediaClock.SYSTEM);
    }

    /** With a clock of the caller's: tests advance it instead of sleeping. */
    static MediaEngine start(MediaServerConfig config, MeterRegistry registry, MediaClock clock)
            throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        int loopCount = epoll ? config.eventLoops() : 1;
        IoHandlerFactory ioHandler = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        MultiThreadIoEventLoopGroup group =
                new MultiThreadIoEventLoopGroup(loopCount, new DefaultThreadFactory("sanke-media"), ioHandler);
        DtlsHandshakePool handshakes = new DtlsHandshakePool(config.dtlsHandshakeThreads(),
                config.dtlsHandshakeQueue(), config.dtlsHandshakeTimeout(), clock::nanoTime);
        MediaContext context = new MediaContext(config, DtlsCertificate.generate(), handshakes,
                MediaMetrics.forwardingDelay(registry), clock);
        List<MediaLoop> loops = new ArrayList<>();
        for (EventExecutor executor : group) {
            loops.add(new MediaLoop(loops.size(), (EventLoop) executor, clock));
        }
        List<Channel> channels = new ArrayList<>();
        String bindAddress = effectiveBindAddress(config);
        try {
            int port = claimPort(bindAddress, config.port());
            for (MediaLoop loop : loops) {
                channels.add(bind(loop, context, epoll, bindAddress, port));
            }
            context.port(port);
        } catch (Exception failure) {
            channels.forEach(Channel::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            handshakes.close();
            if (failure instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw startFailure(failure, bindAddress, config.port());
        }
        for (MediaLoop loop : loops) {
            loop.eventLoop.scheduleAtFixedRate(loop::tick, MediaLoop.TICK_MILLIS, MediaLoop.TICK_MILLIS,
                    TimeUnit.MILLISECONDS);
            loop.eventLoop.scheduleAtFixedRate(loop::nackTick, MediaLoop.NACK_TICK_MILLIS,
                    MediaLoop.NACK_TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
        MediaMetrics.register(registry, context, loops);
        LOG.info("media server on udp {}:{} with {} loop(s) ({}), announcing {}", bindAddress,
                context.port(), loopCount, epoll ? "epoll" : "nio", config.announcedAddresses());
        return new MediaEngine(group, handshakes, loops, channels, context);
    }

    /**
     * A socket bound to the wildcard address answers from whatever source address the kernel's route picks, which
     * need not be the address the browser sent to (a browser on this machine sends from its LAN address to
     * 127.0.0.1, and the reply would come from the LAN address): ICE then discards the answers. So when the one
     * announced address is an address of this machine, bind to it.
     */
    static String effectiveBindAddress(MediaServerConfig config) {
        if (config.announcedAddresses().size() != 1 || !isWildcard(config.bindAddress())) {
            return config.bindAddress();
        }
        String announced = config.announcedAddresses().get(0);
        try {
            InetAddress address = InetAddress.getByName(announced);
            if (address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null) {
                return announced;
            }
        } catch (IOException notLocal) {
            // not an address of this machine: keep the wildcard
        }
        return config.bindAddress();
    }

    private static boolean isWildcard(String address) {
        return address.equals("0.0.0.0") || address.equals("::") || address.equals("0:0:0:0:0:0:0:0");
    }

    /**
     * Makes sure no other socket holds the port before ours bind it with SO_REUSEPORT, which would silently share
     * it with any process of the same user (a second Sanke on the same port: each gets part of the other's
     * packets). A probe without SO_REUSEPORT cannot bind where any socket is bound, with the option or without, so it
     * fails for a port held by another Sanke or anything else; asked for port 0, it finds one that is free for us
     * alone (the kernel's ephemeral choice for a SO_REUSEPORT socket may be a port another such socket holds).
     * Residual race: a process binding the port with SO_REUSEPORT between the probe's close and our first bind
     * (microseconds) would still share it. A server started after ours fails its own probe, as our sockets hold the
     * port. Returns the port to bind.
     */
    static int claimPort(String address, int port) throws IOException {
        try (DatagramSocket probe = new DatagramSocket(null)) {
            probe.setReuseAddress(false);
            probe.bind(new InetSocketAddress(address, port));
            return probe.getLocalPort();
        }
    }

    /**
     * What a failed start throws: a busy port as {@link MediaPortInUseException} (Java says BindException, Netty's
     * epoll an IOException saying "Address already in use"), anything else as it came.
     */
    private static RuntimeException startFailure(Exception failure, String address, int port) {
        if (failure instanceof BindException
                || (failure instanceof IOException && String.valueOf(failure.getMessage()).contains("in use"))) {
            return new MediaPortInUseException(address, port, failure);
        }
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        return failure instanceof IOException io ? new UncheckedIOException(io)
                : new IllegalStateException("cannot bind the media port " + port, failure);
    }

    private static Channel bind(MediaLoop loop, MediaContext context, boolean epoll, String address, int port)
            throws InterruptedException {
        DatagramDispatcher dispatcher = new DatagramDispatcher(loop, context.directory);
        Bootstrap bootstrap = new Bootstrap()
                .group(loop.eventLoop)
                .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(2048))
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(dispatcher);
                    }
                });
        if (epoll) {
            bootstrap.option(UnixChannelOption.SO_REUSEPORT, true);
        }
        Channel channel = bootstrap.bind(address, port).sync().channel();
        loop.attach(channel, dispatcher);
        return channel;
    }

    public int port() {
        return context.port();
    }

    /** SRTP and SRTCP crypto contexts every transport holds together now. */
    public int srtpContexts() {
        return context.counts.srtpContexts.get();
    }

    /** A new router on the next loop, round robin. */
    public Router createRouter() {
        MediaLoop loop = loops.get(Math.floorMod(nextLoop.getAndIncrement(), loops.size()));
        return new RouterImpl(loop, context);
    }

    @Override
    public void close() {
        channels.forEach(channel -> channel.close().syncUninterruptibly());
        // Handshakes first: their last words (failed, closed) still find the loops running.
        handshakes.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
