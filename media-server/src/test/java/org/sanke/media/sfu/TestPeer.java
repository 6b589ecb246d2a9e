package org.sanke.media.sfu;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.UDPTransport;
import org.sanke.media.api.TransportParameters;
import org.sanke.media.api.WebRtcTransport;
import org.sanke.media.dtls.DtlsCertificate;
import org.sanke.media.dtls.SrtpDtlsClient;
import org.sanke.media.dtls.SrtpKeys;
import org.sanke.media.dtls.SrtpProfile;
import org.sanke.media.packet.PacketKind;
import org.sanke.media.packet.StunMessage;
import org.sanke.media.packet.StunWriter;
import org.sanke.media.srtp.SrtpSession;

/** What a browser does on one PeerConnection, reduced to what a media-server test needs: ICE, DTLS, SRTP. */
final class TestPeer implements AutoCloseable {
    static final String UFRAG = "peer";
    static final String PWD = "peer-password-0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    final DatagramSocket socket;
    final DtlsCertificate certificate = DtlsCertificate.generate();
    private final InetSocketAddress server;
    private DTLSTransport dtls;
    private SrtpSession srtp;

    TestPeer(int serverPort) throws IOException {
        this.server = new InetSocketAddress("127.0.0.1", serverPort);
        this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        this.socket.connect(server);
        // Room for a burst of retransmissions the test reads only afterwards.
        this.socket.setReceiveBufferSize(4 * 1024 * 1024);
    }

    /** Sends a connectivity check and returns the server's answer (null on silence). */
    StunMessage check(TransportParameters remote, String password) throws IOException {
        byte[] transaction = new byte[12];
        RANDOM.nextBytes(transaction);
        byte[] request = StunWriter.bindingRequest(transaction, remote.iceUfrag() + ":" + UFRAG,
                password.getBytes(StandardCharsets.UTF_8), 1853817087L, true, RANDOM.nextLong(), true);
        send(request, request.length);
        byte[] buf = new byte[1500];
        socket.setSoTimeout(3000);
        while (true) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return null;
            }
            StunMessage stun = StunMessage.parse(buf, 0, packet.getLength());
            if (stun != null && Arrays.equals(stun.transactionId(), transaction)) {
                return stun;
            }
        }
    }

    /** ICE check, then the DTLS handshake as client; afterwards SRTP is ready. */
    void connect(WebRtcTransport transport) throws Exception {
        transport.connect(UFRAG, PWD, "sha-256", certificate.sha256Fingerprint()).get();
        if (check(transport.parameters(), transport.parameters().icePwd()) == null) {
            throw new IllegalStateException("no answer to the connectivity check");
        }
        AtomicReference<SrtpKeys> keys = new AtomicReference<>();
        SrtpDtlsClient client = new SrtpDtlsClient(certificate,
                new int[] {SrtpProfile.AEAD_AES_128_GCM.id, SrtpProfile.AES_CM_128_HMAC_SHA1_80.id}, keys::set);
        socket.setSoTimeout(0);
        dtls = new DTLSClientProtocol().connect(client, new UDPTransport(socket, 1500));
        if (!transport.parameters().dtlsFingerprint().equals(client.serverFingerprint())) {
            throw new IllegalStateException("the server's certificate does not match its fingerprint");
        }
        srtp = new SrtpSession(keys.get());
    }

    void sendRtp(byte[] plain, int len) throws IOException {
        byte[] buf = Arrays.copyOf(plain, 1628);
        send(buf, srtp.protectRtp(buf, 0, len));
    }

    void sendRtcp(byte[] plain, int len) throws IOException {
        byte[] buf = Arrays.copyOf(plain, 1628);
        send(buf, srtp.protectRtcp(buf, 0, len));
    }

    void send(byte[] buf, int len) throws IOException {
        socket.send(new DatagramPacket(buf, len, server));
    }

    /**
     * The next RTP (or, with {@code rtcp}, RTCP) packet, decrypted, or null after {@code timeoutMillis} of nothing.
     */
    byte[] receive(boolean rtcp, int timeoutMillis) throws IOException {
        byte[] buf = new byte[1628];
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            socket.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
            DatagramPacket packet = new DatagramPacket(buf, 1500);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return null;
            }
            PacketKind kind = PacketKind.classify(buf, 0, packet.getLength());
            if (kind == (rtcp ? PacketKind.RTCP : PacketKind.RTP)) {
                int len = rtcp ? srtp.unprotectRtcp(buf, 0, packet.getLength())
                        : srtp.unprotectRtp(buf, 0, packet.getLength());
                if (len > 0) {
                    return Arrays.copyOf(buf, len);
                }
            }
        }
        return null;
    }

    /** The stream with this SSRC has ended (a browser drops its sender or receiver): forget its SRTP state. */
    void forgetStream(int ssrc) {
        srtp.removeSendStream(ssrc);
        srtp.removeReceiveStream(ssrc);
    }

    @Override
    public void close() {
        socket.close();
    }
}
