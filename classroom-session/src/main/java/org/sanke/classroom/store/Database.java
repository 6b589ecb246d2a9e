package org.sanke.classroom.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;

/**
 * Where the domain keeps what must survive a restart: a JDBC URL (H2 file by default, PostgreSQL in production),
 * migrated with Flyway when opened. Connections are opened per unit of work: the domain writes rarely (joins,
 * schedules), and both drivers connect cheaply (H2 embedded; PostgreSQL on the same host or behind a pooler).
 */
public final class Database {
    /** The embedded default: a file in ./data, created on first start. */
    public static final String DEFAULT_URL = "jdbc:h2:file:./data/sanke;AUTO_SERVER=FALSE";

    private final String url;
    private final String user;
    private final String password;

    private Database(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Opens (and migrates) the database. */
    public static Database open(String url, String user, String password) {
        if (url.startsWith("jdbc:h2:mem:") && !url.contains("DB_CLOSE_DELAY")) {
            // An in-memory H2 vanishes with its last connection; keep it for the life of the process.
            url = url + ";DB_CLOSE_DELAY=-1";
        }
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
        return new Database(url, user, password);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    public String url() {
        return url;
    }
}
