package dev.datastore4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.blog.DataStoreModels;
import com.example.blog.Post;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
    /** The file size limit of {@link #savesWhoseCommitFindsNoRoomLeaveNothingAndThoseThatReturnedAreKept}'s worker. */
    private static final int LIMIT_KB = 40 * 1024;

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
     * A store in a process whose files may not grow past 40 MB ({@code ulimit -f}, as a quota or a
     * full disk would stop them), 4 threads saving until 40 saves have failed, with each
     * durability. Commits fail (an
     * I/O error) once the WAL reaches the limit, whole groups of saves at a time: either after the
     * database file reached it first, so that checkpoints failed, the WAL could not start over and
     * the store's closing could not fold it into the database; or earlier, when a slow checkpoint
     * let the WAL grow that far (docs/benchmarks.md). Reopened without the limit, every save that
     * returned is there with its outbox entry, no save that threw left its record or its entry, the
     * database is whole, and the store saves again.
     */
    @ParameterizedTest
    @EnumSource(DataStore.Durability.class)
    void savesWhoseCommitFindsNoRoomLeaveNothingAndThoseThatReturnedAreKept(DataStore.Durability durability) throws Exception {
        Path db = temp.resolve("limited.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder("bash", "-c", "ulimit -f " + LIMIT_KB + " && exec \"$0\" \"$@\"", java, "-cp",
                System.getProperty("java.class.path"), FileLimitWorker.class.getName(), db.toString(), durability.name())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Set<String> saved = new HashSet<>();
        Set<String> failed = new HashSet<>();
        List<String> failures = new ArrayList<>();
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; last = line) {
                String[] words = line.split(" ", 3);
                if (words[0].equals("saved")) {
                    saved.add(words[1]);
                } else if (words[0].equals("failed")) {
                    failed.add(words[1]);
                    failures.add(words[2]);
                }
            }
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Path wal = temp.resolve("limited.db-wal");
        System.out.printf("FullDiskTest: %s, with files limited to %d KB, %d saves returned and %d failed, the first: %s; the"
                + " worker's last line: %s; the database %,d bytes, the WAL left %,d%n", durability, LIMIT_KB, saved.size(), failed.size(),
                failures.isEmpty() ? "-" : failures.get(0), last, Files.size(db), Files.exists(wal) ? Files.size(wal) : 0);
        assertThat(failed).as("saves that failed (the limit reached)").hasSizeGreaterThanOrEqualTo(FileLimitWorker.FAILURES);
        assertThat(failures).allSatisfy(message -> assertThat(message).containsAnyOf("SQLITE_IOERR", "SQLITE_FULL"));
        assertThat(saved).hasSizeGreaterThan(1_000);

        try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, db)) {
            assertThat(store.query(Post.class).stream().map(Post::id).collect(Collectors.toSet())).as("records")
                    .isEqualTo(saved);
            saved.add(store.save(Post.builder().title("after the limit").build()).id());
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                ResultSet check = connection.createStatement().executeQuery("PRAGMA integrity_check")) {
            check.next();
            assertThat(check.getString(1)).isEqualTo("ok");
            Set<String> pending = new HashSet<>();
            Outbox.readAll(connection, mutation -> pending.add(mutation.recordId()));
            assertThat(pending).as("outbox entries").isEqualTo(saved);
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
