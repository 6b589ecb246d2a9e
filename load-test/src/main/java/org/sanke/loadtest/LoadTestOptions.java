package org.sanke.loadtest;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.sanke.loadtest.soak.SoakOptions;

/**
 * One run.
 *
 * @param scenario    what to play
 * @param server      the server's HTTP base, e.g. http://127.0.0.1:8080
 * @param classrooms  receiving classrooms (besides the teacher)
 * @param duration    how long to measure once everyone has joined
 * @param rampUp      over how long the classrooms join
 * @param audioKbps   each publisher's audio bitrate
 * @param videoKbps   each publisher's video bitrate
 * @param receiveLoss share of received packets the tool's own fake network drops (0 = none), to check the tool
 * @param reportDir   where the report goes
 * @param target      which server speaks at {@code server}
 * @param serverPid   the server's process id, to read its CPU and memory from /proc; 0 when unknown
 * @param measureHeap whether to read a JVM server's live heap (two full collections, outside the measured window)
 * @param realisticPeers libwebrtc receivers (each in its own JVM) in a lesson of their own beside the scenario, with
 *                    a libwebrtc teacher; 0 for none
 * @param simulcast   publishers send video as three simulcast layers by RID
 * @param soak        how the soak scenario churns (other scenarios ignore it); in a soak {@code classrooms} is per
 *                    lesson and {@code duration} the whole run
 * @param credentials the lead teacher the tool logs in as on Sanke (to create lessons and get grants); null against
 *                    Janus, which needs none
 */
public record LoadTestOptions(Scenario scenario, URI server, int classrooms, Duration duration, Duration rampUp,
                              int audioKbps, int videoKbps, double receiveLoss, Path reportDir, Target target,
                              long serverPid, boolean measureHeap, int realisticPeers, boolean simulcast,
                              SoakOptions soak, Credentials credentials) {
    /** The server under test. */
    public enum Target { SANKE, JANUS }

    /** Without credentials: against Janus, or until {@link #withCredentials}. */
    public LoadTestOptions(Scenario scenario, URI server, int classrooms, Duration duration, Duration rampUp,
                           int audioKbps, int videoKbps, double receiveLoss, Path reportDir, Target target,
                           long serverPid, boolean measureHeap, int realisticPeers, boolean simulcast,
                           SoakOptions soak) {
        this(scenario, server, classrooms, duration, rampUp, audioKbps, videoKbps, receiveLoss, reportDir, target,
                serverPid, measureHeap, realisticPeers, simulcast, soak, null);
    }

    /** The same run, logged in as {@code login}. */
    public LoadTestOptions withCredentials(Credentials login) {
        return new LoadTestOptions(scenario, server, classrooms, duration, rampUp, audioKbps, videoKbps, receiveLoss,
                reportDir, target, serverPid, measureHeap, realisticPeers, simulcast, soak, login);
    }

    /**
     * Fails at once, saying how to give the tool a login, when the target is Sanke and there is none: without one
     * Sanke lets the tool create no lesson and join none.
     */
    public void requireCredentials() {
        if (target == Target.SANKE && credentials == null) {
            throw new IllegalArgumentException(Credentials.MISSING);
        }
    }

    /** Any scenario but the soak. */
    public LoadTestOptions(Scenario scenario, URI server, int classrooms, Duration duration, Duration rampUp,
                           int audioKbps, int videoKbps, double receiveLoss, Path reportDir, Target target,
                           long serverPid, boolean measureHeap, int realisticPeers, boolean simulcast) {
        this(scenario, server, classrooms, duration, rampUp, audioKbps, videoKbps, receiveLoss, reportDir, target,
                serverPid, measureHeap, realisticPeers, simulcast, SoakOptions.DEFAULT);
    }

    public LoadTestOptions(Scenario scenario, URI server, int classrooms, Duration duration, Duration rampUp,
                           int audioKbps, int videoKbps, double receiveLoss, Path reportDir, Target target,
                           long serverPid) {
        this(scenario, server, classrooms, duration, rampUp, audioKbps, videoKbps, receiveLoss, reportDir, target,
                serverPid, true, 0, false);
    }

    /** A run against Sanke without reading its process. */
    public LoadTestOptions(Scenario scenario, URI server, int classrooms, Duration duration, Duration rampUp,
                           int audioKbps, int videoKbps, double receiveLoss, Path reportDir) {
        this(scenario, server, classrooms, duration, rampUp, audioKbps, videoKbps, receiveLoss, reportDir,
                Target.SANKE, 0);
    }
}
