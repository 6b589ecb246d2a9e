package org.sanke.server.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.sanke.server.SankeOptions;

/** Options for a server a test restarts in the middle of a lesson: fixed free ports, an H2 file in {@code dataDir}. */
final class RestartableOptions {
    private RestartableOptions() {
    }

    static SankeOptions in(Path dataDir) throws IOException {
        return new SankeOptions("127.0.0.1", freePort(), freePort(), List.of("127.0.0.1"), 1, false,
                "jdbc:h2:file:" + dataDir.resolve("sanke"), "sa", "");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
