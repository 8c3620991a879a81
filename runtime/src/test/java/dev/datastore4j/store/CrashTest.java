package dev.datastore4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.blog.DataStoreModels;
import com.example.blog.Post;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        long seed = Seeds.seed("CrashTest", "datastore4j.crashSeed");
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

    /**
     * A child JVM opening a database it cannot migrate, with {@link DataStore.WhenIncompatible#SET_ASIDE},
     * is killed at a random moment of the opening, on a fresh copy of the same database each round:
     * afterwards either the database is as it was or it was reset, and then a complete copy holds
     * everything it held, pending mutations included. A copy cut short never takes the copy's name.
     */
    @Test
    void aKilledSettingAsideLosesNothing() throws Exception {
        long seed = Seeds.seed("CrashTest setting aside", "datastore4j.crashSeed");
        Random random = new Random(seed);
        Path original = temp.resolve("original.db");
        int posts = 20_000;
        try (DataStore blog = DataStore.open(DataStoreModels.REGISTRY, original)) {
            blog.batch(batch -> {
                for (int i = 0; i < posts; i++) {
                    batch.save(Post.builder().title("pending " + i).rating(i).build());
                }
            });
        }
        // one opening run through, to time it: the kills fall anywhere from before it starts to after it ends
        long millis = setAsideKilledAfter(original, temp.resolve("whole"), Long.MAX_VALUE);
        int reset = 0;
        int cutShort = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Path folder = temp.resolve("round-" + round);
            long killAfter = random.nextInt((int) Math.max(1, millis * 3 / 2));
            setAsideKilledAfter(original, folder, killAfter);
            Path db = folder.resolve("app.db");
            List<Path> files;
            try (var listed = Files.list(folder)) {
                files = listed.toList();
            }
            List<Path> copies = files.stream()
                    .filter(f -> f.getFileName().toString().matches("app\\.db\\.set-aside-[0-9TZ]+")).toList();
            cutShort += (int) files.stream().filter(f -> f.getFileName().toString().endsWith(".partial")).count();
            for (Path copy : copies) {
                assertHoldsEveryPendingPost(copy, posts, "round %d (seed %d), the copy".formatted(round, seed));
            }
            assertThat(integrityCheck(db)).isEqualTo("ok");
            boolean wasReset = false;
            try {
                DataStore.open(DataStoreModels.REGISTRY, db).close();
            } catch (SchemaMismatchException e) {
                wasReset = true;
            }
            if (wasReset) {
                assertThat(copies).as("round %d (seed %d): reset, so set aside once", round, seed).hasSize(1);
                try (DataStore shop = DataStore.open(com.example.shop.DataStoreModels.REGISTRY, db)) {
                    assertThat(shop.outbox().size()).isZero();
                }
                reset++;
            } else {
                assertThat(copies).as("round %d (seed %d): not reset, yet set aside", round, seed).hasSizeLessThanOrEqualTo(1);
                assertHoldsEveryPendingPost(db, posts, "round %d (seed %d), not reset".formatted(round, seed));
            }
        }
        System.out.printf("CrashTest: setting aside took %d ms; %d kills, %d during the copy, %d after the reset,"
                + " nothing lost%n", millis, ROUNDS, cutShort, reset);
    }

    /**
     * Copies {@code original} into {@code folder} as app.db and runs a {@link SetAsideWorker} on
     * it, killed {@code millis} after it starts opening (or left to finish); returns the opening's time.
     */
    private static long setAsideKilledAfter(Path original, Path folder, long millis) throws Exception {
        Files.createDirectories(folder);
        Files.copy(original, folder.resolve("app.db"));
        return runKilledAfter(millis, SetAsideWorker.class, "opening", "opened in ", folder.resolve("app.db").toString());
    }

    /**
     * A restore over a database left by a crash (its posts all in its WAL) is killed at a random
     * moment, from before it starts to after it ends: afterwards a whole database is under the
     * name, either the one it replaced, every post there, or the copy, with the replaced one whole
     * under its set-aside name.
     */
    @Test
    void aKilledRestoreLeavesAWholeDatabaseUnderTheName() throws Exception {
        long seed = Seeds.seed("CrashTest restoring", "datastore4j.crashSeed");
        Random random = new Random(seed);
        Path copy = temp.resolve("copy.db");
        try (DataStore other = DataStore.open(DataStoreModels.REGISTRY, temp.resolve("other.db"))) {
            other.save(Post.builder().title("in the copy").build());
        }
        DataStore.backup(temp.resolve("other.db"), copy);
        int posts = 20_000;
        Path crashed = temp.resolve("crashed");
        Files.createDirectories(crashed);
        // a reader's transaction, begun before the posts were saved, keeps the store's checkpoints
        // from folding them into the database; the two files are copied while it is open, as a
        // process killed with the store open leaves them: every post only in the WAL
        Path original = temp.resolve("original.db");
        DataStore.open(DataStoreModels.REGISTRY, original).close();
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + original)) {
            holder.setAutoCommit(false);
            holder.createStatement().executeQuery("SELECT count(*) FROM Post").close();
            try (DataStore blog = DataStore.open(DataStoreModels.REGISTRY, original)) {
                blog.batch(batch -> {
                    for (int i = 0; i < posts; i++) {
                        batch.save(Post.builder().title("pending " + i).rating(i).build());
                    }
                });
            }
            Files.copy(original, crashed.resolve("app.db"));
            Files.copy(temp.resolve("original.db-wal"), crashed.resolve("app.db-wal"));
            holder.rollback();
        }
        assertThat(Files.size(crashed.resolve("app.db-wal"))).isGreaterThan(1 << 20);
        long millis = restoreKilledAfter(copy, crashed, temp.resolve("whole"), Long.MAX_VALUE);
        int restored = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Path folder = temp.resolve("round-" + round);
            restoreKilledAfter(copy, crashed, folder, random.nextInt((int) Math.max(1, millis * 3 / 2)));
            Path db = folder.resolve("app.db");
            String what = "round %d (seed %d)".formatted(round, seed);
            assertThat(db).as(what).exists();
            List<Path> asides;
            try (var listed = Files.list(folder)) {
                asides = listed.filter(f -> f.getFileName().toString().matches("app\\.db\\.replaced-[0-9TZ]+")).toList();
            }
            if (outboxRecordIds(db).size() == 1) { // the copy's one post
                assertThat(integrityCheck(db)).as(what).isEqualTo("ok");
                assertThat(asides).as(what).hasSize(1);
                assertHoldsEveryPendingPost(asides.get(0), posts, what + ", set aside");
                restored++;
            } else {
                assertHoldsEveryPendingPost(db, posts, what + ", not restored");
            }
        }
        System.out.printf("CrashTest: the restore took %d ms; %d kills, %d after the copy took the name, nothing lost%n",
                millis, ROUNDS, restored);
    }

    /**
     * Puts the crashed database's files into {@code folder} and runs a {@link RestoreWorker} of
     * {@code copy} over them, killed {@code millis} after it starts restoring (or left to finish);
     * returns the restore's time.
     */
    private static long restoreKilledAfter(Path copy, Path crashed, Path folder, long millis) throws Exception {
        Files.createDirectories(folder);
        Files.copy(crashed.resolve("app.db"), folder.resolve("app.db"));
        Files.copy(crashed.resolve("app.db-wal"), folder.resolve("app.db-wal"));
        return runKilledAfter(millis, RestoreWorker.class, "restoring", "restored in ", copy.toString(),
                folder.resolve("app.db").toString());
    }

    /**
     * Runs {@code worker} in a child JVM, killed {@code millis} after it printed {@code started}
     * (or, for {@link Long#MAX_VALUE}, left to finish: then it must print {@code done} and a time
     * in ms, which is returned).
     */
    private static long runKilledAfter(long millis, Class<?> worker, String started, String done, String... args)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), worker.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo(started);
            if (millis != Long.MAX_VALUE) {
                Thread.sleep(millis);
                process.destroyForcibly();
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                return millis;
            }
            String report = out.readLine();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(report).as("the worker's report").startsWith(done);
            return Long.parseLong(report.substring(done.length(), report.indexOf(" ms")));
        }
    }

    private static void assertHoldsEveryPendingPost(Path db, int posts, String what) throws Exception {
        assertThat(integrityCheck(db)).as(what).isEqualTo("ok");
        assertThat(outboxRecordIds(db)).as(what).hasSize(posts);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM Post")) {
            rows.next();
            assertThat(rows.getInt(1)).as(what).isEqualTo(posts);
        }
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
