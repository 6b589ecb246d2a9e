package org.sanke.server.e2e;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.sanke.media.packet.StunMessage;
import org.sanke.media.packet.StunWriter;

/** Throws bad input at a running server: datagrams at its media port, malformed messages at its WebSocket. */
final class HostileClient {
    private HostileClient() {
    }

    /** Random datagrams of random sizes, a broken DTLS record and RTP-looking bytes, all from an unknown address. */
    static void garbageDatagrams(int mediaPort, long seed) throws Exception {
        Random random = new Random(seed);
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", mediaPort);
        try (DatagramSocket socket = new DatagramSocket()) {
            for (int i = 0; i < 200; i++) {
                byte[] junk = new byte[1 + random.nextInt(1400)];
                random.nextBytes(junk);
                socket.send(new DatagramPacket(junk, junk.length, server));
            }
            byte[] dtls = new byte[60];
            random.nextBytes(dtls);
            dtls[0] = 0x16;
            dtls[1] = (byte) 0xFE;
            dtls[2] = (byte) 0xFD;
            socket.send(new DatagramPacket(dtls, dtls.length, server));
            byte[] rtp = new byte[200];
            random.nextBytes(rtp);
            rtp[0] = (byte) 0x80;
            rtp[1] = 96;
            socket.send(new DatagramPacket(rtp, rtp.length, server));
        }
    }

    /**
     * A Binding request naming a real transport (by its ICE ufrag) but keyed with a wrong password; returns the
     * STUN error code the server answered with, or -1 when it did not answer.
     */
    static int stunWithWrongPassword(int mediaPort, String serverUfrag) throws Exception {
        byte[] transactionId = new byte[12];
        new Random(7).nextBytes(transactionId);
        byte[] request = StunWriter.bindingRequest(transactionId, serverUfrag + ":intruder",
                "not-the-password".getBytes(StandardCharsets.UTF_8), 1853817087L, true, 42L, true);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(3000);
            socket.send(new DatagramPacket(request, request.length, new InetSocketAddress("127.0.0.1", mediaPort)));
            byte[] buf = new byte[1500];
            DatagramPacket response = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(response);
            } catch (SocketTimeoutException e) {
                return -1;
            }
            StunMessage stun = StunMessage.parse(buf, 0, response.getLength());
            if (stun == null || !Arrays.equals(stun.transactionId(), transactionId)) {
                return -1;
            }
            return stun.errorCode();
        }
    }
}
