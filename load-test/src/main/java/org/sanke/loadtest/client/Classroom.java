package org.sanke.loadtest.client;

import java.net.URI;
import java.net.http.HttpClient;

/** One simulated participant of a run, whichever server it talks to. */
public interface Classroom extends AutoCloseable {
    /**
     * Joins (and publishes, when it is a publisher); returns once its publish media is connected.
     *
     * @param grant the join grant Sanke asks for (a teacher's own, fetched just before, or the lesson's
     *              invitation); null where the server asks for none (Janus)
     */
    void join(HttpClient http, URI server, String room, String grant, int audioKbps, int videoKbps) throws Exception;

    /** Sends whatever synthetic media is due; called by the run's timer thread. */
    void tick(long now);

    /** Keeps consent fresh on its connections. */
    void refreshConsent();

    @Override
    void close();
}
