package org.sanke.signaling;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Open WebSocket connections per client address, capped so that one machine cannot hold the server's connections
 * (a school's classrooms behind one NAT stay well under the cap). Thread-safe; an address without connections is
 * forgotten.
 */
final class ConnectionsPerAddress {
    /** Per address: a school's every classroom and a computer room of learners behind one NAT, with room to spare. */
    static final int MOST = 1_000;

    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();
    private final int most;

    ConnectionsPerAddress(int most) {
        this.most = most;
    }

    /** Counts a new connection; false (nothing counted) when the address has its most already. */
    boolean tryOpen(String address) {
        boolean[] opened = {false};
        open.compute(address, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= most) {
                return now;
            }
            opened[0] = true;
            return now + 1;
        });
        return opened[0];
    }

    void closed(String address) {
        open.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
    }

    int addresses() {
        return open.size();
    }
}
