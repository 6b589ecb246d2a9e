package org.sanke.loadtest.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.sanke.media.dtls.DtlsCertificate;
import org.sanke.media.dtls.SrtpDtlsClient;
import org.sanke.media.dtls.SrtpKeys;
import org.sanke.media.dtls.SrtpProfile;
import org.sanke.media.packet.PacketKind;
import org.sanke.media.packet.StunMessage;
import org.sanke.media.packet.StunWriter;
import org.sanke.media.srtp.SrtpSession;

/**
 * One simulated PeerConnection: a UDP socket, ICE as the controlling agent, DTLS as client, SRTP. The shared
 * {@link ReceiveLoops} read the socket: STUN answers complete checks, DTLS goes to the handshake, SRTP goes decrypted
 * to the listener. Sending is thread-safe (one lock per connection).
 */
public final class MediaConnection implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BUFFER = 1628;

    /** Receives decrypted RTP, on the connection's reader thread. */
    public interface RtpListener {
        void onRtp(byte[] buf, int len, long receivedNanos);
    }

    public final String ufrag = randomString(8);
    public final String pwd = randomString(24);
    public final DtlsCertificate certificate;
    private final DatagramChannel channel;
    private final ReceiveLoops.Reading reading;
    private final FakeNetwork network;
    private final SplittableRandom lossRandom;
    private final BlockingQueue<byte[]> dtlsRecords = new ArrayBlockingQueue<>(64);
    /** Checks in flight by transaction id: the first check and a consent refresh may overlap. */
    private final java.util.concurrent.ConcurrentMap<String, CompletableFuture<StunMessage>> pendingChecks =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final byte[] sendBuffer = new byte[BUFFER];
    private volatile RtpListener listener;
    private volatile SrtpSession receiveSrtp;
    private SrtpSession sendSrtp;
    private InetSocketAddress server;
    private String remoteUfrag;
    private String remotePwd;
    private DTLSTransport dtls;
    private volatile boolean closed;

    public MediaConnection(DtlsCertificate certificate, FakeNetwork network) throws IOException {
        this.certificate = certificate;
        this.network = network;
        this.lossRandom = network.newRandom();
        this.channel = DatagramChannel.open();
        // Room for a second of video should this JVM stall (JIT, handshakes of other clients on the same cores).
        this.channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
        this.channel.bind(new InetSocketAddress(0));
        this.reading = ReceiveLoops.shared().register(channel, this::onDatagram);
    }

    public int localPort() {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            return 0;
        }
    }

    public void onRtp(RtpListener rtpListener) {
        this.listener = rtpListener;
    }

    /** ICE check, then the DTLS handshake, then SRTP; throws with a reason when any of them fails. */
    public void connect(SessionFacts remote) throws Exception {
        this.server = remote.candidate();
        this.remoteUfrag = remote.iceUfrag();
        this.remotePwd = remote.icePwd();
        if (check(true) == null) {
            throw new IOException("no answer to the ICE check from " + server);
        }
        AtomicReference<SrtpKeys> keys = new AtomicReference<>();
        SrtpDtlsClient client = new SrtpDtlsClient(certificate,
                new int[] {SrtpProfile.AEAD_AES_128_GCM.id, SrtpProfile.AES_CM_128_HMAC_SHA1_80.id}, keys::set);
        dtls = new DTLSClientProtocol().connect(client, new QueueTransport());
        if (!remote.fingerprint().equalsIgnoreCase(client.serverFingerprint())) {
            throw new IOException("the server's DTLS certificate does not match its SDP fingerprint");
        }
        synchronized (this) {
            sendSrtp = new SrtpSession(keys.get());
        }
        receiveSrtp = new SrtpSession(keys.get());
    }

    /** Whether ICE and DTLS are done and SRTP is running. */
    public boolean connected() {
        return receiveSrtp != null;
    }

    /** A connectivity check (also the consent refresh); the answer, or null after about 10 s. */
    public StunMessage check(boolean nominate) throws Exception {
        byte[] transaction = new byte[12];
        RANDOM.nextBytes(transaction);
        byte[] request = StunWriter.bindingRequest(transaction, remoteUfrag + ":" + ufrag,
                remotePwd.getBytes(StandardCharsets.UTF_8), 1853817087L, nominate, RANDOM.nextLong(), true);
        CompletableFuture<StunMessage> answer = new CompletableFuture<>();
        String key = java.util.HexFormat.of().formatHex(transaction);
        pendingChecks.put(key, answer);
        try {
            long waitMillis = 500;
            for (long spent = 0; spent < 10_000 && !answer.isDone(); spent += waitMillis, waitMillis = Math.min(2000,
                    waitMillis * 2)) {
                send(request, request.length);
                try {
                    return answer.get(waitMillis, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException retry) {
                    // retransmitted with a growing interval, as ICE does (RFC 8445 §14.3), for about 10 s: a loaded
                    // server may answer late, and a browser would wait as long
                }
            }
            return answer.isDone() ? answer.get() : null;
        } finally {
            pendingChecks.remove(key);
        }
    }

    /** Encrypts and sends a plain RTP packet. */
    public synchronized void sendRtp(byte[] plain, int len) throws IOException {
        System.arraycopy(plain, 0, sendBuffer, 0, len);
        int protectedLength = sendSrtp.protectRtp(sendBuffer, 0, len);
        if (protectedLength > 0) {
            send(sendBuffer, protectedLength);
        }
    }

    private void send(byte[] buf, int len) throws IOException {
        channel.send(ByteBuffer.wrap(buf, 0, len), server);
    }

    /** One datagram from the socket, on a receive loop's thread. */
    private void onDatagram(byte[] buf, int len, long now) {
        if (closed) {
            return;
        }
        switch (PacketKind.classify(buf, 0, len)) {
            case STUN -> {
                StunMessage stun = StunMessage.parse(buf, 0, len);
                if (stun != null && stun.isBindingRequest()) {
                    answerCheck(stun);
                    return;
                }
                CompletableFuture<StunMessage> waiting = stun == null || !stun.isBindingSuccess() ? null
                        : pendingChecks.get(java.util.HexFormat.of().formatHex(stun.transactionId()));
                if (waiting != null) {
                    waiting.complete(stun);
                }
            }
            case DTLS -> dtlsRecords.offer(Arrays.copyOf(buf, len));
            case RTP -> {
                SrtpSession srtp = receiveSrtp;
                RtpListener rtp = listener;
                if (srtp != null && rtp != null && !network.dropsReceived(lossRandom)) {
                    int plain = srtp.unprotectRtp(buf, 0, len);
                    if (plain > 0) {
                        rtp.onRtp(buf, plain, now);
                    }
                }
            }
            default -> { } // RTCP from the server (reports, feedback): not measured
        }
    }

    /** A full-ICE server checks us too: answer checks that carry our credentials. */
    private void answerCheck(StunMessage stun) {
        byte[] key = pwd.getBytes(StandardCharsets.UTF_8);
        if (server != null && stun.username() != null && stun.username().startsWith(ufrag + ":")
                && stun.checkMessageIntegrity(key)) {
            // The mapped address is where the request came from: we only ever talk to the server.
            byte[] response = StunWriter.bindingSuccess(stun.transactionId(), server, key);
            try {
                send(response, response.length);
            } catch (IOException ignored) {
                // the server checks again
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (dtls != null) {
                dtls.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        reading.close();
    }

    private static String randomString(int length) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(chars.charAt(RANDOM.nextInt(chars.length())));
        }
        return s.toString();
    }

    /** BouncyCastle's DTLS reads records the reader thread queued, and writes to the socket. */
    private final class QueueTransport implements DatagramTransport {
        @Override
        public int getReceiveLimit() {
            return 1500;
        }

        @Override
        public int getSendLimit() {
            return 1200;
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            try {
                byte[] record = dtlsRecords.poll(waitMillis, TimeUnit.MILLISECONDS);
                if (record == null) {
                    return -1;
                }
                int n = Math.min(len, record.length);
                System.arraycopy(record, 0, buf, off, n);
                return n;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
        }

        @Override
        public void send(byte[] buf, int off, int len) throws IOException {
            channel.send(ByteBuffer.wrap(buf, off, len), server);
        }

        @Override
        public void close() {
        }
    }
}
