package org.sanke.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DatagramTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DtlsServerSessionTest {
    private static final int GCM = SrtpProfile.AEAD_AES_128_GCM.id;
    private static final int CM = SrtpProfile.AES_CM_128_HMAC_SHA1_80.id;

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final DtlsCertificate serverCertificate = DtlsCertificate.generate();
    private final DtlsCertificate clientCertificate = DtlsCertificate.generate();
    private final BlockingQueue<byte[]> toClient = new LinkedBlockingQueue<>();
    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    private final CompletableFuture<SrtpKeys> serverKeys = new CompletableFuture<>();
    private final CompletableFuture<String> serverFailure = new CompletableFuture<>();
    private DtlsServerSession session;

    @AfterEach
    void tearDown() {
        if (session != null) {
            session.close();
        }
        executor.shutdownNow();
    }

    private void startServer(String expectedClientFingerprint) {
        session = new DtlsServerSession(serverCertificate, executor,
                (buf, off, len) -> toClient.add(Arrays.copyOfRange(buf, off, off + len)),
                new DtlsServerSession.Listener() {
                    @Override
                    public void onDtlsConnected(SrtpKeys keys) {
                        outcomes.add("connected");
                        serverKeys.complete(keys);
                    }

                    @Override
                    public void onDtlsFailed(String reason, Throwable cause) {
                        outcomes.add("failed");
                        serverFailure.complete(reason);
                    }

                    @Override
                    public void onDtlsClosed() {
                        outcomes.add("closed");
                    }
                });
        session.setRemoteFingerprint("sha-256", expectedClientFingerprint);
        session.start();
    }

    /** Runs the client handshake on its own thread; completes with its keys or fails with its exception. */
    private CompletableFuture<SrtpKeys> handshake(int... profiles) {
        CompletableFuture<SrtpKeys> clientKeys = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                new DTLSClientProtocol().connect(new SrtpDtlsClient(clientCertificate, profiles, clientKeys::complete),
                        new ClientTransport());
            } catch (Exception e) {
                clientKeys.completeExceptionally(e);
            }
        });
        return clientKeys;
    }

    @Test
    void browserLikeClientGetsGcmAndBothSidesDeriveMirroredKeys() throws Exception {
        startServer(clientCertificate.sha256Fingerprint());
        SrtpKeys client = handshake(GCM, CM).get(20, TimeUnit.SECONDS);
        SrtpKeys server = serverKeys.get(20, TimeUnit.SECONDS);
        assertThat(server.profile()).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
        assertThat(client.profile()).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
        assertThat(server.localMasterKey()).isEqualTo(client.remoteMasterKey());
        assertThat(server.localMasterSalt()).isEqualTo(client.remoteMasterSalt());
        assertThat(server.remoteMasterKey()).isEqualTo(client.localMasterKey());
        assertThat(server.localMasterKey()).isNotEqualTo(server.remoteMasterKey());
        assertThat(outcomes).containsExactly("connected");
    }

    @Test
    void aesCounterModeWhenThatIsAllTheClientOffers() throws Exception {
        startServer(clientCertificate.sha256Fingerprint());
        SrtpKeys client = handshake(CM).get(20, TimeUnit.SECONDS);
        assertThat(client.profile()).isEqualTo(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        assertThat(serverKeys.get(20, TimeUnit.SECONDS).localMasterSalt()).hasSize(14);
    }

    @Test
    void certificateThatDoesNotMatchTheSdpFingerprintFails() throws Exception {
        startServer(DtlsCertificate.generate().sha256Fingerprint());
        CompletableFuture<SrtpKeys> client = handshake(GCM, CM);
        assertThat(serverFailure.get(20, TimeUnit.SECONDS)).contains("fingerprint");
        assertThatThrownBy(() -> client.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
        assertThat(outcomes).containsExactly("failed");
    }

    @Test
    void clientWithoutUseSrtpFails() throws Exception {
        startServer(clientCertificate.sha256Fingerprint());
        handshake();
        assertThat(serverFailure.get(20, TimeUnit.SECONDS)).contains("use_srtp");
        assertThat(outcomes).containsExactly("failed");
    }

    @Test
    void garbageDuringTheHandshakeIsSurvived() throws Exception {
        startServer(clientCertificate.sha256Fingerprint());
        byte[] junk = new byte[80];
        new java.util.Random(5).nextBytes(junk);
        junk[0] = 0x16;
        junk[1] = (byte) 0xFE;
        junk[2] = (byte) 0xFD;
        session.receive(junk, 0, junk.length);
        SrtpKeys client = handshake(GCM).get(20, TimeUnit.SECONDS);
        assertThat(client).isNotNull();
        assertThat(serverKeys.get(20, TimeUnit.SECONDS)).isNotNull();
        session.close();
        session.close();
        Thread.sleep(200);
        assertThat(outcomes).containsExactly("connected");
    }

    /** The client's datagrams go straight into the session, as the event loop would pass them. */
    private final class ClientTransport implements DatagramTransport {
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
                byte[] record = toClient.poll(waitMillis, TimeUnit.MILLISECONDS);
                if (record == null) {
                    return -1;
                }
                System.arraycopy(record, 0, buf, off, record.length);
                return record.length;
            } catch (InterruptedException e) {
                throw new IOException("interrupted", e);
            }
        }

        @Override
        public void send(byte[] buf, int off, int len) {
            session.receive(buf, off, len);
        }

        @Override
        public void close() {
        }
    }
}
