/**
 * Realistic peers: lesson participants whose media stack is Google's libwebrtc (through webrtc-java), each in its
 * own JVM, so that the server meets what a browser sends and receives: libwebrtc's VP8 or H.264 and Opus encoders,
 * its pacer and congestion control (transport-cc), its NACK/PLI, and its jitter buffers on the receiving side.
 *
 * <p>{@link org.sanke.loadtest.libwebrtc.RealisticPeers} starts and stops them for the load tool and reads their
 * reports ({@link org.sanke.loadtest.libwebrtc.PeerResult}). One peer can also be run by hand:
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp CLASSPATH org.sanke.loadtest.libwebrtc.RealisticPeerMain \
 *     --server http://127.0.0.1:8080 --lesson LESSON --role teacher --seconds 30
 * </pre>
 *
 * It prints one JSON line a second with what libwebrtc's getStats says (framesDecoded, packetsLost, the mean
 * jitter-buffer delay, framesEncoded, availableOutgoingBitrate, ...) and a summary line at the end. webrtc-java's
 * native library also writes two lines of its own ("VM attach current thread failed") on stdout when any JVM that
 * loaded it exits; they are not JSON and readers skip them.
 */
package org.sanke.loadtest.libwebrtc;
