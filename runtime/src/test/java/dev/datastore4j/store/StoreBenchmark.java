package dev.datastore4j.store;

import com.example.blog.DataStoreModels;
import com.example.blog.Post;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Store throughput and latency beside a raw-JDBC SQLite baseline measured in the same run with
 * the same pragmas (WAL, synchronous=NORMAL) and the same rows: a model row plus an outbox row.
 * Section "observers" compares the store with itself: what a large {@code observeQuery} costs
 * while records it does not select are saved, against the same saves without it. Section
 * "durable" repeats single and concurrent saves with {@link DataStore.Durability#POWER_LOSS}
 * (synchronous=FULL, a raw baseline with the same). Every figure is the median of several rounds,
 * a baseline and its comparison taken in turns.
 * Run with {@code benchmarks/store.sh [single|threads|async|batch|queries|observers|durable...]};
 * {@code -Dvirtual=true} (in {@code BENCH_JAVA_OPTS}, with {@code BENCH_JAVA} a Java 21 or later)
 * makes the concurrent savers virtual threads.
 */
public final class StoreBenchmark {
    private static final int ROUNDS = 5;
    private static final int SINGLE_SAVES = 5_000;
    private static final int THREADS = Integer.getInteger("threads", 8);
    private static final boolean VIRTUAL = Boolean.getBoolean("virtual");
    private static final ThreadFactory SAVERS = savers();
    private static final int BATCH = 100_000;

    private final Path folder;
    private final DataStore.Durability durability;

    private StoreBenchmark(Path folder, DataStore.Durability durability) {
        this.folder = folder;
        this.durability = durability;
    }

    private DataStore open(String name) throws IOException {
        return DataStore.open(DataStoreModels.REGISTRY, fresh(name), DataStore.Options.defaults().withDurability(durability));
    }

    public static void main(String[] args) throws Exception {
        Path folder = Files.createTempDirectory("datastore4j-bench");
        try {
            run(folder, args);
        } finally {
            empty(folder);
            Files.delete(folder);
        }
    }

    private static void run(Path folder, String[] args) throws Exception {
        StoreBenchmark bench = new StoreBenchmark(folder, DataStore.Durability.APP_CRASH);
        System.out.println("| measurement | datastore4j | raw JDBC baseline | ratio |");
        System.out.println("|---|---|---|---|");
        List<String> sections = args.length == 0 ? List.of("single", "threads", "async", "batch", "queries", "observers", "durable") : List.of(args);
        if (sections.contains("single")) {
            double[] pair = interleaved(bench::rawSingleTransactions, bench::storeSingleSaves);
            row("single save + outbox entry, own transaction (tx/s)", pair[1], pair[0]);
        }
        if (sections.contains("threads")) {
            double[] raw = interleaved(bench::rawSingleTransactions, bench::rawGroupedTransactions);
            System.out.printf("| raw JDBC, %d saves per transaction: the ceiling of group commit (tx'd saves/s) | | %.0f |"
                    + " %.2fx of raw single (%.0f) |%n", THREADS, raw[1], raw[1] / raw[0], raw[0]);
            double[] store = interleaved(bench::storeSameWorkOnOneThread, bench::storeThreadedSaves);
            System.out.printf("| %d threads saving concurrently (saves/s) | %.0f | one thread, same %,d saves: %.0f | %.2fx |%n",
                    THREADS, store[1], THREADS * SINGLE_SAVES, store[0], store[1] / store[0]);
            bench.threadedLatencies();
        }
        if (sections.contains("async")) {
            double[] pair = interleaved(bench::storeSameWorkOnOneThread, bench::storeAsyncSaves);
            System.out.printf("| %,d saveAsync calls from one thread, then waiting for them all (saves/s) | %.0f |"
                    + " one thread, same saves blocking: %.0f | %.2fx |%n", THREADS * SINGLE_SAVES, pair[1], pair[0], pair[1] / pair[0]);
        }
        if (sections.contains("batch")) {
            double[] pair = interleaved(bench::rawBatch, bench::storeBatch);
            double rawBatch = pair[0];
            double storeBatch = pair[1];
            row("batch of 100,000 saves + outbox entries, one transaction (rows/s)", storeBatch, rawBatch);
        }
        if (sections.contains("queries")) {
            bench.queries();
        }
        if (sections.contains("observers")) {
            bench.observers();
        }
        if (sections.contains("durable")) {
            StoreBenchmark durable = new StoreBenchmark(folder, DataStore.Durability.POWER_LOSS);
            double[] single = interleaved(durable::rawSingleTransactions, durable::storeSingleSaves);
            row("synced commits (POWER_LOSS): single save + outbox entry (tx/s)", single[1], single[0]);
            double[] store = interleaved(durable::storeSameWorkOnOneThread, durable::storeThreadedSaves);
            System.out.printf("| synced commits: %d threads saving concurrently (saves/s) | %.0f | one thread, same %,d saves: %.0f |"
                    + " %.2fx |%n", THREADS, store[1], THREADS * SINGLE_SAVES, store[0], store[1] / store[0]);
        }
        System.out.println();
        System.out.println("Java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, " + ROUNDS + " rounds each; " + idling() + (VIRTUAL ? "; concurrent savers: virtual threads" : ""));
    }

    /**
     * How this machine's idle CPUs wait (Linux): whether they poll for a while before halting
     * decides what waking a thread onto one costs, and with it the 8-thread figure (docs/benchmarks.md).
     */
    private static String idling() {
        Path driver = Path.of("/sys/devices/system/cpu/cpuidle/current_driver");
        Path poll = Path.of("/sys/module/haltpoll/parameters/guest_halt_poll_ns");
        try {
            String idle = "cpuidle driver " + (Files.isReadable(driver) ? Files.readString(driver).strip() : "unknown");
            return Files.isReadable(poll) ? idle + ", guest_halt_poll_ns " + Files.readString(poll).strip() : idle;
        } catch (IOException e) {
            return "cpuidle driver unknown (" + e.getMessage() + ")";
        }
    }

    private static void row(String what, double store, double raw) {
        System.out.printf("| %s | %.0f | %.0f | %.2fx |%n", what, store, raw, store / raw);
    }

    /**
     * The medians of two measurements taken in alternation (after one warm-up of each), so that
     * a baseline and what it is compared with see the same moments of a noisy machine.
     */
    private static double[] interleaved(LongSupplierWithException baseline, LongSupplierWithException measured)
            throws Exception {
        baseline.rate();
        measured.rate();
        List<Double> first = new ArrayList<>();
        List<Double> second = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            first.add(baseline.rate());
            second.add(measured.rate());
        }
        return new double[] {median(first), median(second)};
    }

    @FunctionalInterface
    private interface LongSupplierWithException {
        double rate() throws Exception;
    }

    /**
     * A database file for the next measurement, in a folder emptied first: measurements run one at
     * a time, so the files of the last one are closed, and a run leaves no gigabytes behind.
     */
    private Path fresh(String name) throws IOException {
        empty(folder);
        return folder.resolve(name + ".db");
    }

    private static void empty(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }

    private static Post post(int i) {
        return Post.builder().title("t" + (i % 1000)).content("content of post " + i).rating(i % 5)
                .tags(List.of("a", "b")).build();
    }

    // ---- raw baseline: the same two rows per save, with prepared statements --------------------

    private Connection raw(Path file) throws Exception {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, Store.connectionSettings());
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            if (durability == DataStore.Durability.POWER_LOSS) {
                statement.execute("PRAGMA synchronous=FULL");
            }
            statement.execute("CREATE TABLE \"Post\" (\"id\" TEXT NOT NULL, \"title\" TEXT, \"content\" TEXT,"
                    + " \"rating\" INTEGER, \"status\" TEXT, \"tags\" TEXT, \"publishedOn\" TEXT, \"createdAt\" TEXT,"
                    + " \"updatedAt\" TEXT, \"blogPostsId\" TEXT, \"owner\" TEXT, PRIMARY KEY (\"id\"))");
            statement.execute("CREATE INDEX \"Post.byTitle\" ON \"Post\" (\"title\")");
            statement.execute("CREATE TABLE _outbox (seq INTEGER PRIMARY KEY, model TEXT NOT NULL,"
                    + " record_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, condition TEXT,"
                    + " in_flight INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL)");
            statement.execute("CREATE INDEX _outbox_record ON _outbox (model, record_id, seq)");
        }
        connection.setAutoCommit(false);
        return connection;
    }

    /**
     * The same row and the same outbox payload the store writes for {@code post}, bound by hand,
     * numbered {@code seq} in the outbox (the store numbers entries itself too).
     */
    private static void rawInsert(PreparedStatement model, PreparedStatement outbox, long seq, Post post) throws Exception {
        model.setString(1, post.id());
        model.setString(2, post.title());
        model.setString(3, post.content());
        model.setInt(4, post.rating());
        model.setString(5, post.status().name());
        model.setString(6, "[\"a\",\"b\"]");
        for (int column = 7; column <= 11; column++) {
            model.setNull(column, Types.VARCHAR);
        }
        model.executeUpdate();
        outbox.setLong(1, seq);
        outbox.setString(2, "Post");
        outbox.setString(3, post.id());
        outbox.setString(4, "CREATE");
        outbox.setString(5, "{\"id\":\"" + post.id() + "\",\"title\":\"" + post.title() + "\",\"content\":\""
                + post.content() + "\",\"rating\":" + post.rating() + ",\"status\":\"" + post.status().name()
                + "\",\"tags\":[\"a\",\"b\"],\"publishedOn\":null,\"createdAt\":null,\"updatedAt\":null,"
                + "\"blogPostsId\":null,\"owner\":null}");
        outbox.setLong(6, System.currentTimeMillis());
        outbox.executeUpdate();
    }

    private static final String RAW_MODEL = "INSERT INTO \"Post\" (\"id\", \"title\", \"content\", \"rating\", \"status\","
            + " \"tags\", \"publishedOn\", \"createdAt\", \"updatedAt\", \"blogPostsId\", \"owner\")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String RAW_OUTBOX = "INSERT INTO _outbox (seq, model, record_id, type, data, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)";

    private double rawSingleTransactions() throws Exception {
        return rawTransactions("raw-single", 1);
    }

    /** The raw baseline committing every {@code THREADS} saves together, as a perfect group commit would. */
    private double rawGroupedTransactions() throws Exception {
        return rawTransactions("raw-grouped", THREADS);
    }

    private double rawTransactions(String name, int savesPerTransaction) throws Exception {
        try (Connection connection = raw(fresh(name));
                PreparedStatement model = connection.prepareStatement(RAW_MODEL);
                PreparedStatement outbox = connection.prepareStatement(RAW_OUTBOX)) {
            long start = System.nanoTime();
            for (int i = 0; i < SINGLE_SAVES; i++) {
                rawInsert(model, outbox, i + 1, post(i));
                if (i % savesPerTransaction == savesPerTransaction - 1) {
                    connection.commit();
                }
            }
            connection.commit();
            return SINGLE_SAVES / seconds(start);
        }
    }

    private double rawBatch() throws Exception {
        try (Connection connection = raw(fresh("raw-batch"));
                PreparedStatement model = connection.prepareStatement(RAW_MODEL);
                PreparedStatement outbox = connection.prepareStatement(RAW_OUTBOX)) {
            List<Post> posts = posts(BATCH);
            long start = System.nanoTime();
            for (int i = 0; i < posts.size(); i++) {
                rawInsert(model, outbox, i + 1, posts.get(i));
            }
            connection.commit();
            return BATCH / seconds(start);
        }
    }

    // ---- the store ------------------------------------------------------------------------------

    private double storeSingleSaves() throws Exception {
        return storeSingleSaves(SINGLE_SAVES);
    }

    /**
     * One thread saving as many posts as {@link #storeThreadedSaves} saves in all: the threads are
     * compared with one thread doing the same work from the same fresh file. A shorter run would
     * flatter the threads: the first few thousand saves of a fresh file are slower (its WAL is
     * still growing; later commits write over it), and a short run is mostly those.
     */
    private double storeSameWorkOnOneThread() throws Exception {
        return storeSingleSaves(THREADS * SINGLE_SAVES);
    }

    private double storeSingleSaves(int count) throws Exception {
        try (DataStore store = open("store-single")) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                store.save(post(i));
            }
            return count / seconds(start);
        }
    }

    /** {@code saveAsync} as fast as one thread can call it: the store groups what piles up. */
    private double storeAsyncSaves() throws Exception {
        int count = THREADS * SINGLE_SAVES;
        try (DataStore store = open("store-async")) {
            List<CompletableFuture<Post>> saves = new ArrayList<>(count);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                saves.add(store.saveAsync(post(i)));
            }
            CompletableFuture.allOf(saves.toArray(CompletableFuture<?>[]::new)).join();
            return count / seconds(start);
        }
    }

    private double storeThreadedSaves() throws Exception {
        return threadedSaves("store-threads", null);
    }

    /**
     * The saving threads of the concurrent measurements: platform threads, or with {@code
     * -Dvirtual=true} on Java 21 or later, virtual threads (looked up by reflection, since this
     * code compiles for Java 17).
     */
    private static ThreadFactory savers() {
        if (!VIRTUAL) {
            return Thread::new;
        }
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("-Dvirtual=true needs Java 21 or later", e);
        }
    }

    /** {@code THREADS} threads saving {@code SINGLE_SAVES} posts each; with {@code latencies}, each save's time in ns. */
    private double threadedSaves(String name, long[][] latencies) throws Exception {
        try (DataStore store = open(name)) {
            int perThread = SINGLE_SAVES;
            CountDownLatch done = new CountDownLatch(THREADS);
            long start = System.nanoTime();
            for (int t = 0; t < THREADS; t++) {
                int offset = t * perThread;
                long[] mine = latencies == null ? null : latencies[t];
                Thread thread = SAVERS.newThread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        long begin = mine == null ? 0 : System.nanoTime();
                        store.save(post(offset + i));
                        if (mine != null) {
                            mine[i] = System.nanoTime() - begin;
                        }
                    }
                    done.countDown();
                });
                thread.start();
            }
            done.await();
            return THREADS * perThread / seconds(start);
        }
    }

    /** How long single saves take while {@code THREADS} threads save: percentiles over 5 runs. */
    private void threadedLatencies() throws Exception {
        long[] all = new long[ROUNDS * THREADS * SINGLE_SAVES];
        for (int round = 0; round < ROUNDS; round++) {
            long[][] latencies = new long[THREADS][SINGLE_SAVES];
            threadedSaves("store-latency", latencies);
            for (int t = 0; t < THREADS; t++) {
                System.arraycopy(latencies[t], 0, all, (round * THREADS + t) * SINGLE_SAVES, SINGLE_SAVES);
            }
        }
        Arrays.sort(all);
        System.out.printf("| %d threads saving: time of one save, p50 / p99 / p99.9 / max (ms) | %.2f / %.2f / %.1f / %.1f |"
                + " | |%n", THREADS, percentile(all, 0.50), percentile(all, 0.99), percentile(all, 0.999),
                all[all.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double fraction) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(fraction * sorted.length))] / 1e6;
    }

    private double storeBatch() throws Exception {
        try (DataStore store = open("store-batch")) {
            List<Post> posts = posts(BATCH);
            long start = System.nanoTime();
            store.batch(batch -> posts.forEach(batch::save));
            return BATCH / seconds(start);
        }
    }

    private void queries() throws Exception {
        try (DataStore store = open("store-query")) {
            List<Post> posts = posts(BATCH);
            store.batch(batch -> posts.forEach(batch::save));
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String title = "t" + (i * 7 % 1000);
                long start = System.nanoTime();
                int found = store.query(Post.class, Post.TITLE.eq(title)).size();
                millis.add((System.nanoTime() - start) / 1e6);
                if (found != 100) {
                    throw new IllegalStateException("expected 100 rows, got " + found);
                }
            }
            System.out.printf("| indexed query over 100,000 rows returning 100 (ms, median of 300; first 50 are warm-up) | %.3f | | |%n",
                    median(millis.subList(50, millis.size())));
        }
        try (DataStore store = open("store-observe")) {
            List<Post> posts = posts(10_000);
            store.batch(batch -> posts.forEach(batch::save));
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                millis.add(firstSnapshotMillis(store));
            }
            System.out.printf("| first observeQuery snapshot over 10,000 rows (ms, median of 15) | %.1f | | |%n",
                    median(millis.subList(5, millis.size())));
            readWhole(store);
        }
    }

    /** The snapshot's query alone, run on this thread: its time and what it allocates, which reading rows is most of. */
    private static void readWhole(DataStore store) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        List<Double> millis = new ArrayList<>();
        List<Double> megabytes = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            long allocated = threads.getThreadAllocatedBytes(thread);
            long start = System.nanoTime();
            int found = store.query(Post.class, Post.RATING.ge(0), List.of(Post.TITLE.ascending()), Page.all()).size();
            millis.add((System.nanoTime() - start) / 1e6);
            megabytes.add((threads.getThreadAllocatedBytes(thread) - allocated) / 1e6);
            if (found != 10_000) {
                throw new IllegalStateException("expected 10,000 rows, got " + found);
            }
        }
        System.out.printf("| the same query alone, sorted, all 10,000 rows (ms, median of 20; MB allocated by each) | %.1f; %.1f MB | | |%n",
                median(millis.subList(5, millis.size())), median(megabytes.subList(5, megabytes.size())));
    }

    /**
     * What an {@code observeQuery} over 10,000 rows costs while records it does not select are
     * saved one at a time, as an app's user makes them: each of 200 saves waits until a plain
     * {@code observe()} subscriber has heard of the last, so that none shares its snapshot with a
     * burst. The process's CPU time and the time on the clock for the 200, with the query
     * subscribed and without it, in alternating rounds; and how many snapshots the query emitted.
     */
    private void observers() throws Exception {
        int saves = 200;
        try (DataStore store = open("store-observers")) {
            List<Post> posts = posts(10_000);
            store.batch(batch -> posts.forEach(batch::save));
            int[] round = new int[1];
            long[] snapshots = new long[1];
            List<List<Double>> clock = List.of(new ArrayList<>(), new ArrayList<>());
            var cpu = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            LongSupplierWithException heardAll = () -> {
                Semaphore heard = new Semaphore(0);
                Collector<StoreChange<?>> changes = new Collector<>(change -> {
                    heard.release();
                    return change.type();
                });
                store.observe().subscribe(changes);
                boolean withQuery = round[0]++ % 2 == 1;
                Collector<QuerySnapshot<Post>> query = new Collector<>(snapshot -> snapshot.items().size());
                if (withQuery) {
                    store.observeQuery(Post.class, Post.RATING.ge(0), List.of(Post.TITLE.ascending())).subscribe(query);
                    query.next();
                }
                long start = System.nanoTime();
                long cpuStart = cpu.getProcessCpuTime();
                for (int i = 0; i < saves; i++) {
                    store.save(Post.builder().title("draft " + i).rating(-1).build());
                    if (!heard.tryAcquire(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the observer did not hear of save " + i);
                    }
                }
                double cpuMillis = (cpu.getProcessCpuTime() - cpuStart) / 1e6;
                clock.get(withQuery ? 1 : 0).add((System.nanoTime() - start) / 1e6);
                changes.subscription.cancel();
                if (withQuery) {
                    query.subscription.cancel();
                    snapshots[0] += query.items.size();
                }
                return cpuMillis;
            };
            double[] pair = interleaved(heardAll, heardAll);
            System.out.printf("| %,d saves one at a time of records an observeQuery over 10,000 rows does not select, each until"
                    + " another observer heard of it: CPU ms (clock ms) | %.0f (%.0f) | without the query: %.0f (%.0f) | %.2fx;"
                    + " %d snapshots emitted in all |%n", saves, pair[1], median(clock.get(1)), pair[0], median(clock.get(0)),
                    pair[1] / pair[0], snapshots[0]);
        }
    }

    private static double firstSnapshotMillis(DataStore store) throws InterruptedException {
        CountDownLatch first = new CountDownLatch(1);
        int[] size = new int[1];
        long start = System.nanoTime();
        store.observeQuery(Post.class, Post.RATING.ge(0), List.of(Post.TITLE.ascending())).subscribe(
                new Flow.Subscriber<QuerySnapshot<Post>>() {
                    private Flow.Subscription subscription;

                    @Override
                    public void onSubscribe(Flow.Subscription subscription) {
                        this.subscription = subscription;
                        subscription.request(1);
                    }

                    @Override
                    public void onNext(QuerySnapshot<Post> snapshot) {
                        size[0] = snapshot.items().size();
                        first.countDown();
                        subscription.cancel();
                    }

                    @Override
                    public void onError(Throwable throwable) {
                        first.countDown();
                    }

                    @Override
                    public void onComplete() {
                    }
                });
        first.await(30, TimeUnit.SECONDS);
        double millis = (System.nanoTime() - start) / 1e6;
        if (size[0] != 10_000) {
            throw new IllegalStateException("expected 10,000 items, got " + size[0]);
        }
        return millis;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static List<Post> posts(int count) {
        List<Post> posts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            posts.add(post(i));
        }
        return posts;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
