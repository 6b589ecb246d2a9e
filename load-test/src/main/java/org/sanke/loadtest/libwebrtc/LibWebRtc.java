package org.sanke.loadtest.libwebrtc;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.RTCBundlePolicy;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCRtcpMuxPolicy;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioDeviceModuleBase;
import dev.onvoid.webrtc.media.audio.AudioLayer;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;

/**
 * The process's libwebrtc: the native library and two factories, one that sends and one that receives.
 *
 * <p>Two, because of audio. The receiving factory has a headless audio device, which plays received audio out
 * into nothing: that is what makes libwebrtc pull audio through its jitter buffer (NetEq) as a browser does, and
 * libwebrtc starts that playout itself once there is a stream to play. The sending factory has libwebrtc's dummy
 * audio device, which records nothing, so the synthetic microphone's pushed audio is the only audio its senders
 * get: a device that records (the headless one does, as soon as a sender exists) would feed the same senders from
 * a second thread, and libwebrtc aborts the process when it sees that race.
 */
final class LibWebRtc implements AutoCloseable {
    final PeerConnectionFactory receiving;
    /** Null for a peer that publishes nothing. */
    final PeerConnectionFactory sending;
    private final AudioDeviceModuleBase playout;
    private final AudioDeviceModuleBase silence;

    private LibWebRtc(AudioDeviceModuleBase playout, AudioDeviceModuleBase silence) {
        this.playout = playout;
        this.silence = silence;
        this.receiving = new PeerConnectionFactory(playout);
        this.sending = silence == null ? null : new PeerConnectionFactory(silence);
    }

    /** Loads the native library and makes the factories; fails with the loader's own message. */
    static LibWebRtc start(boolean publishes) throws PeerFailure {
        HeadlessAudioDeviceModule playout;
        try {
            playout = new HeadlessAudioDeviceModule();
        } catch (LinkageError | RuntimeException e) {
            throw PeerFailure.nativeLibrary(e);
        }
        return new LibWebRtc(playout, publishes ? new AudioDeviceModule(AudioLayer.kDummyAudio) : null);
    }

    /** How every connection to the server is set up: one bundled transport with RTCP on it, as the server wants. */
    static RTCConfiguration configuration() {
        RTCConfiguration configuration = new RTCConfiguration();
        configuration.bundlePolicy = RTCBundlePolicy.MAX_BUNDLE;
        configuration.rtcpMuxPolicy = RTCRtcpMuxPolicy.REQUIRE;
        return configuration;
    }

    /** Frees the factories once every connection is closed. */
    @Override
    public void close() {
        Native.dispose(sending == null ? null : sending::dispose);
        Native.dispose(silence == null ? null : silence::dispose);
        Native.dispose(receiving::dispose);
        Native.dispose(playout::dispose);
    }
}
