package org.sanke.loadtest.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sanke.media.dtls.SrtpKeys;
import org.sanke.media.dtls.SrtpProfile;
import org.sanke.media.packet.RtpHeaderWriter;
import org.sanke.media.packet.RtpPacket;
import org.sanke.media.srtp.SrtpSession;

/**
 * Where a forwarded video packet's time goes, with the media server's own parts: SRTP decryption of the incoming
 * packet (once), then for each subscriber the header rewrite (SSRC, sequence, timestamp, the server's extensions),
 * the payload copy and SRTP encryption, as the consumer does. Sockets are left out: this is the CPU work per packet.
 * Run: {@code ./sanke jmh} (docs/benchmarks.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ForwardingPathBenchmark {
    private static final int PAYLOAD = 1100;
    /** Distinct incoming packets, cycled; the receive session is renewed at each cycle for its replay window. */
    private static final int PACKETS = 4096;

    @Param({"1", "10", "100"})
    int subscribers;

    @Param({"AEAD_AES_128_GCM", "AES_CM_128_HMAC_SHA1_80"})
    SrtpProfile profile;

    private final byte[][] encrypted = new byte[PACKETS][1628];
    private final int[] encryptedLength = new int[PACKETS];
    private SrtpKeys receiveKeys;
    private int next;
    private final byte[] in = new byte[1628];
    private final byte[] out = new byte[1628];
    private final RtpPacket rtp = new RtpPacket();
    private SrtpSession receive;
    private SrtpSession[] send;
    private int sequence;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        byte[] material = new byte[SrtpKeys.keyingMaterialLength(profile)];
        random.nextBytes(material);
        SrtpSession publisher = new SrtpSession(SrtpKeys.fromKeyingMaterial(profile, material, false));
        receiveKeys = SrtpKeys.fromKeyingMaterial(profile, material, true);
        receive = new SrtpSession(receiveKeys);
        send = new SrtpSession[subscribers];
        for (int i = 0; i < subscribers; i++) {
            byte[] subscriberMaterial = new byte[SrtpKeys.keyingMaterialLength(profile)];
            random.nextBytes(subscriberMaterial);
            send[i] = new SrtpSession(SrtpKeys.fromKeyingMaterial(profile, subscriberMaterial, true));
        }
        for (int p = 0; p < PACKETS; p++) {
            int pos = RtpHeaderWriter.writeFixedHeader(encrypted[p], 0, 96, false, p, 90000 + p * 3000, 0x1234);
            for (int i = 0; i < PAYLOAD; i++) {
                encrypted[p][pos + i] = (byte) random.nextInt();
            }
            encryptedLength[p] = publisher.protectRtp(encrypted[p], 0, pos + PAYLOAD);
        }
    }

    /** The whole path for one incoming packet and all its subscribers. */
    @Benchmark
    public int forwardToAll() {
        int plain = decryptNext();
        if (plain < 0 || !rtp.wrap(in, 0, plain)) {
            throw new IllegalStateException("decryption failed");
        }
        int total = 0;
        for (SrtpSession subscriber : send) {
            total += subscriber.protectRtp(out, 0, rewrite());
        }
        return total;
    }

    /** Decryption alone, per incoming packet. */
    @Benchmark
    public int decryptOnly() {
        return decryptNext();
    }

    private int rewrite() {
        sequence++;
        int pos = RtpHeaderWriter.writeFixedHeader(out, 0, 96, rtp.marker(), sequence & 0xFFFF, rtp.timestamp() + 7,
                0x5678);
        int block = RtpHeaderWriter.beginOneByteExtensions(out, pos);
        int ext = RtpHeaderWriter.putOneByteExtension24(out, block, 2, sequence);
        ext = RtpHeaderWriter.putOneByteExtension16(out, ext, 3, sequence);
        pos = RtpHeaderWriter.endOneByteExtensions(out, 0, block, ext);
        System.arraycopy(in, rtp.payloadOffset(), out, pos, rtp.payloadLength());
        return pos + rtp.payloadLength();
    }

    /** Decrypts the next prepared packet; a new cycle gets a new receive session (amortized over 4096). */
    private int decryptNext() {
        if (next == PACKETS) {
            next = 0;
            receive = new SrtpSession(receiveKeys);
        }
        int p = next++;
        System.arraycopy(encrypted[p], 0, in, 0, encryptedLength[p]);
        return receive.unprotectRtp(in, 0, encryptedLength[p]);
    }
}
