package dev.datastore4j.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.blog.DataStoreModels;
import com.example.blog.Post;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link DataStore#backup} and {@link DataStore#restore}, on real files. */
class BackupTest {
    @TempDir
    Path temp;

    /**
     * Copies taken while four threads save: each copy opens as a store and is one moment of the
     * database, every save that had returned before the copy began in it, and every record in it
     * with its outbox entry (a save and its entry commit together, and the copy is one read).
     */
    @Test
    @Timeout(120)
    void copiesTakenWhileAStoreWritesAreWholeMoments() throws Exception {
        Path file = temp.resolve("app.db");
        Set<String> saved = ConcurrentHashMap.newKeySet();
        Semaphore returned = new Semaphore(0); // a permit for each save that returned
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Path> copies = new ArrayList<>();
        List<Set<String>> savedBefore = new ArrayList<>();
        try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, file)) {
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread writer = new Thread(() -> {
                    while (writing.get()) {
                        saved.add(store.save(Post.builder().title("a post").build()).id());
                        returned.release();
                    }
                });
                writer.start();
                writers.add(writer);
            }
            for (int i = 0; i < 5; i++) {
                returned.drainPermits();
                returned.acquire(20); // saves between copies, so that each holds more than the last
                savedBefore.add(Set.copyOf(saved));
                Path copy = temp.resolve("copy-" + i + ".db");
                assertThat(DataStore.backup(file, copy)).isEqualTo(Files.size(copy)).isPositive();
                copies.add(copy);
            }
            writing.set(false);
            for (Thread writer : writers) {
                writer.join();
            }
        }
        int last = -1;
        for (int i = 0; i < copies.size(); i++) {
            Set<String> posts = new HashSet<>();
            Set<String> pending = new HashSet<>();
            assertThat(DataStore.readPendingMutations(copies.get(i), mutation -> pending.add(mutation.recordId())))
                    .isEqualTo(pending.size());
            try (DataStore copy = DataStore.open(DataStoreModels.REGISTRY, copies.get(i))) {
                copy.query(Post.class).forEach(post -> posts.add(post.id()));
            }
            assertThat(posts).as("copy %d", i).containsAll(savedBefore.get(i)).isSubsetOf(saved);
            assertThat(pending).as("copy %d: every post with its outbox entry, and no entry without its post", i)
                    .isEqualTo(posts);
            assertThat(posts.size()).as("later copies hold more").isGreaterThan(last);
            last = posts.size();
        }
        assertThat(savedBefore.get(0)).as("saves had begun before the first copy").isNotEmpty();
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left.map(path -> path.getFileName().toString())).noneMatch(name -> name.contains(".partial-"));
        }
    }

    /**
     * A restore puts the copy in the database's place and sets the database it replaced aside,
     * with what its WAL held, so that nothing is lost: the replaced one opens as it was, pending
     * mutations and all, and the restored one holds what the copy held (not the WAL of the other).
     * The WAL left by a crash is folded into the database first, so that the copy replaces it in
     * one rename, as one closed cleanly.
     */
    @Test
    void aRestoreSetsTheReplacedDatabaseAsideWithWhatItsWalHeld() throws Exception {
        Path file = temp.resolve("app.db");
        Path copy = temp.resolve("app-copy.db");
        String kept;
        String later;
        try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, file)) {
            kept = store.save(Post.builder().title("in the copy").build()).id();
            DataStore.backup(file, copy);
            later = store.save(Post.builder().title("after the copy").build()).id();
            assertThatThrownBy(() -> DataStore.restore(copy, file)).isInstanceOf(DataStoreException.class)
                    .hasMessageStartingWith("cannot restore " + file + ": it is in use (by a sync server or an app); stop it first");
        }
        // a WAL left holding commits, as by a process killed with the store open: another connection
        // keeps the store's close from emptying it, and the two files are copied while nothing writes
        Path wal = temp.resolve("app.db-wal");
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = holder.createStatement()) {
            statement.executeQuery("SELECT count(*) FROM sqlite_master").close();
            try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, file)) {
                store.save(Post.builder().title("only in the WAL").build());
            }
            Files.copy(file, temp.resolve("crashed.db"));
            Files.copy(wal, temp.resolve("crashed.db-wal"));
        }
        Files.move(temp.resolve("crashed.db"), file, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temp.resolve("crashed.db-wal"), wal, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(temp.resolve("app.db-shm"));
        assertThat(Files.size(wal)).isPositive();

        Path aside = restoreWatchingTheName(copy, file);
        assertThat(aside.getFileName().toString()).startsWith("app.db.replaced-");
        assertThat(wal).doesNotExist();
        assertThat(temp.resolve(aside.getFileName() + "-wal")).as("folded into the database").doesNotExist();
        assertThat(copy).exists();
        try (DataStore restored = DataStore.open(DataStoreModels.REGISTRY, file)) {
            assertThat(restored.query(Post.class)).extracting(Post::id).containsExactly(kept);
        }
        try (DataStore replaced = DataStore.open(DataStoreModels.REGISTRY, aside)) {
            assertThat(replaced.query(Post.class)).extracting(Post::title)
                    .containsExactlyInAnyOrder("in the copy", "after the copy", "only in the WAL");
            assertThat(replaced.query(Post.class)).extracting(Post::id).contains(kept, later);
            assertThat(replaced.outbox().size()).isEqualTo(3);
        }

        Path fresh = temp.resolve("fresh.db");
        assertThat(DataStore.restore(copy, fresh)).as("nothing to set aside").isEmpty();
        try (DataStore restored = DataStore.open(DataStoreModels.REGISTRY, fresh)) {
            assertThat(restored.query(Post.class)).extracting(Post::id).containsExactly(kept);
        }
        Path garbage = Files.writeString(temp.resolve("garbage.db"), "not SQLite at all, but long enough to be read as a header");
        assertThatThrownBy(() -> DataStore.restore(garbage, file))
                .hasMessageStartingWith("cannot restore from " + garbage + ": not a database, or corrupt");
        // the database itself as its copy, through a symbolic link too, and a database in no folder
        Path link = Files.createSymbolicLink(temp.resolve("link.db"), file);
        for (Path itself : List.of(file, link)) {
            assertThatThrownBy(() -> DataStore.restore(itself, file)).isInstanceOf(DataStoreException.class)
                    .hasMessage("cannot restore " + file + " from " + itself + ": they are the same file; name the copy that"
                            + " backup wrote");
        }
        Path nowhere = temp.resolve("no-such-folder").resolve("app.db");
        assertThatThrownBy(() -> DataStore.restore(copy, nowhere)).isInstanceOf(DataStoreException.class)
                .hasMessage("cannot restore " + nowhere + ": there is no folder " + nowhere.getParent());
        try (DataStore unchanged = DataStore.open(DataStoreModels.REGISTRY, file)) {
            assertThat(unchanged.query(Post.class)).extracting(Post::id).containsExactly(kept);
        }
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files.filter(name -> name.getFileName().toString().matches("app\\.db\\.replaced-[0-9TZ]+")))
                    .as("set aside: the restore from the copy alone").hasSize(1);
        }
    }

    /**
     * A database closed cleanly (no WAL left beside it) is set aside as a second name of its file
     * (a hard link) before the copy replaces it in one rename: at no moment is there no database
     * under its name, so a crash in the middle of a restore leaves no app opening an empty one.
     */
    @Test
    void aCleanlyClosedDatabaseIsReplacedInOneStep() throws Exception {
        Path file = temp.resolve("app.db");
        Path copy = temp.resolve("copy.db");
        saveACopyAndAPostAfterIt(file, copy);
        assertThat(temp.resolve("app.db-wal")).doesNotExist();
        Object replaced = Files.readAttributes(file, BasicFileAttributes.class).fileKey();

        Path aside = restoreWatchingTheName(copy, file);
        assertThat(Files.readAttributes(aside, BasicFileAttributes.class).fileKey()).isEqualTo(replaced);
        assertThat(temp.resolve(aside.getFileName() + "-wal")).doesNotExist();
        try (DataStore restored = DataStore.open(DataStoreModels.REGISTRY, file)) {
            assertThat(restored.query(Post.class)).extracting(Post::title).containsExactly("in the copy");
        }
        try (DataStore old = DataStore.open(DataStoreModels.REGISTRY, aside)) {
            assertThat(old.query(Post.class)).extracting(Post::title).containsExactlyInAnyOrder("in the copy", "after the copy");
        }
    }

    /**
     * A {@code -wal} left under a set-aside name (a restore killed after copying a WAL aside) is
     * never taken for the WAL of a database set aside later: the name is passed over.
     */
    @Test
    void aWalLeftUnderASetAsideNameIsPassedOver() throws Exception {
        Path file = temp.resolve("app.db");
        Path copy = temp.resolve("copy.db");
        saveACopyAndAPostAfterIt(file, copy);
        var stamp = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
        Instant now = Instant.now();
        for (Instant second : List.of(now, now.plusSeconds(1))) { // the restore below may fall in the next second
            Files.writeString(temp.resolve("app.db.replaced-" + stamp.format(second) + "-wal"), "left by a crash");
        }
        Path aside = DataStore.restore(copy, file).orElseThrow();
        assertThat(temp.resolve(aside.getFileName() + "-wal")).doesNotExist();
        try (DataStore old = DataStore.open(DataStoreModels.REGISTRY, aside)) {
            assertThat(old.query(Post.class)).extracting(Post::title).containsExactlyInAnyOrder("in the copy", "after the copy");
        }
    }

    /** A store in {@code file} with a post "in the copy", backed up to {@code copy}, then a post "after the copy". */
    private static void saveACopyAndAPostAfterIt(Path file, Path copy) {
        try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, file)) {
            store.save(Post.builder().title("in the copy").build());
            DataStore.backup(file, copy);
            store.save(Post.builder().title("after the copy").build());
        }
    }

    /**
     * {@link DataStore#restore}, watching {@code file}'s folder: the name is never left without a
     * file (its only event is the copy's rename into it, the last step). Returns where the database
     * it replaced was set aside.
     */
    private Path restoreWatchingTheName(Path copy, Path file) throws Exception {
        List<String> seen = new ArrayList<>();
        Path aside;
        try (WatchService watcher = temp.getFileSystem().newWatchService()) {
            temp.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
            aside = DataStore.restore(copy, file).orElseThrow();
            while (!seen.contains("ENTRY_CREATE")) {
                WatchKey key = watcher.poll(10, TimeUnit.SECONDS);
                assertThat(key).as("the watcher's events, so far %s", seen).isNotNull();
                key.pollEvents().stream().filter(e -> file.getFileName().equals(e.context()))
                        .forEach(e -> seen.add(e.kind().name()));
                key.reset();
            }
        }
        assertThat(seen).as("the name was never left without a file").containsExactly("ENTRY_CREATE");
        return aside;
    }

    /**
     * A file SQLite cannot open in the database's place (a corrupt one: a reason to restore) is
     * set aside by renames, with its WAL as it was (SQLite can remove the WAL beside a file it
     * cannot read when it closes it: the restore keeps a copy), and the copy takes its place.
     */
    @Test
    void aRestoreOverAFileThatIsNoDatabaseSetsItAsideAsItIs() throws Exception {
        Path copy = temp.resolve("copy.db");
        try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, temp.resolve("source.db"))) {
            store.save(Post.builder().title("in the copy").build());
        }
        DataStore.backup(temp.resolve("source.db"), copy);
        String garbage = "not SQLite at all, but long enough to be read as a header";
        Path file = Files.writeString(temp.resolve("app.db"), garbage);
        Files.writeString(temp.resolve("app.db-wal"), "no WAL either");

        Path aside = DataStore.restore(copy, file).orElseThrow();
        assertThat(aside).hasContent(garbage);
        assertThat(temp.resolve(aside.getFileName() + "-wal")).hasContent("no WAL either");
        assertThat(temp.resolve("app.db-wal")).doesNotExist();
        try (DataStore restored = DataStore.open(DataStoreModels.REGISTRY, file)) {
            assertThat(restored.query(Post.class)).extracting(Post::title).containsExactly("in the copy");
        }
    }

    /**
     * A copy of another kind of database than the one it would replace (a sync server's in an
     * app's store's place, or a store in a server's) is refused, with nothing changed: the app or
     * server would refuse to open it. Into a name with no database, or an empty one, any copy goes.
     */
    @Test
    void aCopyOfAnotherKindOfDatabaseIsRefused() throws Exception {
        Path store = temp.resolve("app.db");
        Path storeCopy = temp.resolve("app-copy.db");
        saveACopyAndAPostAfterIt(store, storeCopy);
        Path server = temp.resolve("server.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + server);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT)"); // as a sync server's
        }
        Path serverCopy = temp.resolve("server-copy.db");
        DataStore.backup(server, serverCopy);
        byte[] storeBefore = Files.readAllBytes(store);
        byte[] serverBefore = Files.readAllBytes(server);

        assertThatThrownBy(() -> DataStore.restore(serverCopy, store)).isInstanceOf(DataStoreException.class)
                .hasMessage("cannot restore " + store + " from " + serverCopy + ": " + store + " is an app's store, and the"
                        + " copy is not one (a sync server's database, say); restore a copy of the same file, or move "
                        + store + " away first. Nothing was changed");
        assertThatThrownBy(() -> DataStore.restore(storeCopy, server)).isInstanceOf(DataStoreException.class)
                .hasMessage("cannot restore " + server + " from " + storeCopy + ": the copy is an app's store, and " + server
                        + " is not one (a sync server's database, say); restore a copy of the same file, or move " + server
                        + " away first. Nothing was changed");
        assertThat(Files.readAllBytes(store)).isEqualTo(storeBefore);
        assertThat(Files.readAllBytes(server)).isEqualTo(serverBefore);
        try (var names = Files.list(temp)) {
            assertThat(names.map(name -> name.getFileName().toString())).noneMatch(name -> name.contains(".replaced-"));
        }

        assertThat(DataStore.restore(serverCopy, temp.resolve("new.db"))).isEmpty();
        Path empty = Files.createFile(temp.resolve("empty.db"));
        assertThat(DataStore.restore(storeCopy, empty)).as("over an empty file").isPresent();
        assertThat(DataStore.restore(storeCopy, store)).as("a copy of the same kind").isPresent();
    }

    /**
     * A copy never writes over a file; a file that is no database, a folder and an empty path are
     * refused saying what they are; nothing is left behind.
     */
    @Test
    void aBackupRefusesWhatItCannotCopyAndLeavesNothingBehind() throws Exception {
        Path file = temp.resolve("app.db");
        try (DataStore store = DataStore.open(DataStoreModels.REGISTRY, file)) {
            store.save(Post.builder().title("kept").build());
        }
        Path existing = Files.writeString(temp.resolve("existing.db"), "someone's file");
        assertThatThrownBy(() -> DataStore.backup(file, existing)).isInstanceOf(DataStoreException.class)
                .hasMessage("cannot copy " + file + ": " + existing + " exists; name a new file (a backup never writes"
                        + " over one)");
        assertThat(Files.readString(existing)).isEqualTo("someone's file");

        Path nowhere = temp.resolve("no-such-folder").resolve("copy.db");
        assertThatThrownBy(() -> DataStore.backup(file, nowhere))
                .hasMessage("cannot copy " + file + " to " + nowhere + ": there is no folder " + nowhere.getParent());
        Path missing = temp.resolve("missing.db");
        assertThatThrownBy(() -> DataStore.backup(missing, temp.resolve("copy.db")))
                .hasMessage("cannot copy " + missing + ": no such file");
        assertThatThrownBy(() -> DataStore.backup(temp, temp.resolve("copy.db")))
                .hasMessage("cannot copy " + temp + ": not a file");
        // the empty path is the current folder, which "not a file" or "exists" would leave a riddle
        Path empty = Path.of("");
        assertThatThrownBy(() -> DataStore.backup(empty, temp.resolve("copy.db")))
                .hasMessage("cannot copy a database at an empty path; name a database file");
        assertThatThrownBy(() -> DataStore.backup(file, empty))
                .hasMessage("cannot copy " + file + " to a database at an empty path; name a database file");
        assertThatThrownBy(() -> DataStore.restore(empty, file))
                .hasMessage("cannot restore from a database at an empty path; name a database file");
        assertThatThrownBy(() -> DataStore.restore(file, empty))
                .hasMessage("cannot restore a database at an empty path; name a database file");
        assertThatThrownBy(() -> DataStore.readPendingMutations(empty, mutation -> {}))
                .hasMessage("cannot read a database at an empty path; name a database file");
        assertThatThrownBy(() -> DataStore.open(DataStoreModels.REGISTRY, empty))
                .isInstanceOf(DataStoreException.class)
                .hasMessage("cannot open a database at an empty path; name a database file");
        Path garbage = Files.writeString(temp.resolve("garbage.db"), "not SQLite at all, but long enough to be read as a header");
        assertThatThrownBy(() -> DataStore.backup(garbage, temp.resolve("copy.db")))
                .hasMessageStartingWith("cannot copy " + garbage + ": not a database, or corrupt");
        assertThat(temp.resolve("copy.db")).doesNotExist();
        try (Stream<Path> left = Files.list(temp)) {
            assertThat(left.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("app.db", "app.db-datastore4j.lock", "existing.db", "garbage.db");
        }
    }
}
