package org.sanke.classroom.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests: Debian's binaries (package postgresql, which .ci/run installs), a fresh
 * cluster in a temporary folder, on a free port of 127.0.0.1. PostgreSQL refuses to run as root, so as root it
 * runs as the postgres user that the package creates. Shared with other modules' tests through this module's
 * test jar. Every test class opens pools of its own and few close them before the JVM ends, so the server allows
 * many more connections than PostgreSQL's default 100.
 */
public final class TestPostgres implements AutoCloseable {
    private final Path bin;
    private final Path data;
    private final int port;

    private TestPostgres(Path bin, Path data, int port) {
        this.bin = bin;
        this.data = data;
        this.port = port;
    }

    private static TestPostgres shared;
    private static int databases;

    /** One server for every test class of the run, stopped when the JVM exits. */
    public static synchronized TestPostgres shared() throws IOException, InterruptedException {
        if (shared == null) {
            shared = start();
            TestPostgres server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException | InterruptedException ignored) {
                    // the temporary cluster goes with the machine
                }
            }));
        }
        return shared;
    }

    /** A new, empty, migrated database on the shared server. */
    public static Database freshDatabase() throws Exception {
        return shared().newDatabase(Database.Settings.defaults());
    }

    /** A new, empty, migrated database on this server. */
    public Database newDatabase(Database.Settings settings) throws java.sql.SQLException {
        String name;
        synchronized (TestPostgres.class) {
            name = "sanke_test_" + databases++;
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl(), "postgres", "");
             java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return Database.open(jdbcUrl().replace("/postgres", "/" + name), "postgres", "", settings);
    }

    /**
     * Freezes the whole server, as a stalled machine would: SIGSTOP to the postmaster and every backend (each
     * connection has its own process). Only for a server of one's own ({@link #start}), never the shared one.
     */
    public void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** Lets a paused server run again. */
    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        List<String> command = new ArrayList<>(List.of("kill", signal, Long.toString(postmaster)));
        ProcessHandle.of(postmaster).orElseThrow().descendants()
                .forEach(p -> command.add(Long.toString(p.pid())));
        run(command, false);
    }

    public static TestPostgres start() throws IOException, InterruptedException {
        Path bin = findBinaries();
        Path dir = Files.createTempDirectory("sanke-pg");
        Path data = dir.resolve("data");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        if (isRoot()) {
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
        }
        TestPostgres postgres = new TestPostgres(bin, data, port);
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "postgres",
                "--no-sync"), true);
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-l", dir.resolve("log").toString(),
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c max_connections=500", "start"), true);
        return postgres;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private static Path findBinaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder())
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL under /usr/lib/postgresql"));
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL is not installed (apt-get install postgresql); .ci/run"
                    + " installs it", e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres && isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"), true);
    }
}
