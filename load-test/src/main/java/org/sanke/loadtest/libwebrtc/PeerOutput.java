package org.sanke.loadtest.libwebrtc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;

/**
 * The peer's stdout, one JSON object a line (what {@link PeerProcess} reads), and a plain sentence on stderr for
 * each error, for a person at a terminal.
 */
final class PeerOutput {
    static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final PrintStream err;
    private final String peer;

    PeerOutput(PrintStream out, PrintStream err, String peer) {
        this.out = out;
        this.err = err;
        this.peer = peer;
    }

    /** A new line of the given type, naming the peer. */
    ObjectNode line(String type) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", type);
        node.put("peer", peer);
        return node;
    }

    synchronized void write(ObjectNode line) {
        out.println(line.toString());
        out.flush();
    }

    void error(String code, String message) {
        ObjectNode line = line("error");
        line.put("code", code);
        line.put("message", message);
        write(line);
        synchronized (this) {
            err.println("realistic-peer " + peer + ": " + message);
            err.flush();
        }
    }
}
