package org.sanke.media.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The DTLS server of one transport. BouncyCastle's DTLS API blocks, so the handshake runs on a thread of the
 * {@link DtlsHandshakePool}, fed by a bounded queue of records, and the reading that follows on a virtual thread;
 * the event loop only copies records into that queue and never waits. The handshake is queued when the first record
 * (the ClientHello) arrives, so a transport whose peer never shows up costs the pool nothing.
 *
 * <p>Threads: {@link #setRemoteFingerprint}, {@link #receive} and {@link #close} are called by the transport's event
 * loop; the {@link Listener} and {@link RecordSender} are called from the handshake or reader thread. The listener
 * hears exactly one of connected-then-closed, failed.
 */
public final class DtlsServerSession {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int QUEUE_CAPACITY = 64;
    static final int RECEIVE_LIMIT = 1500;
    static final int SEND_LIMIT = 1200;

    /** Writes one DTLS datagram toward the peer; thread-safe. */
    public interface RecordSender {
        void send(byte[] buf, int off, int len);
    }

    /** Outcomes of the session, called from the handshake thread. */
    public interface Listener {
        void onDtlsConnected(SrtpKeys keys);

        void onDtlsFailed(String reason, Throwable cause);

        /** The peer sent close_notify after a successful handshake. */
        void onDtlsClosed();
    }

    private final DtlsCertificate certificate;
    private final DtlsHandshakePool pool;
    private final RecordSender sender;
    private final Listener listener;
    private final BlockingQueue<byte[]> inbound = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicBoolean finished = new AtomicBoolean();
    private boolean queued;
    private volatile long queuedAtNanos;
    private volatile boolean closed;
    private volatile String remoteFingerprint;
    private volatile DTLSTransport dtls;
    private volatile Thread worker;

    public DtlsServerSession(DtlsCertificate certificate, DtlsHandshakePool pool, RecordSender sender,
                             Listener listener) {
        this.certificate = certificate;
        this.pool = pool;
        this.sender = sender;
        this.listener = listener;
    }

    /** The fingerprint from the peer's SDP; the handshake fails unless its certificate matches. */
    public void setRemoteFingerprint(String algorithm, String fingerprint) {
        if (!"sha-256".equalsIgnoreCase(algorithm)) {
            remoteFingerprint = "unsupported:" + algorithm;
            return;
        }
        remoteFingerprint = fingerprint.trim().toUpperCase(Locale.ROOT);
    }

    String remoteFingerprint() {
        return remoteFingerprint;
    }

    /**
     * Hands a DTLS datagram to the session; copies it, drops it when the session is backed up or closed. The first
     * one queues the handshake.
     */
    public void receive(byte[] buf, int off, int len) {
        if (closed) {
            return;
        }
        inbound.offer(Arrays.copyOfRange(buf, off, off + len));
        if (!queued) {
            queued = true;
            queuedAtNanos = pool.nanoTime();
            if (!pool.submit(this::handshake)) {
                fail("too many DTLS handshakes waiting", null);
            }
        }
    }

    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        DTLSTransport transport = dtls;
        if (transport != null) {
            try {
                transport.close(); // sends close_notify
            } catch (IOException ignored) {
                // the peer may be gone already
            }
        }
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void handshake() {
        worker = Thread.currentThread();
        if (closed) {
            return;
        }
        long left = pool.timeoutNanos() - (pool.nanoTime() - queuedAtNanos);
        if (left <= 0) {
            fail("waited longer than the handshake timeout for a DTLS thread", null);
            return;
        }
        SrtpDtlsServer server = new SrtpDtlsServer(new BcTlsCrypto(RANDOM), certificate, this::remoteFingerprint,
                (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        DTLSServerProtocol protocol = new DTLSServerProtocol();
        // ICE has already proven the address, so skip the cookie round trip (RFC 6347 §4.2.1 allows it).
        protocol.setVerifyRequests(false);
        DTLSTransport transport;
        try {
            transport = protocol.accept(server, new QueueTransport());
        } catch (IOException | RuntimeException e) {
            fail(closed ? "closed during the handshake" : "handshake failed: " + describe(e), e);
            return;
        }
        dtls = transport;
        if (closed) {
            return;
        }
        if (finished.compareAndSet(false, true)) {
            listener.onDtlsConnected(server.srtpKeys());
        }
        worker = null;
        pool.afterHandshake(() -> readUntilClosed(transport, server));
    }

    /** After the handshake only alerts matter (WebRTC sends no application data on an SRTP-only transport). */
    private void readUntilClosed(DTLSTransport transport, SrtpDtlsServer server) {
        worker = Thread.currentThread();
        byte[] buf = new byte[RECEIVE_LIMIT];
        while (!closed) {
            try {
                transport.receive(buf, 0, buf.length, 1000);
            } catch (IOException | RuntimeException e) {
                break;
            }
            if (server.peerClosed()) {
                break;
            }
        }
        if (!closed) {
            closed = true;
            listener.onDtlsClosed();
        }
    }

    private void fail(String reason, Throwable cause) {
        if (finished.compareAndSet(false, true)) {
            listener.onDtlsFailed(reason, cause);
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** BouncyCastle's view of the network: records from the queue, records out through the sender. */
    private final class QueueTransport implements DatagramTransport {
        @Override
        public int getReceiveLimit() {
            return RECEIVE_LIMIT;
        }

        @Override
        public int getSendLimit() {
            return SEND_LIMIT;
        }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            if (closed) {
                throw new IOException("DTLS session closed");
            }
            byte[] record;
            try {
                record = inbound.poll(waitMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("DTLS session closed");
            }
            if (record == null) {
                return -1;
            }
            int n = Math.min(len, record.length);
            System.arraycopy(record, 0, buf, off, n);
            return n;
        }

        @Override
        public void send(byte[] buf, int off, int len) {
            if (!closed || dtls != null) {
                sender.send(buf, off, len);
            }
        }

        @Override
        public void close() {
            // the socket is shared by every transport: nothing to close here
        }
    }
}
