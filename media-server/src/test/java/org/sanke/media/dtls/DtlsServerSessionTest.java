package org.sanke.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DatagramTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DtlsServerSessionTest {
    private static final int GCM = SrtpProfile.AEAD_AES_128_GCM.id;
    private static final int CM = SrtpProfile.AES_CM_128_HMAC_SHA1_80.id;

    private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
    private final DtlsCertificate serverCertificate = DtlsCertificate.generate();
    private final DtlsCertificate clientCertificate = DtlsCertificate.generate();
    private final AtomicLong nanos = new AtomicLong();
    private final List<Link> links = new ArrayList<>();
    private DtlsHandshakePool pool = pool(2);

    private DtlsHandshakePool pool(int threads) {
        return new DtlsHandshakePool(threads, 16, Duration.ofSeconds(30), nanos::get);
    }

    @AfterEach
    void tearDown() {
        links.forEach(link -> link.session.close());
        pool.close();
        clients.shutdownNow();
    }

    /** One server session and the client that talks to it, their datagrams passed by hand as the loop would. */
    private final class Link {
        final BlockingQueue<byte[]> toClient = new LinkedBlockingQueue<>();
        final List<String> outcomes = new CopyOnWriteArrayList<>();
        final CompletableFuture<SrtpKeys> serverKeys = new CompletableFuture<>();
        final CompletableFuture<String> serverFailure = new CompletableFuture<>();
        final DtlsServerSession session;

        Link(String expectedClientFingerprint) {
            session = new DtlsServerSession(serverCertificate, pool,
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
            links.add(this);
        }

        /** Runs the client handshake on its own thread; completes with its keys or fails with its exception. */
        CompletableFuture<SrtpKeys> handshake(int... profiles) {
            CompletableFuture<SrtpKeys> clientKeys = new CompletableFuture<>();
            clients.execute(() -> {
                try {
                    new DTLSClientProtocol().connect(
                            new SrtpDtlsClient(clientCertificate, profiles, clientKeys::complete), new ClientTransport());
                } catch (Exception e) {
                    clientKeys.completeExceptionally(e);
                }
            });
            return clientKeys;
        }

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

    private Link link() {
        return new Link(clientCertificate.sha256Fingerprint());
    }

    @Test
    void browserLikeClientGetsGcmAndBothSidesDeriveMirroredKeys() throws Exception {
        Link link = link();
        SrtpKeys client = link.handshake(GCM, CM).get(20, TimeUnit.SECONDS);
        SrtpKeys server = link.serverKeys.get(20, TimeUnit.SECONDS);
        assertThat(server.profile()).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
        assertThat(client.profile()).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
        assertThat(server.localMasterKey()).isEqualTo(client.remoteMasterKey());
        assertThat(server.localMasterSalt()).isEqualTo(client.remoteMasterSalt());
        assertThat(server.remoteMasterKey()).isEqualTo(client.localMasterKey());
        assertThat(server.localMasterKey()).isNotEqualTo(server.remoteMasterKey());
        assertThat(link.outcomes).containsExactly("connected");
    }

    @Test
    void aesCounterModeWhenThatIsAllTheClientOffers() throws Exception {
        Link link = link();
        SrtpKeys client = link.handshake(CM).get(20, TimeUnit.SECONDS);
        assertThat(client.profile()).isEqualTo(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        assertThat(link.serverKeys.get(20, TimeUnit.SECONDS).localMasterSalt()).hasSize(14);
    }

    @Test
    void certificateThatDoesNotMatchTheSdpFingerprintFails() throws Exception {
        Link link = new Link(DtlsCertificate.generate().sha256Fingerprint());
        CompletableFuture<SrtpKeys> client = link.handshake(GCM, CM);
        assertThat(link.serverFailure.get(20, TimeUnit.SECONDS)).contains("fingerprint");
        assertThatThrownBy(() -> client.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
        assertThat(link.outcomes).containsExactly("failed");
    }

    @Test
    void clientWithoutUseSrtpFails() throws Exception {
        Link link = link();
        link.handshake();
        assertThat(link.serverFailure.get(20, TimeUnit.SECONDS)).contains("use_srtp");
        assertThat(link.outcomes).containsExactly("failed");
    }

    @Test
    void garbageDuringTheHandshakeIsSurvivedAndClosingAfterwardsSaysNothingMore() throws Exception {
        Link link = link();
        byte[] junk = new byte[80];
        new java.util.Random(5).nextBytes(junk);
        junk[0] = 0x16;
        junk[1] = (byte) 0xFE;
        junk[2] = (byte) 0xFD;
        link.session.receive(junk, 0, junk.length);
        SrtpKeys client = link.handshake(GCM).get(20, TimeUnit.SECONDS);
        assertThat(client).isNotNull();
        assertThat(link.serverKeys.get(20, TimeUnit.SECONDS)).isNotNull();
        link.session.close();
        link.session.close();
        pool.close(); // waits for the session's reader to end: whatever it would say has been said
        assertThat(link.outcomes).containsExactly("connected");
    }

    @Test
    void withOneThreadSimultaneousHandshakesWaitTheirTurnAndAllComplete() throws Exception {
        pool.close();
        pool = pool(1);
        CountDownLatch busy = new CountDownLatch(1);
        assertThat(pool.submit(() -> awaitQuietly(busy))).isTrue();
        List<CompletableFuture<SrtpKeys>> clientKeys = new ArrayList<>();
        int handshakes = 5;
        for (int i = 0; i < handshakes; i++) {
            clientKeys.add(link().handshake(GCM));
        }
        assertThat(await(pool::queued, handshakes)).as("every ClientHello queued a handshake").isEqualTo(handshakes);
        busy.countDown();
        for (CompletableFuture<SrtpKeys> keys : clientKeys) {
            assertThat(keys.get(30, TimeUnit.SECONDS)).isNotNull();
        }
        for (Link link : links) {
            assertThat(link.serverKeys.get(5, TimeUnit.SECONDS)).isNotNull();
        }
        assertThat(pool.queued()).isZero();
    }

    @Test
    void aHandshakeThatWaitedLongerThanItsTimeoutFailsWithoutStarting() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        pool.close();
        pool = pool(1);
        pool.submit(() -> awaitQuietly(busy));
        Link link = link();
        link.handshake(GCM);
        assertThat(await(pool::queued, 1)).isEqualTo(1);
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        busy.countDown();
        assertThat(link.serverFailure.get(10, TimeUnit.SECONDS)).contains("waited longer");
        assertThat(link.outcomes).containsExactly("failed");
    }

    @Test
    void aFullQueueRefusesTheHandshakeAtOnce() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        pool.close();
        pool = new DtlsHandshakePool(1, 1, Duration.ofSeconds(30), nanos::get);
        pool.submit(() -> awaitQuietly(busy));
        pool.submit(() -> awaitQuietly(busy));
        Link link = link();
        link.handshake(GCM);
        assertThat(link.serverFailure.get(10, TimeUnit.SECONDS)).contains("too many");
        busy.countDown();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits on real time (the handshakes run on threads) until {@code value} reaches {@code expected}. */
    private static int await(IntSupplier value, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (value.getAsInt() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return value.getAsInt();
    }
}
