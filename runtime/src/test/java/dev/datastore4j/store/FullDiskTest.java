package dev.datastore4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes that fail for want of room: each undoes itself whole, as a save undoes its record and its
 * outbox entry together, the store writes again, without being reopened, once there is room, and
 * a copy cut short leaves nothing behind.
 *
 * <p>SQLite's page limit ({@code PRAGMA max_page_count}) stands in for a full disk: past it a
 * write fails with {@code SQLITE_FULL}, as on a full disk, and SQLite ends the transaction itself.
 * (On a real full disk, a tmpfs of 3 MB, a DataStore behaved the same way once this held.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FullDiskTest {
    @TempDir
    Path temp;

    @Test
    void aWriteThatFindsNoRoomLeavesNothingHalfDoneAndWritingResumesWhenThereIsRoom() throws Exception {
        try (Store store = new Store(temp.resolve("full.db"), DataStore.Durability.APP_CRASH, changes -> {}, connection -> {})) {
            store.start(tx -> {
                try (Statement statement = tx.connection().createStatement()) {
                    statement.execute("CREATE TABLE records (id INTEGER PRIMARY KEY, title TEXT)");
                    statement.execute("CREATE TABLE entries (id INTEGER PRIMARY KEY, data TEXT)");
                }
                return null;
            });
            setPageLimit(store, pageCount(store) + 20);

            // A small record that fits the page it goes to, then a large entry that needs new
            // pages: the second statement is the one that finds no room.
            int acknowledged = 0;
            int refused = 0;
            for (int n = 1; n <= 60; n++) {
                try {
                    save(store, n);
                    acknowledged++;
                } catch (DataStoreException e) {
                    assertThat(e).hasMessageContaining("SQLITE_FULL");
                    refused++;
                }
            }
            System.out.printf("FullDiskTest: %d writes acknowledged, %d refused for want of room%n", acknowledged, refused);
            assertThat(acknowledged).isPositive();
            assertThat(refused).isPositive();
            assertThat(count(store, "SELECT count(*) FROM records")).isEqualTo(acknowledged);
            assertThat(count(store, "SELECT count(*) FROM records WHERE id NOT IN (SELECT id FROM entries)"))
                    .as("records stored without their entry").isZero();

            setPageLimit(store, 1_000_000);
            for (int n = 1_001; n <= 1_010; n++) {
                save(store, n);
            }
            assertThat(count(store, "SELECT count(*) FROM records")).isEqualTo(acknowledged + 10);
            assertThat(count(store, "SELECT count(*) FROM entries")).isEqualTo(acknowledged + 10);
        }
    }

    /**
     * A copy of the database (as a set-aside makes) that cannot be finished leaves no part of it
     * behind, which on a full disk would only take room. Here the copy's name is taken by a
     * folder, so the copy fails after it was written; on a full disk (seen on a tmpfs) it fails
     * while being written, and the same clean-up runs.
     */
    @Test
    void aCopyThatCannotBeFinishedLeavesNoPartOfIt() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("copy"));
        Files.writeString(folder.resolve("in the way"), "x");
        try (Store store = new Store(temp.resolve("full.db"), DataStore.Durability.APP_CRASH, changes -> {}, connection -> {})) {
            assertThatThrownBy(() -> store.copyTo(folder)).hasMessageStartingWith("cannot copy it to " + folder);
        }
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.endsWith(".partial"));
        }
    }

    private static void save(Store store, int id) {
        store.write(tx -> {
            insert(tx, "INSERT INTO records (id, title) VALUES (?, ?)", id, "record " + id);
            insert(tx, "INSERT INTO entries (id, data) VALUES (?, ?)", id, "x".repeat(6_000));
            return null;
        });
    }

    private static void insert(Store.Transaction tx, String sql, int id, String text) throws SQLException {
        PreparedStatement insert = tx.db().prepare(sql);
        insert.setInt(1, id);
        insert.setString(2, text);
        insert.executeUpdate();
    }

    private static void setPageLimit(Store store, long pages) {
        store.write(tx -> {
            try (Statement statement = tx.connection().createStatement()) {
                statement.executeQuery("PRAGMA max_page_count = " + pages).close();
            }
            return null;
        });
    }

    private static long pageCount(Store store) {
        return count(store, "PRAGMA page_count");
    }

    private static long count(Store store, String sql) {
        return store.read(db -> {
            try (Statement statement = db.connection().createStatement(); ResultSet result = statement.executeQuery(sql)) {
                result.next();
                return result.getLong(1);
            }
        });
    }
}
