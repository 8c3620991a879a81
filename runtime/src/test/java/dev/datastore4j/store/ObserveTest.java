package dev.datastore4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.blog.Comment;
import com.example.blog.DataStoreModels;
import com.example.blog.Post;
import com.example.blog.PostStatus;
import com.example.shop.Order;
import com.example.shop.OrderStatus;
import dev.datastore4j.query.QueryPredicate;
import dev.datastore4j.query.SortBy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObserveTest {
    private static final Duration WAIT = Collector.WAIT;

    @TempDir
    Path temp;

    private DataStore store;

    @BeforeEach
    void open() {
        store = DataStore.open(DataStoreModels.REGISTRY, temp.resolve("observe.db"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void observersSeeEveryChangeInCommitOrderAfterItCommitted() throws Exception {
        // The subscriber reads the store when told of a save: the record must already be there.
        Collector<StoreChange<?>> all = new Collector<>(change ->
                change.type() + " " + ((Post) change.model()).title() + " visible="
                        + store.get(Post.class, ((Post) change.model()).id()).isPresent());
        store.observe().subscribe(all);
        awaitRegistered();
        Post post = store.save(Post.builder().title("a").build());
        assertThat(all.next()).isEqualTo("CREATE a visible=true");
        store.save(post.toBuilder().title("b").build());
        assertThat(all.next()).isEqualTo("UPDATE b visible=true");
        store.delete(post);
        assertThat(all.next()).isEqualTo("DELETE b visible=false");
    }

    @Test
    void concurrentWritersAreObservedInCommitOrder() throws Exception {
        Collector<StoreChange<Post>> changes = new Collector<>(change -> change.model().rating());
        store.observe(Post.class).subscribe(changes);
        awaitRegistered();
        Post post = store.save(Post.builder().title("counter").rating(0).build());
        for (int i = 1; i <= 200; i++) {
            store.saveAsync(post.toBuilder().rating(i).build());
        }
        for (int i = 0; i <= 200; i++) {
            assertThat(changes.next()).isEqualTo(i);
        }
    }

    @Test
    void observeFiltersByTypeAndPredicate() throws Exception {
        Collector<StoreChange<Post>> popular = new Collector<>(change -> change.model().title());
        store.observe(Post.class, Post.RATING.gt(3)).subscribe(popular);
        Collector<StoreChange<Comment>> comments = new Collector<>(change -> change.model().content());
        store.observe(Comment.class).subscribe(comments);
        awaitRegistered();
        store.save(Post.builder().title("meh").rating(1).build());
        store.save(Post.builder().title("great").rating(5).build());
        store.save(Comment.builder().content("hi").build());
        assertThat(popular.next()).isEqualTo("great");
        assertThat(comments.next()).isEqualTo("hi");
        popular.expectNothing();
    }

    @Test
    void rolledBackWritesAreNeverObserved() throws Exception {
        Collector<StoreChange<?>> all = new Collector<>(change -> ((Post) change.model()).title());
        store.observe().subscribe(all);
        awaitRegistered();
        Post post = store.save(Post.builder().title("a").rating(1).build());
        try {
            store.save(post.toBuilder().title("never").build(), Post.RATING.eq(99));
        } catch (ConditionNotMetException expected) {
            // the point of the test
        }
        store.save(post.toBuilder().title("c").build());
        assertThat(all.next()).isEqualTo("a");
        assertThat(all.next()).isEqualTo("c");
    }

    @Test
    void observeQueryEmitsASnapshotNowAndAfterEachChange() throws Exception {
        store.save(Post.builder().title("b").rating(4).build());
        Collector<QuerySnapshot<Post>> snapshots = new Collector<>(snapshot ->
                snapshot.items().stream().map(Post::title).toList() + " synced=" + snapshot.isSynced());
        store.observeQuery(Post.class, Post.RATING.ge(3), List.of(Post.TITLE.ascending())).subscribe(snapshots);
        assertThat(snapshots.next()).isEqualTo("[b] synced=false");
        store.save(Post.builder().title("a").rating(5).build());
        assertThat(snapshots.next()).isEqualTo("[a, b] synced=false");
        store.save(Comment.builder().content("other type").build());
        snapshots.expectNothing();
    }

    @Test
    void observeQueryLeavesOutSnapshotsThatShowNothingNew() throws Exception {
        Collector<QuerySnapshot<Post>> snapshots = new Collector<>(snapshot ->
                snapshot.items().stream().map(post -> post.title() + ":" + post.rating()).toList());
        store.observeQuery(Post.class, Post.RATING.ge(3), List.of(Post.TITLE.ascending())).subscribe(snapshots);
        assertThat(snapshots.next()).isEqualTo(List.of());
        Post low = store.save(Post.builder().title("low").rating(1).build());
        snapshots.expectNothing(); // a post the query does not select
        Post high = store.save(Post.builder().title("high").rating(5).build());
        assertThat(snapshots.next()).isEqualTo(List.of("high:5"));
        store.save(high); // saved unchanged
        store.save(low.toBuilder().rating(2).build()); // changed, and still not selected
        snapshots.expectNothing();
        store.save(low.toBuilder().rating(3).build()); // now selected
        assertThat(snapshots.next()).isEqualTo(List.of("high:5", "low:3"));
        store.save(high.toBuilder().rating(1).build()); // no longer selected
        assertThat(snapshots.next()).isEqualTo(List.of("low:3"));
        store.delete(Post.class, high.id());
        snapshots.expectNothing();
        store.clear();
        assertThat(snapshots.next()).isEqualTo(List.of());
        store.clear(); // empty already
        snapshots.expectNothing();
    }

    /**
     * A record leaving a query's results is seen by key as the store compares keys: here a time at
     * another offset of the same instant, which names the same order (the key is the customer and
     * the time it was placed).
     */
    @Test
    void aRecordLeavingTheResultsIsSeenByItsKeyAsTheStoreComparesIt() throws Exception {
        try (DataStore shop = DataStore.open(com.example.shop.DataStoreModels.REGISTRY, temp.resolve("shop.db"))) {
            Collector<QuerySnapshot<Order>> snapshots = new Collector<>(snapshot ->
                    snapshot.items().stream().map(order -> order.status() + " " + order.total()).toList());
            shop.observeQuery(Order.class, Order.STATUS.eq(OrderStatus.PENDING), List.of()).subscribe(snapshots);
            assertThat(snapshots.next()).isEqualTo(List.of());
            OffsetDateTime placed = OffsetDateTime.of(2024, 3, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2));
            Order order = shop.save(Order.builder().customerEmail("c@example.com").placedAt(placed)
                    .status(OrderStatus.PENDING).total(10.0).lines(List.of()).build());
            assertThat(snapshots.next()).isEqualTo(List.of("PENDING 10.0"));
            shop.save(order.toBuilder().placedAt(placed.withOffsetSameInstant(ZoneOffset.ofHours(-5)))
                    .status(OrderStatus.PAID).build());
            assertThat(shop.query(Order.class)).hasSize(1); // the same order, paid
            assertThat(snapshots.next()).isEqualTo(List.of());
        }
    }

    /** Java takes these two URLs as equal; the store keeps each as written, and so does a snapshot. */
    @Test
    void aUrlChangedOnlyInTheCaseOfItsHostGivesANewSnapshot() throws Exception {
        try (DataStore shop = DataStore.open(com.example.shop.DataStoreModels.REGISTRY, temp.resolve("shop.db"))) {
            Collector<QuerySnapshot<Order>> snapshots = new Collector<>(snapshot ->
                    snapshot.items().stream().map(order -> String.valueOf(order.receipt())).toList());
            shop.observeQuery(Order.class, QueryPredicate.all(), List.of()).subscribe(snapshots);
            assertThat(snapshots.next()).isEqualTo(List.of());
            URI upper = URI.create("HTTPS://Shop.Example/r/1");
            URI lower = URI.create("https://shop.example/r/1");
            assertThat(upper).isEqualTo(lower);
            Order order = shop.save(Order.builder().customerEmail("c@example.com").placedAt(OffsetDateTime.now())
                    .status(OrderStatus.PENDING).total(10.0).lines(List.of()).receipt(upper).build());
            assertThat(snapshots.next()).isEqualTo(List.of("HTTPS://Shop.Example/r/1"));
            shop.save(order.toBuilder().receipt(lower).build());
            assertThat(snapshots.next()).isEqualTo(List.of("https://shop.example/r/1"));
            shop.save(order.toBuilder().receipt(lower).build()); // the same again
            snapshots.expectNothing();
        }
    }

    /**
     * Random saves, updates and deletes, one commit each or in batches, under an {@code
     * observeQuery} of a random predicate: whatever commits it skips, after each its last snapshot
     * comes to equal the query's results. The seed is printed for replay.
     */
    @RepeatedTest(10)
    void observeQueryEndsAtTheQuerysResultsWhateverItSkipped(RepetitionInfo repetition) throws Exception {
        long seed = Seeds.seed("ObserveTest.observeQueryEndsAtTheQuerysResults", "datastore4j.observeSeed", repetition);
        Random random = new Random(seed);
        List<Post> posts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            posts.add(store.save(randomPost(random, Post.builder())));
        }
        QueryPredicate<Post> predicate = switch (random.nextInt(4)) {
            case 0 -> Post.RATING.ge(random.nextInt(5));
            case 1 -> Post.STATUS.eq(PostStatus.values()[random.nextInt(3)]);
            case 2 -> Post.TITLE.beginsWith("t" + random.nextInt(3)).or(Post.RATING.lt(1));
            default -> Post.RATING.between(1, 3).and(Post.STATUS.ne(PostStatus.DRAFT));
        };
        List<SortBy<Post>> sort = List.of(Post.RATING.descending(), Post.TITLE.ascending());
        Collector<QuerySnapshot<Post>> snapshots = new Collector<>(QuerySnapshot::items);
        store.observeQuery(Post.class, predicate, sort).subscribe(snapshots);
        Object last = null;
        for (int step = 0; step < 60; step++) {
            List<Consumer<DataStore.Batch>> writes = new ArrayList<>();
            int batch = random.nextInt(4) == 0 ? 2 + random.nextInt(4) : 1;
            for (int i = 0; i < batch; i++) {
                int which = random.nextInt(posts.size());
                switch (random.nextInt(5)) {
                    case 0 -> {
                        Post created = randomPost(random, Post.builder());
                        posts.add(created);
                        writes.add(write -> write.save(created));
                    }
                    case 1 -> {
                        if (posts.size() > 1) {
                            Post deleted = posts.remove(which);
                            writes.add(write -> write.delete(deleted));
                        }
                    }
                    case 2 -> {
                        Post unchanged = posts.get(which);
                        writes.add(write -> write.save(unchanged));
                    }
                    default -> {
                        Post updated = randomPost(random, posts.get(which).toBuilder());
                        posts.set(which, updated);
                        writes.add(write -> write.save(updated));
                    }
                }
            }
            store.batch(write -> writes.forEach(one -> one.accept(write)));
            List<Post> expected = store.query(Post.class, predicate, sort, Page.all());
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!expected.equals(last) && System.nanoTime() < deadline) {
                Object next = snapshots.items.poll(100, TimeUnit.MILLISECONDS);
                last = next == null ? last : next;
            }
            assertThat(last).as("the last snapshot after step %d (seed %d, %s)", step, seed, predicate).isEqualTo(expected);
        }
    }

    private static Post randomPost(Random random, Post.Builder post) {
        return post.title("t" + random.nextInt(3) + random.nextInt(10)).rating(random.nextInt(6) == 0 ? null : random.nextInt(5))
                .status(PostStatus.values()[random.nextInt(3)]).build();
    }

    @Test
    void clearingTheStoreGivesQueriesAnEmptySnapshot() throws Exception {
        store.save(Post.builder().title("a").rating(4).build());
        Collector<QuerySnapshot<Post>> snapshots = new Collector<>(snapshot ->
                snapshot.items().stream().map(Post::title).toList());
        store.observeQuery(Post.class, QueryPredicate.all(), List.of()).subscribe(snapshots);
        Collector<StoreChange<?>> changes = new Collector<>(change -> change);
        store.observe().subscribe(changes);
        assertThat(snapshots.next()).isEqualTo(List.of("a"));
        awaitRegistered();

        store.clear();
        assertThat(snapshots.next()).isEqualTo(List.of());
        changes.expectNothing(); // no change per record
        store.save(Post.builder().title("b").rating(4).build());
        assertThat(snapshots.next()).isEqualTo(List.of("b"));
        assertThat(((StoreChange<?>) changes.next()).type()).isEqualTo(StoreChange.Type.CREATE);
        store.clearAsync().join();
        assertThat(snapshots.next()).isEqualTo(List.of());
        changes.expectNothing();
    }

    @Test
    void aBurstOfCommitsGivesFewSnapshotsEndingWithTheLatest() throws Exception {
        Collector<QuerySnapshot<Post>> snapshots = new Collector<>(snapshot -> snapshot.items().size());
        store.observeQuery(Post.class, QueryPredicate.all(), List.of(Post.TITLE.ascending())).subscribe(snapshots);
        assertThat(snapshots.next()).isEqualTo(0);
        int saves = 2_000;
        for (int i = 0; i < saves; i++) {
            store.save(Post.builder().title("p" + i).build()); // a commit each
        }
        int received = 0;
        Object last;
        do {
            last = snapshots.next();
            received++;
        } while (!last.equals(saves));
        // A snapshot is read when the dispatcher gets to it, after the commits queued before it, so
        // a burst gives a few snapshots of the state it left, not one per commit.
        System.out.println("ObserveTest: " + received + " snapshots for " + saves + " commits");
        assertThat(received).isLessThan(saves / 2);
        // at most one more, of the same state: commits that came while the last was being read
        List<Object> after = new ArrayList<>();
        for (Object more; (more = snapshots.items.poll(300, TimeUnit.MILLISECONDS)) != null; ) {
            after.add(more);
        }
        assertThat(after).hasSizeLessThanOrEqualTo(1).allMatch(size -> size.equals(saves));
    }

    @Test
    void cancelledSubscribersStopReceiving() throws Exception {
        Collector<StoreChange<?>> all = new Collector<>(change -> ((Post) change.model()).title());
        store.observe().subscribe(all);
        awaitRegistered();
        store.save(Post.builder().title("a").build());
        assertThat(all.next()).isEqualTo("a");
        all.subscription.cancel();
        // Flow allows items to come for a while after a cancel (rule 3.12); here nothing does
        store.save(Post.builder().title("b").build());
        all.expectNothing();
        store.save(Post.builder().title("c").build());
        all.expectNothing();
    }

    @Test
    void aSubscriberThatStopsRequestingEndsWithAnErrorAndHoldsUpNoOtherObserver() throws Exception {
        List<StoreChange<?>> taken = new CopyOnWriteArrayList<>();
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        store.observe().subscribe(new Flow.Subscriber<StoreChange<?>>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(1); // and never again
            }

            @Override
            public void onNext(StoreChange<?> item) {
                taken.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
                ended.complete(throwable);
            }

            @Override
            public void onComplete() {
            }
        });
        Collector<StoreChange<?>> all = new Collector<>(change -> ((Post) change.model()).title());
        store.observe().subscribe(all);
        Collector<QuerySnapshot<Post>> query = new Collector<>(snapshot -> snapshot.items().size());
        store.observeQuery(Post.class, QueryPredicate.all(), List.of()).subscribe(query);
        assertThat(query.next()).isEqualTo(0);
        int saves = Flow.defaultBufferSize() * 3;
        for (int i = 0; i < saves; i++) {
            store.save(Post.builder().title("p" + i).build());
        }
        for (int i = 0; i < saves; i++) {
            assertThat(all.next()).isEqualTo("p" + i);
        }
        Object size;
        do {
            size = query.next();
        } while (!size.equals(saves));
        assertThat(taken).hasSize(1);
        assertThat(ended.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(DataStoreException.class)
                .hasMessageStartingWith("observer did not keep up: its " + Flow.defaultBufferSize() + " buffered items waited");
    }

    @Test
    void aSlowSubscriberThatKeepsTakingItemsIsWaitedFor() throws Exception {
        // 10 ms an item: the buffer stays full for longer than the stall limit in all, never between two items
        Collector<StoreChange<?>> slow = new Collector<>(change -> {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ((Post) change.model()).title();
        });
        store.observe().subscribe(slow);
        awaitRegistered();
        int saves = Flow.defaultBufferSize() + (int) (Changes.STALL_MILLIS / 10);
        store.batch(batch -> {
            for (int i = 0; i < saves; i++) {
                batch.save(Post.builder().title("p" + i).build());
            }
        });
        for (int i = 0; i < saves; i++) {
            assertThat(slow.next()).isEqualTo("p" + i);
        }
    }

    @Test
    void closingTheStoreCompletesObserversAndLaterSubscribersHearWhy() throws Exception {
        Collector<StoreChange<?>> early = new Collector<>(change -> change);
        store.observe().subscribe(early);
        awaitRegistered();
        store.close();
        assertThat(early.completed.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        Collector<StoreChange<?>> late = new Collector<>(change -> change);
        store.observe().subscribe(late); // a stream signals, it does not throw
        assertThat(late.next()).isInstanceOf(DataStoreException.class).hasFieldOrPropertyWithValue("message", "the store is closed");
    }

    /** Subscriptions register on the dispatcher thread; an observeQuery snapshot marks that point. */
    private void awaitRegistered() throws InterruptedException {
        Collector<QuerySnapshot<Post>> marker = new Collector<>(snapshot -> "ok");
        store.observeQuery(Post.class, Post.TITLE.eq("-"), List.of()).subscribe(marker);
        marker.next();
        marker.subscription.cancel();
    }
}
