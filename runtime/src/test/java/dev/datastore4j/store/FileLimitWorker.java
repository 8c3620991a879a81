package dev.datastore4j.store;

import com.example.blog.DataStoreModels;
import com.example.blog.Post;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run in a child JVM by {@link FullDiskTest}, in a process whose files may not grow past a limit,
 * and by {@code benchmarks/wal-growth.sh}, without one: {@value #THREADS} threads save posts, with
 * the durability its second argument names ({@code APP_CRASH} when none), until
 * {@value #FAILURES} saves in all have failed, each printing {@code saved <id>} once a save
 * returned and {@code failed <id> <message>} once one threw; then the store is closed and
 * {@code closed} printed.
 */
public final class FileLimitWorker {
    static final int THREADS = 4;
    static final int FAILURES = 40;
    /** Saves in all after which the worker gives up waiting for a failure (the limit was not reached). */
    static final int MOST_SAVES = 500_000;

    private FileLimitWorker() {}

    public static void main(String[] args) throws InterruptedException {
        DataStore.Durability durability = args.length > 1 ? DataStore.Durability.valueOf(args[1]) : DataStore.Durability.APP_CRASH;
        DataStore store = DataStore.open(DataStoreModels.REGISTRY, Path.of(args[0]),
                DataStore.Options.defaults().withDurability(durability));
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger saves = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                while (failures.get() < FAILURES && saves.incrementAndGet() <= MOST_SAVES) {
                    Post post = Post.builder().title("thread " + thread + " " + "x".repeat(200)).rating(thread).build();
                    String line;
                    try {
                        store.save(post);
                        line = "saved " + post.id();
                    } catch (DataStoreException e) {
                        failures.incrementAndGet();
                        line = "failed " + post.id() + " " + e.getMessage().replace('\n', ' ');
                    }
                    synchronized (System.out) {
                        System.out.println(line);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        try {
            store.close();
            System.out.println("closed");
        } catch (DataStoreException e) {
            System.out.println("closing failed " + e.getMessage().replace('\n', ' '));
        }
    }
}
