package org.sanke.loadtest.libwebrtc;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * libwebrtc's offer/answer steps as plain calls that wait for their callbacks. Never call these on a libwebrtc
 * thread (from one of its callbacks): the callback they wait for would come on that same thread.
 */
final class OfferAnswer {
    private static final long TIMEOUT_SECONDS = 20;

    private OfferAnswer() {
    }

    /** Creates an offer and sets it as the local description; returns its SDP. */
    static String offer(RTCPeerConnection connection) throws Exception {
        CompletableFuture<RTCSessionDescription> created = new CompletableFuture<>();
        connection.createOffer(new RTCOfferOptions(), created(created));
        return setLocal(connection, created.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }

    /** Applies the remote offer, creates the answer and sets it as the local description; returns its SDP. */
    static String answer(RTCPeerConnection connection, String offerSdp) throws Exception {
        setRemote(connection, RTCSdpType.OFFER, offerSdp);
        CompletableFuture<RTCSessionDescription> created = new CompletableFuture<>();
        connection.createAnswer(new RTCAnswerOptions(), created(created));
        return setLocal(connection, created.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }

    static void setRemote(RTCPeerConnection connection, RTCSdpType type, String sdp) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        connection.setRemoteDescription(new RTCSessionDescription(type, sdp), set(done));
        done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    static RTCStatsReport stats(RTCPeerConnection connection) throws Exception {
        CompletableFuture<RTCStatsReport> report = new CompletableFuture<>();
        connection.getStats(report::complete);
        return report.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static String setLocal(RTCPeerConnection connection, RTCSessionDescription description)
            throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        connection.setLocalDescription(description, set(done));
        done.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return description.sdp;
    }

    private static CreateSessionDescriptionObserver created(CompletableFuture<RTCSessionDescription> result) {
        return new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                result.complete(description);
            }

            @Override
            public void onFailure(String error) {
                result.completeExceptionally(new IllegalStateException(error));
            }
        };
    }

    private static SetSessionDescriptionObserver set(CompletableFuture<Void> result) {
        return new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                result.complete(null);
            }

            @Override
            public void onFailure(String error) {
                result.completeExceptionally(new IllegalStateException(error));
            }
        };
    }
}
