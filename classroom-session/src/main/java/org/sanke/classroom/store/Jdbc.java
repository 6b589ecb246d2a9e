package org.sanke.classroom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The few JDBC moves the stores repeat: an update, a query into a list, a query for one row. */
final class Jdbc {
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Work on one connection. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private Jdbc() {
    }

    /** Runs {@code work} on a pooled connection; a failure becomes a {@link StoreException} saying {@code what}. */
    static <T> T with(Database database, String what, Work<T> work) {
        try (Connection c = database.connect()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("could not " + what, e);
        }
    }

    /** As {@link #with}, in one transaction: all of {@code work} or none of it. */
    static <T> T inTransaction(Database database, String what, Work<T> work) {
        return with(database, what, c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    static void update(Connection c, String sql, Object... values) throws SQLException {
        updateCount(c, sql, values);
    }

    /** An update, returning how many rows it changed. */
    static int updateCount(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, values);
            return statement.executeUpdate();
        }
    }

    static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... values) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, values);
            List<T> rows = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rows.add(mapper.map(row));
                }
            }
            return rows;
        }
    }

    static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, Object... values) throws SQLException {
        List<T> rows = query(c, sql, mapper, values);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }
}
