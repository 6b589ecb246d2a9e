package org.sanke.classroom.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Where the domain keeps what must survive a restart: a JDBC URL (H2 file by default, PostgreSQL in production),
 * migrated with Flyway when opened. Connections come from a small bounded pool, so a call reuses an open
 * connection (an H2 file stays open instead of being reopened per call) and a stalled database makes a call fail
 * after {@link Settings#connectionTimeout} instead of hanging. Close it when the server stops.
 */
public final class Database implements AutoCloseable {
    /** The embedded default: a file in ./data, created on first start. */
    public static final String DEFAULT_URL = "jdbc:h2:file:./data/sanke;AUTO_SERVER=FALSE";

    /**
     * How the pool behaves.
     *
     * @param maxConnections    connections open at most; callers beyond wait for one, up to the connection timeout
     * @param connectionTimeout how long a call waits for a connection before it fails
     * @param socketTimeout     how long a PostgreSQL statement may wait on the network before it fails (H2 runs in
     *                          process and has none); longer than a stall the server should ride out
     */
    public record Settings(int maxConnections, Duration connectionTimeout, Duration socketTimeout) {
        public Settings {
            // Flyway holds two at once while it migrates (its lock and the migration).
            if (maxConnections < 2) {
                throw new IllegalArgumentException("the pool needs at least two connections");
            }
            // Hikari's floor; below it the pool would silently use its own default.
            if (connectionTimeout.toMillis() < 250) {
                throw new IllegalArgumentException("the connection timeout must be at least 250 ms");
            }
            if (socketTimeout.isNegative()) {
                throw new IllegalArgumentException("the socket timeout cannot be negative");
            }
        }

        /** Eight connections (the domain writes at human rates), 5 s to get one, 30 s for a statement. */
        public static Settings defaults() {
            return new Settings(8, Duration.ofSeconds(5), Duration.ofSeconds(30));
        }
    }

    private final String url;
    private final HikariDataSource pool;

    private Database(String url, HikariDataSource pool) {
        this.url = url;
        this.pool = pool;
    }

    /** Opens (and migrates) the database with the default pool settings. */
    public static Database open(String url, String user, String password) {
        return open(url, user, password, Settings.defaults());
    }

    /** Opens (and migrates) the database. */
    public static Database open(String url, String user, String password, Settings settings) {
        if (url.startsWith("jdbc:h2:mem:") && !url.contains("DB_CLOSE_DELAY")) {
            // An in-memory H2 vanishes with its last connection; keep it for the life of the process.
            url = url + ";DB_CLOSE_DELAY=-1";
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("sanke-db");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(settings.maxConnections());
        // One connection kept warm; the rest open on demand and close after a minute idle.
        config.setMinimumIdle(1);
        config.setIdleTimeout(Duration.ofMinutes(1).toMillis());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.min(settings.connectionTimeout().toMillis() - 1, 5_000));
        // Starting without a database is allowed: the first call fails instead of the constructor.
        config.setInitializationFailTimeout(-1);
        if (url.startsWith("jdbc:postgresql:")) {
            long connectSeconds = Math.max(1, settings.connectionTimeout().toSeconds());
            config.addDataSourceProperty("connectTimeout", connectSeconds);
            config.addDataSourceProperty("loginTimeout", connectSeconds);
            config.addDataSourceProperty("socketTimeout", settings.socketTimeout().toSeconds());
        }
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(url, pool);
    }

    Connection connect() throws SQLException {
        return pool.getConnection();
    }

    /** The pool, for whatever else needs the same connections. */
    public DataSource dataSource() {
        return pool;
    }

    public String url() {
        return url;
    }

    /** Closes the pool's connections; calls after this fail. */
    @Override
    public void close() {
        pool.close();
    }
}
