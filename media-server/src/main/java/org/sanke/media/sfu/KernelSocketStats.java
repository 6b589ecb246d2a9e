package org.sanke.media.sfu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The kernel's view of the media port's sockets, from Linux's {@code /proc/net/udp} and {@code udp6}: bytes waiting
 * to be read, and datagrams dropped because a socket's receive buffer was full. Both happen before the server reads a
 * packet, so its own counters and its forwarding-delay histogram cannot see them; under overload they are the first
 * sign. Zero where the files do not exist.
 */
final class KernelSocketStats {
    private static final Path[] TABLES = {Path.of("/proc/net/udp"), Path.of("/proc/net/udp6")};

    /** Summed over every socket bound to the port (one per media loop with SO_REUSEPORT). */
    record Totals(long receiveQueueBytes, long drops) {
    }

    private KernelSocketStats() {
    }

    static Totals read(int port) {
        long queued = 0;
        long drops = 0;
        for (Path table : TABLES) {
            try {
                Totals t = parse(Files.readString(table), port);
                queued += t.receiveQueueBytes();
                drops += t.drops();
            } catch (IOException | RuntimeException unreadable) {
                // not Linux, or no IPv6: nothing to add
            }
        }
        return new Totals(queued, drops);
    }

    /**
     * One table's lines look like {@code "  7: 0100007F:2710 00000000:0000 07 00000000:00000A00 00:00000000 00000000
     * 0 0 4711 2 0000000000000000 3"}: local address and port in hex, then state, then tx_queue:rx_queue in hex, and
     * the drops last.
     */
    static Totals parse(String table, int port) {
        String portHex = ":" + String.format(Locale.ROOT, "%04X", port);
        long queued = 0;
        long drops = 0;
        for (String line : table.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 13 || !f[0].endsWith(":") || !f[1].toUpperCase(Locale.ROOT).endsWith(portHex)) {
                continue;
            }
            String[] queues = f[4].split(":");
            queued += Long.parseLong(queues[1], 16);
            drops += Long.parseLong(f[f.length - 1]);
        }
        return new Totals(queued, drops);
    }
}
