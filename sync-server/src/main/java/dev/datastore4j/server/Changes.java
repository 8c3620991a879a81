package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Committed mutations, fanned out to the subscriptions that asked for them. Each subscription is
 * a reactive-streams publisher for graphql-java's subscription execution, which shapes every
 * record by the subscriber's selection set; the filter argument is applied here, on the server.
 *
 * <p>Changes are published in commit order, by the one thread that hears of them (see {@link
 * RecordStore.ChangeSink}). Matching them to subscriptions runs on a thread of its own, in that
 * order, so the thread that publishes goes straight back to its work, unless {@value
 * #MAX_WAITING} changes already wait to be matched: then it waits for room, which holds writes
 * back instead of letting the backlog take memory without bound. Deliveries run on a pool
 * with a thread per core: a mutation is answered without waiting for its subscribers, and a
 * change for a thousand subscriptions is shaped and sent on every core. Each subscription still
 * receives its changes one at a time, in commit order.
 */
final class Changes implements AutoCloseable {
    enum Kind {
        CREATE,
        UPDATE,
        DELETE
    }

    /** How many published changes may wait to be matched before publishing waits. */
    static final int MAX_WAITING = 1_024;

    /** A model's changes of one kind: what a subscription listens to. */
    private record Topic(String model, Kind kind) {}

    /** The subscriptions of each topic, so a change is matched only against those that listen to it. */
    private final Map<Topic, Set<Feed>> feeds = new ConcurrentHashMap<>();
    /** A permit for each change published and not yet matched. */
    private final Semaphore waiting = new Semaphore(MAX_WAITING);
    private volatile boolean closed;
    private final ExecutorService matching = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "datastore4j-changes");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService delivery = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
            new ThreadFactory() {
                private final AtomicInteger count = new AtomicInteger();

                @Override
                public Thread newThread(Runnable runnable) {
                    Thread thread = new Thread(runnable, "datastore4j-delivery-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }
            });

    /** Called after a mutation committed, in commit order; waits only while matching is {@value #MAX_WAITING} changes behind. */
    void publish(String model, Kind kind, ObjectNode record) {
        if (closed) {
            return; // the server is stopping, and its subscriptions with it
        }
        waiting.acquireUninterruptibly();
        try {
            matching.execute(() -> {
                try {
                    offer(model, kind, record);
                } finally {
                    waiting.release();
                }
            });
        } catch (RejectedExecutionException e) {
            waiting.release(); // stopping
        }
    }

    /** Offers a committed change to every subscription that asked for it and may see it. */
    private void offer(String model, Kind kind, ObjectNode record) {
        Set<Feed> listening = feeds.get(new Topic(model, kind));
        if (listening == null) {
            return;
        }
        Map<String, Object> whole = null; // shared by every subscriber that may see all of the record
        for (Feed feed : listening) {
            try {
                if (!feed.readable.test(record)) {
                    continue;
                }
                // the filter sees what the subscriber may read: one on a field hidden from it
                // must not tell it which records hold what there
                ObjectNode visible = feed.redact.apply(record);
                if (Filters.matches(feed.filter, visible)) {
                    if (visible != record) {
                        feed.offer(ProtocolJson.toMap(visible));
                    } else {
                        if (whole == null) {
                            whole = ProtocolJson.toMap(record);
                        }
                        feed.offer(whole);
                    }
                }
            } catch (RuntimeException e) { // a filter that cannot be read ends its own subscription, not the mutation
                feed.fail(e);
            }
        }
    }

    int subscriptions() {
        return feeds.values().stream().mapToInt(Set::size).sum();
    }

    /** Why every subscription was ended: changes may have been missed, so its client should sync again. */
    static final class Interrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Interrupted(String why) {
            super(why);
        }
    }

    /**
     * Ends every subscription with {@link Interrupted}: changes may have been missed (see
     * {@link RecordStore.ChangeSink#lost}), and a subscriber that goes on without knowing
     * it would never see them. Its client subscribes again and syncs what it missed.
     */
    void interruptAll(String why) {
        Interrupted interrupted = new Interrupted(why);
        feeds.values().forEach(listening -> listening.forEach(feed -> feed.fail(interrupted)));
    }

    @Override
    public void close() {
        closed = true;
        matching.shutdownNow();
        waiting.release(MAX_WAITING); // the changes dropped never release theirs: nobody waits for room any more
        delivery.shutdownNow();
    }

    /**
     * A feed of one model's changes of one kind, matching {@code filter}, registered when
     * subscribed. {@code readable} decides whether the subscriber may see a record; {@code redact}
     * hides the fields it may not, returning the record itself when there are none (see
     * {@link AuthPolicy#redact}).
     */
    Publisher<Object> feed(String model, Kind kind, JsonNode filter, Predicate<JsonNode> readable,
            UnaryOperator<ObjectNode> redact) {
        return new Feed(model, kind, filter, readable, redact);
    }

    /** A publisher with a small queue that honours demand; cancelling unregisters it. */
    private final class Feed implements Publisher<Object>, Subscription {
        private final Topic topic;
        private final JsonNode filter;
        private final Predicate<JsonNode> readable;
        private final UnaryOperator<ObjectNode> redact;
        private final ArrayDeque<Object> queue = new ArrayDeque<>();
        private Subscriber<? super Object> subscriber;
        private long demand;
        private boolean scheduled;
        /** Set when the feed cannot go on; delivered as onError, demand or not. */
        private Throwable failure;
        private volatile boolean cancelled;

        Feed(String model, Kind kind, JsonNode filter, Predicate<JsonNode> readable, UnaryOperator<ObjectNode> redact) {
            this.topic = new Topic(model, kind);
            this.filter = filter;
            this.readable = readable;
            this.redact = redact;
        }

        @Override
        public void subscribe(Subscriber<? super Object> subscriber) {
            synchronized (this) {
                this.subscriber = subscriber;
            }
            feeds.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).add(this);
            subscriber.onSubscribe(this);
        }

        void offer(Object item) {
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                queue.add(item);
            }
            schedule();
        }

        void fail(Throwable error) {
            synchronized (this) {
                if (cancelled || failure != null) {
                    return;
                }
                failure = error;
            }
            schedule();
        }

        @Override
        public void request(long n) {
            synchronized (this) {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            }
            schedule();
        }

        /** Queues a drain unless one is queued or running (it will see the new item or demand). */
        private void schedule() {
            synchronized (this) {
                if (scheduled || cancelled || failure == null && (demand == 0 || queue.isEmpty())) {
                    return;
                }
                scheduled = true;
            }
            try {
                delivery.execute(this::drain);
            } catch (RejectedExecutionException e) {
                cancel(); // the server is stopping
            }
        }

        private void drain() {
            while (true) {
                Object item;
                Subscriber<? super Object> target;
                Throwable error;
                synchronized (this) {
                    target = subscriber;
                    error = cancelled ? null : failure;
                    if (error != null) {
                        item = null;
                    } else if (cancelled || demand == 0 || queue.isEmpty()) {
                        scheduled = false;
                        return;
                    } else {
                        item = queue.poll();
                        demand--;
                    }
                }
                if (error != null) {
                    cancel();
                    target.onError(error);
                    return;
                }
                try {
                    target.onNext(item);
                } catch (RuntimeException e) {
                    cancel(); // a subscriber that cannot take a change gets no more
                    return;
                }
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            Set<Feed> listening = feeds.get(topic);
            if (listening != null) {
                listening.remove(this);
            }
        }
    }
}
