package org.sanke.loadtest.libwebrtc;

/** Freeing native objects on the way out, where a failure must not stop the rest from being freed. */
final class Native {
    private Native() {
    }

    /** Runs one dispose; webrtc-java reports a native object still in use with an Error, which is no reason to stop. */
    static void dispose(Runnable dispose) {
        if (dispose == null) {
            return;
        }
        try {
            dispose.run();
        } catch (RuntimeException | Error e) {
            // the process is ending; the operating system takes back what is left
        }
    }
}
