package dev.datastore4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.blog.DataStoreModels;
import com.example.blog.Post;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM saves in a loop and is killed with SIGKILL at a random moment, several times over
 * one database. Every save that returned must be there afterwards, with its outbox entry, and the
 * database must pass SQLite's integrity check. The seed is printed.
 */
class CrashTest {
    private static final int ROUNDS = 5;

    @TempDir
    Path temp;

    @Test
    void killedWritersLoseNothingThatWasAcknowledged() throws Exception {
        long seed = Long.getLong("datastore4j.crashSeed", System.nanoTime());
        System.out.println("CrashTest seed " + seed);
        Random random = new Random(seed);
        Path db = temp.resolve("crash.db");
        Set<String> acknowledged = new HashSet<>();
        for (int round = 0; round < ROUNDS; round++) {
            acknowledged.addAll(runAndKill(db, round, 300 + random.nextInt(900)));
            try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, db)) {
                Set<String> stored = new HashSet<>();
                store.query(Post.class).forEach(p -> stored.add(p.id()));
                assertThat(missing(acknowledged, stored)).as("acknowledged saves missing, round %d (seed %d)", round, seed)
                        .isEmpty();
                assertThat(missing(acknowledged, outboxRecordIds(db))).as("outbox entries missing, round %d", round)
                        .isEmpty();
            }
            assertThat(integrityCheck(db)).isEqualTo("ok");
        }
        System.out.printf("CrashTest: %d acknowledged saves over %d kills, all present%n", acknowledged.size(), ROUNDS);
        assertThat(acknowledged).isNotEmpty();
    }

    /**
     * Starts a worker, lets it run for {@code millis} after its first save, kills it; returns the
     * ids it printed, each printed only after its save returned. Ids still in the pipe when the
     * process dies are not counted, which only makes the check weaker, never wrong.
     */
    private static List<String> runAndKill(Path db, int round, int millis) throws Exception {
        Worker worker = Worker.start(db, round);
        Thread.sleep(millis); // the seeded moment of the kill, counted from the first acknowledged save
        return worker.kill();
    }

    @Test
    void aDatabaseInUseByAnotherProcessIsNotOpenedAgain() throws Exception {
        Path db = temp.resolve("owned.db");
        Worker worker = Worker.start(db, 0);
        assertThatThrownBy(() -> DataStore.open(DataStoreModels.REGISTRY, db)).isInstanceOf(DataStoreException.class)
                .hasMessage("cannot open " + db + ": another process has it open (a second instance of the app?);"
                        + " a database file is used by one DataStore at a time");
        List<String> saved = worker.kill();
        try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, db)) { // the lock went with the process
            assertThat(store.query(Post.class).stream().map(Post::id)).containsAll(saved);
        }
    }

    /** A {@link CrashWorker} process, started and past its first acknowledged save. */
    private record Worker(Process process, List<String> ids, Thread reader) {
        static Worker start(Path db, int round) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    CrashWorker.class.getName(), db.toString(), String.valueOf(round))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<String> ids = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch firstSave = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        if (line.length() == 36) { // a whole id; a line cut by the kill is not an acknowledgement
                            ids.add(line);
                            firstSave.countDown();
                        }
                    }
                } catch (IOException e) {
                    // the stream closes when the process is killed
                }
            });
            reader.start();
            assertThat(firstSave.await(60, TimeUnit.SECONDS)).as("the worker's first save").isTrue();
            return new Worker(process, ids, reader);
        }

        /** Kills the process with SIGKILL (no shutdown hooks, no finally blocks); returns the ids it printed. */
        List<String> kill() throws Exception {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
            synchronized (ids) {
                return new ArrayList<>(ids);
            }
        }
    }

    /** The ids of {@code expected} that {@code found} lacks (AssertJ's containsAll compares every pair). */
    private static Set<String> missing(Set<String> expected, Set<String> found) {
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(found);
        return missing;
    }

    private static Set<String> outboxRecordIds(Path db) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                ResultSet rows = connection.createStatement().executeQuery("SELECT record_id FROM _datastore_outbox")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static String integrityCheck(Path db) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                ResultSet rows = connection.createStatement().executeQuery("PRAGMA integrity_check")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
