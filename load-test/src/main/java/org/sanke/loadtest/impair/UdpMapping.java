package org.sanke.loadtest.impair;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/**
 * One client address's way to the server, like a NAT binding: its own upstream socket, so the server sees each
 * client at a distinct address and its replies to that address go back to that client only.
 */
final class UdpMapping {
    final InetSocketAddress client;
    final DatagramChannel upstream;
    private volatile long lastActive;

    private UdpMapping(InetSocketAddress client, DatagramChannel upstream, long now) {
        this.client = client;
        this.upstream = upstream;
        this.lastActive = now;
    }

    /** An upstream socket on an ephemeral port, connected to the target so that only the target's replies come in. */
    static UdpMapping open(InetSocketAddress client, InetSocketAddress target, int bufferBytes, long now)
            throws IOException {
        DatagramChannel upstream = DatagramChannel.open();
        try {
            upstream.setOption(StandardSocketOptions.SO_RCVBUF, bufferBytes);
            upstream.setOption(StandardSocketOptions.SO_SNDBUF, bufferBytes);
            upstream.configureBlocking(false);
            upstream.connect(target);
            return new UdpMapping(client, upstream, now);
        } catch (IOException | RuntimeException e) {
            upstream.close();
            throw e;
        }
    }

    void touch(long now) {
        lastActive = now;
    }

    boolean idleSince(long cutoff) {
        return lastActive - cutoff < 0;
    }

    InetSocketAddress upstreamAddress() throws IOException {
        return (InetSocketAddress) upstream.getLocalAddress();
    }

    void close() {
        try {
            upstream.close();
        } catch (IOException ignored) {
            // closing a datagram channel has nothing to flush; nothing to do about a failure
        }
    }
}
