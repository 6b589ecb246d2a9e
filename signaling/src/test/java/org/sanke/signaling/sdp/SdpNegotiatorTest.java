package org.sanke.signaling.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sanke.media.api.ConsumerParameters;
import org.sanke.media.api.IceCandidate;
import org.sanke.media.api.MediaKind;
import org.sanke.media.api.ProducerParameters;
import org.sanke.media.api.RtpCodec;
import org.sanke.media.api.TransportParameters;

class SdpNegotiatorTest {
    private static final TransportParameters LOCAL = new TransportParameters("srvUfrag", "serverPassword0123456789",
            "AB:".repeat(31) + "AB", List.of(new IceCandidate("1", 2130706431L, "127.0.0.1", 10000)));
    private final SdpNegotiator negotiator = new SdpNegotiator();

    static String fixture(String name) {
        try (InputStream in = SdpNegotiatorTest.class.getResourceAsStream("/sdp/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyCapturedSdpParses() throws SdpException {
        for (String name : List.of("chromium-publish-offer.sdp", "chromium-publish-answer.sdp",
                "chromium-subscribe-offer.sdp", "chromium-subscribe-answer.sdp")) {
            assertThat(SdpParser.parse(fixture(name)).media).as(name).isNotEmpty();
        }
    }

    @Test
    void answersChromiumsPublishOffer() throws SdpException {
        PublishNegotiation n = negotiator.answerPublish(fixture("chromium-publish-offer.sdp"), LOCAL);
        assertThat(n.remoteIceUfrag()).isEqualTo("W7AG");
        assertThat(n.fingerprintAlgorithm()).isEqualTo("sha-256");
        assertThat(n.fingerprint()).startsWith("DC:6C:1E");
        assertThat(n.tracks()).hasSize(2);
        ProducerParameters audio = n.tracks().get(0);
        assertThat(audio.mid()).isEqualTo("0");
        assertThat(audio.kind()).isEqualTo(MediaKind.AUDIO);
        assertThat(audio.codec().name()).isEqualTo("opus");
        assertThat(audio.codec().payloadType()).isEqualTo(111);
        assertThat(audio.codec().rtcpFeedback()).containsExactly("transport-cc");
        assertThat(audio.ssrc()).isNotZero();
        assertThat(audio.extensions().audioLevel()).isEqualTo(1);
        assertThat(audio.extensions().transportWideCc()).isEqualTo(3);
        assertThat(audio.extensions().mid()).isEqualTo(4);
        ProducerParameters video = n.tracks().get(1);
        assertThat(video.codec().name()).isEqualTo("VP8");
        assertThat(video.codec().payloadType()).isEqualTo(96);
        assertThat(video.codec().rtxPayloadType()).isEqualTo(97);
        assertThat(video.codec().rtcpFeedback()).contains("nack", "nack pli", "transport-cc")
                .doesNotContain("goog-remb");
        assertThat(video.ssrc()).isNotZero();
        assertThat(video.rtxSsrc()).isNotZero().isNotEqualTo(video.ssrc());
        assertThat(video.extensions().audioLevel()).isZero();

        String answer = n.answerSdp();
        SessionDescription parsed = SdpParser.parse(answer);
        assertThat(parsed.sessionAttribute("ice-lite")).isEqualTo("");
        assertThat(parsed.bundleGroup()).containsExactly("0", "1");
        for (MediaSection section : parsed.media) {
            assertThat(section.direction()).isEqualTo("recvonly");
            assertThat(section.attribute("setup")).isEqualTo("passive");
            assertThat(section.attribute("ice-ufrag")).isEqualTo("srvUfrag");
            assertThat(section.attributes("candidate")).containsExactly(LOCAL.candidates().get(0).sdpValue());
            assertThat(section.has("rtcp-mux")).isTrue();
        }
        assertThat(parsed.media.get(1).formats).containsExactly("96", "97");
        assertThat(answer).endsWith("\r\n").doesNotContain("\n\n");
    }

    @Test
    void choosesH264WhenVp8IsNotOffered() throws SdpException {
        String offer = fixture("chromium-publish-offer.sdp").replaceFirst("(m=video 9 UDP/TLS/RTP/SAVPF) 96 97", "$1");
        ProducerParameters video = negotiator.answerPublish(offer, LOCAL).tracks().get(1);
        assertThat(video.codec().name()).isEqualTo("H264");
        assertThat(video.codec().fmtp()).contains("packetization-mode=1").contains("profile-level-id=42e01f");
        assertThat(video.codec().rtxPayloadType()).isNotNegative();
        assertThat(SdpNegotiator.subscribeCodec(video.codec()).payloadType()).isEqualTo(102);
    }

    @Test
    void subscribeOfferHasAnAnchorAndRejectsRemovedTracks() throws SdpException {
        RtpCodec vp8 = SdpNegotiator.subscribeCodec(new RtpCodec(96, "VP8", 90000, 0, "", List.of(), 97));
        RtpCodec opus = SdpNegotiator.subscribeCodec(new RtpCodec(111, "opus", 48000, 2, "", List.of(), -1));
        List<OfferedTrack> tracks = List.of(
                new OfferedTrack(MediaKind.AUDIO, false, new ConsumerParameters("1", opus, 11, 0, "p1"), "p1", "p1-1"),
                new OfferedTrack(MediaKind.VIDEO, true, new ConsumerParameters("2", vp8, -5, 13, "p2"), "p2", "p2-2"));
        String offer = negotiator.offerSubscribe(LOCAL, tracks, 77, 3);
        SessionDescription parsed = SdpParser.parse(offer);
        assertThat(parsed.bundleGroup()).containsExactly(SdpNegotiator.ANCHOR_MID, "2");
        assertThat(parsed.media).hasSize(3);
        assertThat(parsed.media.get(0).direction()).isEqualTo("inactive");
        assertThat(parsed.media.get(0).attribute("setup")).isEqualTo("actpass");
        assertThat(parsed.media.get(1).port).isZero();
        MediaSection video = parsed.media.get(2);
        assertThat(video.direction()).isEqualTo("sendonly");
        assertThat(video.attribute("ssrc-group")).isEqualTo("FID 4294967291 13");
        assertThat(video.attributes("ssrc")).contains("4294967291 cname:p2", "13 msid:p2 p2-2");
        assertThat(video.attributes("extmap")).hasSize(2);
        assertThat(offer).contains("o=- 77 3 IN IP4");
    }

    @Test
    void acceptsChromiumsSubscribeAnswer() throws SdpException {
        SessionDescription offer = SdpParser.parse(fixture("chromium-subscribe-offer.sdp"));
        List<OfferedTrack> offered = new ArrayList<>();
        for (MediaSection section : offer.media.subList(1, offer.media.size())) {
            MediaKind kind = section.kind.equals("audio") ? MediaKind.AUDIO : MediaKind.VIDEO;
            offered.add(new OfferedTrack(kind, section.port != 0, new ConsumerParameters(section.mid(),
                    new RtpCodec(96, "VP8", 90000, 0, "", List.of(), -1), 1, 0, "c"), "s", "t"));
        }
        SubscribeAnswer answer = negotiator.acceptSubscribeAnswer(fixture("chromium-subscribe-answer.sdp"), offered);
        assertThat(answer.remoteIceUfrag()).isNotBlank();
        assertThat(answer.fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");

        assertThatThrownBy(() -> negotiator.acceptSubscribeAnswer(fixture("chromium-subscribe-answer.sdp"),
                offered.subList(1, offered.size())))
                .isInstanceOf(SdpException.class).hasMessageContaining("m-sections");
        String passive = fixture("chromium-subscribe-answer.sdp").replace("a=setup:active", "a=setup:passive");
        assertThatThrownBy(() -> negotiator.acceptSubscribeAnswer(passive, offered))
                .hasMessage("the answer must be a=setup:active, not passive");
    }

    @Test
    void refusalsSayPreciselyWhy() {
        String offer = fixture("chromium-publish-offer.sdp");
        assertThatThrownBy(() -> negotiator.answerPublish(offer.replaceAll("a=group:BUNDLE[^\r\n]*\r?\n", ""), LOCAL))
                .hasMessage("offer is not bundled: mid 0 is not in a=group:BUNDLE")
                .matches(e -> ((SdpException) e).isUnsupported());
        assertThatThrownBy(() -> negotiator.answerPublish(offer.replaceAll("a=fingerprint[^\r\n]*\r?\n", ""), LOCAL))
                .hasMessage("no sha-256 DTLS fingerprint (a=fingerprint:sha-256)");
        assertThatThrownBy(() -> negotiator.answerPublish(
                offer.replaceFirst("m=audio (\\d+) UDP/TLS/RTP/SAVPF [0-9 ]+", "m=audio $1 UDP/TLS/RTP/SAVPF 9 0"),
                LOCAL)).hasMessage("no common audio codec in mid 0");
        assertThatThrownBy(() -> negotiator.answerPublish(offer.replace("a=setup:actpass", "a=setup:passive"), LOCAL))
                .hasMessageContaining("a=setup:actpass or a=setup:active");
        assertThatThrownBy(() -> negotiator.answerPublish("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\nm=audio\r\n", LOCAL))
                .hasMessage("line 3: m= line needs at least 4 fields")
                .matches(e -> !((SdpException) e).isUnsupported());
        assertThatThrownBy(() -> negotiator.answerPublish("hello", LOCAL)).hasMessage("line 1: expected <type>=<value>");
        assertThatThrownBy(() -> negotiator.answerPublish("x".repeat(70_000), LOCAL))
                .hasMessageContaining("longer than");
        String many = "v=0\r\n" + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n".repeat(65);
        assertThatThrownBy(() -> negotiator.answerPublish(many, LOCAL)).hasMessage("line 66: more than 64 m= sections");
        assertThatThrownBy(() -> negotiator.answerPublish("v=0\r\nm=audio nine UDP/TLS/RTP/SAVPF 111\r\n", LOCAL))
                .hasMessage("line 2: m= line has a bad port 'nine'");
    }

    @Test
    void mutatedOffersOnlyEverFailWithSdpException() {
        String offer = fixture("chromium-publish-offer.sdp");
        Random random = new Random(11);
        for (int round = 0; round < 3000; round++) {
            StringBuilder mutated = new StringBuilder(offer);
            for (int k = 0; k < 1 + random.nextInt(5); k++) {
                int at = random.nextInt(mutated.length());
                switch (random.nextInt(3)) {
                    case 0 -> mutated.deleteCharAt(at);
                    case 1 -> mutated.insert(at, (char) (32 + random.nextInt(95)));
                    default -> mutated.setCharAt(at, "\r\n:= /0a".charAt(random.nextInt(8)));
                }
            }
            try {
                negotiator.answerPublish(mutated.toString(), LOCAL);
            } catch (SdpException expected) {
                // refused with a reason: fine
            }
        }
    }
}
