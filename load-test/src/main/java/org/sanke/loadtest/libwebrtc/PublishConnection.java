package org.sanke.loadtest.libwebrtc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpCodecCapability;
import dev.onvoid.webrtc.RTCRtpSender;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.media.MediaType;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.sanke.loadtest.client.SignalingConnection;

/**
 * The publish connection: libwebrtc encodes the synthetic camera (and microphone) and sends them to the server,
 * adapting its bitrate to the server's transport-cc feedback as a browser does.
 */
final class PublishConnection implements AutoCloseable {
    final RTCPeerConnection connection;
    final ConnectionObserver observer = new ConnectionObserver();
    private final SyntheticCamera camera;
    private final VideoTrack videoTrack;
    private final SyntheticMicrophone microphone;
    private final AudioTrack audioTrack;

    private PublishConnection(LibWebRtc webrtc, PeerOptions options) throws PeerFailure {
        List<RTCRtpCodecCapability> codecs = onlyCodec(webrtc, options.videoCodec()); // before anything needs freeing
        connection = webrtc.sending.createPeerConnection(LibWebRtc.configuration(), observer);
        String stream = "camera-" + Long.toHexString(System.nanoTime());
        camera = new SyntheticCamera(options.width(), options.height(), options.fps());
        videoTrack = webrtc.sending.createVideoTrack("video-" + stream, camera.source);
        RTCRtpTransceiver video = connection.addTransceiver(videoTrack, sendOnly(stream));
        video.setCodecPreferences(codecs);
        if (options.audio()) {
            microphone = new SyntheticMicrophone();
            audioTrack = webrtc.sending.createAudioTrack("audio-" + stream, microphone.source);
            connection.addTransceiver(audioTrack, sendOnly(stream));
        } else {
            microphone = null;
            audioTrack = null;
        }
    }

    /** Offers the tracks to the server, applies its answer and starts the camera and microphone. */
    static PublishConnection open(LibWebRtc webrtc, PeerOptions options, SignalingConnection signaling)
            throws PeerFailure {
        PublishConnection publish = new PublishConnection(webrtc, options);
        try {
            String offer;
            try {
                offer = OfferAnswer.offer(publish.connection);
            } catch (Exception e) {
                throw new PeerFailure("failed", "libwebrtc could not create the publish offer: "
                        + PeerFailure.causes(PeerFailure.unwrap(e)), PeerFailure.FAILED);
            }
            JsonNode reply;
            try {
                reply = signaling.request("publish", Map.of("sdp", offer)).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw PeerFailure.refused("publish", e);
            }
            try {
                OfferAnswer.setRemote(publish.connection, RTCSdpType.ANSWER, reply.path("sdp").asText());
            } catch (Exception e) {
                throw new PeerFailure("failed", "libwebrtc refused the server's publish answer: "
                        + PeerFailure.causes(PeerFailure.unwrap(e)), PeerFailure.FAILED);
            }
        } catch (PeerFailure e) {
            publish.close();
            throw e;
        }
        publish.camera.start();
        if (publish.microphone != null) {
            publish.microphone.start();
        }
        return publish;
    }

    private static RTCRtpTransceiverInit sendOnly(String stream) {
        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
        init.streamIds = List.of(stream);
        return init;
    }

    /** The codec asked for and its retransmission format: what the offer lists, so the server must take it. */
    private static List<RTCRtpCodecCapability> onlyCodec(LibWebRtc webrtc, String codec) throws PeerFailure {
        List<RTCRtpCodecCapability> codecs = webrtc.sending.getRtpReceiverCapabilities(MediaType.VIDEO).getCodecs()
                .stream().filter(c -> c.getName().equalsIgnoreCase(codec) || c.getName().equalsIgnoreCase("rtx"))
                .toList();
        if (codecs.stream().noneMatch(c -> c.getName().equalsIgnoreCase(codec))) {
            throw new PeerFailure("codec_unavailable", "this libwebrtc build has no " + codec + " codec",
                    PeerFailure.FAILED);
        }
        return codecs;
    }

    /** Stops sending and frees the tracks: the senders must let go of them first, or libwebrtc keeps them. */
    @Override
    public void close() {
        camera.close();
        if (microphone != null) {
            microphone.close();
        }
        for (RTCRtpSender sender : connection.getSenders()) {
            Native.dispose(() -> connection.removeTrack(sender));
        }
        connection.close();
        Native.dispose(videoTrack::dispose);
        Native.dispose(camera.source::dispose);
        if (microphone != null) {
            Native.dispose(audioTrack::dispose);
            Native.dispose(microphone.source::dispose);
        }
    }
}
