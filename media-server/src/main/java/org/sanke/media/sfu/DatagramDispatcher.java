package org.sanke.media.sfu;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.sanke.media.packet.StunMessage;

/**
 * The first stage of the receive path, on the loop whose socket the kernel chose: find the owning transport's loop
 * and hand the datagram over (at most one thread change), or handle it here when this loop owns it.
 */
final class DatagramDispatcher extends ChannelInboundHandlerAdapter {
    static final int MAX_DATAGRAM = 1500;

    private final MediaLoop loop;
    private final TransportDirectory directory;

    DatagramDispatcher(MediaLoop loop, TransportDirectory directory) {
        this.loop = loop;
        this.directory = directory;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        DatagramPacket datagram = (DatagramPacket) msg;
        long now = loop.clock.nanoTime();
        WebRtcTransportImpl owner = route(datagram);
        if (owner == null) {
            datagram.release();
            return;
        }
        if (owner.loop == loop) {
            dispatchOwned(loop, datagram, now);
        } else if (!owner.loop.handOff(datagram)) {
            loop.stats.drop(DropReason.HANDOFF_QUEUE_FULL);
            datagram.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        loop.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A socket error (e.g. ICMP port unreachable surfaced by the kernel) concerns one peer; keep serving.
    }

    /** Finds the transport, or counts the drop and returns null. */
    private WebRtcTransportImpl route(DatagramPacket datagram) {
        ByteBuf content = datagram.content();
        int len = content.readableBytes();
        loop.stats.datagramsIn++;
        loop.stats.bytesIn += len;
        if (len > MAX_DATAGRAM || len == 0) {
            loop.stats.drop(DropReason.OVERSIZED);
            return null;
        }
        WebRtcTransportImpl transport = directory.byAddress(datagram.sender());
        if (transport != null) {
            return transport;
        }
        // Only a STUN check may introduce a new address (RFC 8445 §7.3): find its transport by USERNAME.
        int first = content.getUnsignedByte(content.readerIndex());
        if (first > 3) {
            loop.stats.drop(DropReason.UNKNOWN_ADDRESS);
            return null;
        }
        content.getBytes(content.readerIndex(), loop.receiveBuffer, 0, len);
        return transportForStun(loop, loop.receiveBuffer, len);
    }

    private WebRtcTransportImpl transportForStun(MediaLoop counting, byte[] buf, int len) {
        StunMessage stun = StunMessage.parse(buf, 0, len);
        if (stun == null) {
            counting.stats.drop(DropReason.STUN_MALFORMED);
            return null;
        }
        String username = stun.username();
        int colon = username == null ? -1 : username.indexOf(':');
        WebRtcTransportImpl transport = colon <= 0 ? null : directory.byUfrag(username.substring(0, colon));
        if (transport == null) {
            counting.stats.drop(DropReason.STUN_UNKNOWN_USER);
        }
        return transport;
    }

    /** Handles a datagram on the loop that owns its transport; takes ownership and releases it. */
    void dispatchOwned(MediaLoop owner, DatagramPacket datagram, long now) {
        InetSocketAddress sender = datagram.sender();
        ByteBuf content = datagram.content();
        int len = content.readableBytes();
        content.getBytes(content.readerIndex(), owner.receiveBuffer, 0, len);
        datagram.release();
        WebRtcTransportImpl transport = directory.byAddress(sender);
        if (transport == null) {
            transport = transportForStun(owner, owner.receiveBuffer, len);
        }
        if (transport != null && transport.loop == owner) {
            transport.onDatagram(owner.receiveBuffer, len, sender, now);
        }
    }
}
