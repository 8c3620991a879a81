package dev.datastore4j.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Hands committed changes to observers, off the writer thread: the writer queues each committed
 * group, one dispatcher thread feeds the listeners in commit order, and each subscriber is served
 * through its own {@link SubmissionPublisher} buffer, so a slow subscriber never holds up writes.
 *
 * <p>Nor, for long, other subscribers: when a subscriber's buffer is full, the dispatcher waits
 * up to {@value #STALL_MILLIS} ms for it to request more (a slow subscriber that keeps taking
 * items is waited for, item by item), and past that ends its stream with an error. Waiting
 * without end would stop every other observer of the store, let committed changes queue without
 * bound, and make {@link #close} wait for ever.
 */
final class Changes implements AutoCloseable {
    static final long STALL_MILLIS = 2_000;

    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(Store.daemonThreads("datastore4j-changes"));
    private final ExecutorService delivery = Executors.newCachedThreadPool(Store.daemonThreads("datastore4j-observer"));
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** Listeners registered or about to be: counted before registration is queued, so no commit slips between. */
    private final AtomicInteger subscriptions = new AtomicInteger();

    /** What one subscriber's listener does, on the dispatcher thread. */
    @FunctionalInterface
    interface Reaction {
        /** Reacts to a committed group of changes. */
        void changed(List<StoreChange<?>> group);

        /** Emits what a new subscriber gets first (a query's snapshot), and again after a clear. */
        default void start() {
        }

        /** Runs when a refresh it asked for comes round (see {@link #snapshots}). */
        default void refresh() {
        }
    }

    /**
     * One subscriber's listener: {@code publisher} is where it emits; {@code served} is the
     * subscriber, which may have cancelled.
     */
    private record Listener(SubmissionPublisher<Object> publisher, Reaction reaction, Served<?> served) {
        boolean cancelled() {
            return served.cancelled || publisher.isClosed() || !publisher.hasSubscribers();
        }
    }

    /**
     * A subscriber as its publisher sees it, so that cancelling takes effect at once: nothing is
     * offered or delivered to it once {@code cancel()} has returned. The publisher's own
     * cancellation waits for its delivery task, and on a busy machine items committed after the
     * cancel were seen to arrive still.
     */
    private static final class Served<T> implements Flow.Subscriber<T> {
        private final Flow.Subscriber<? super T> subscriber;
        volatile boolean cancelled;

        Served(Flow.Subscriber<? super T> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    subscription.request(n);
                }

                @Override
                public void cancel() {
                    cancelled = true;
                    subscription.cancel();
                }
            });
        }

        @Override
        public void onNext(T item) {
            if (!cancelled) {
                subscriber.onNext(item);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            if (!cancelled) {
                subscriber.onError(throwable);
            }
        }

        @Override
        public void onComplete() {
            if (!cancelled) {
                subscriber.onComplete();
            }
        }
    }

    /** Called by the writer after each commit. */
    void committed(List<StoreChange<?>> changes) {
        if (changes.isEmpty() || subscriptions.get() == 0) {
            return;
        }
        List<StoreChange<?>> group = List.copyOf(changes);
        dispatch(listener -> listener.reaction().changed(group));
    }

    /**
     * Called after a clear, which reports no change per record: every listener emits what it
     * emits first, so a query's subscribers see its (now empty) results.
     */
    void cleared() {
        if (subscriptions.get() > 0) {
            dispatch(listener -> listener.reaction().start());
        }
    }

    /**
     * A publisher of snapshots, each read by {@code snapshot}: one when a subscriber arrives, after
     * a clear, and after commits that may change what the subscriber was shown last ({@code
     * affects}, given a commit's changes and that snapshot), but at most one for commits that come
     * while one is due: the new snapshot waits behind the commits already queued and reads the
     * state they left. One per commit would fall ever further behind a burst of writes, each
     * snapshot a query of its own. A snapshot the {@code same} as the one a subscriber got last is
     * not emitted again: a commit that changed nothing it shows (a record saved unchanged, or one
     * committed just as the subscriber arrived and already in its first snapshot) gives it
     * nothing new to show.
     */
    <T> Flow.Publisher<T> snapshots(BiPredicate<List<StoreChange<?>>, T> affects, Supplier<T> snapshot,
            BiPredicate<T, T> same) {
        return publisher(emit -> new Reaction() {
            // both only ever used on the dispatcher thread
            private boolean due;
            private T last;

            @Override
            public void changed(List<StoreChange<?>> group) {
                if (!due && affects.test(group, last)) {
                    due = true;
                    dispatch(listener -> listener.reaction().refresh());
                }
            }

            @Override
            public void start() {
                T next = snapshot.get();
                if (last == null || !same.test(next, last)) {
                    last = next;
                    emit.accept(next);
                }
            }

            @Override
            public void refresh() {
                if (due) {
                    due = false;
                    start();
                }
            }
        });
    }

    private void drop(Listener listener) {
        listeners.remove(listener);
        subscriptions.decrementAndGet();
    }

    private void dispatch(Consumer<Listener> action) {
        Runnable pass = () -> {
            for (Listener listener : listeners) {
                if (listener.cancelled()) {
                    drop(listener);
                } else {
                    try {
                        action.accept(listener);
                    } catch (RuntimeException e) { // its stream ends with the failure; the others go on
                        drop(listener);
                        listener.publisher().closeExceptionally(e);
                    }
                }
            }
        };
        try {
            dispatcher.execute(pass);
        } catch (RejectedExecutionException e) {
            // closing, which completes every listener; a commit's writer must not fail for it
        }
    }

    /**
     * A publisher whose every subscriber gets its own listener, whose reaction {@code reactions}
     * makes from the function that emits to that subscriber: its {@code start} runs first on the
     * dispatcher thread (for an initial snapshot), then it reacts to every later commit.
     */
    <T> Flow.Publisher<T> publisher(Function<Consumer<T>, Reaction> reactions) {
        return subscriber -> {
            SubmissionPublisher<T> publisher = new SubmissionPublisher<>(delivery, Flow.defaultBufferSize());
            Served<T> served = new Served<>(subscriber);
            try {
                publisher.subscribe(served);
            } catch (RejectedExecutionException e) { // closed, and no thread left to start the subscription on
                refuse(subscriber);
                return;
            }
            Consumer<T> emit = item -> {
                if (served.cancelled) {
                    return;
                }
                if (publisher.offer(item, STALL_MILLIS, TimeUnit.MILLISECONDS, null) < 0) {
                    publisher.closeExceptionally(new DataStoreException("observer did not keep up: its "
                            + publisher.getMaxBufferCapacity() + " buffered items waited " + STALL_MILLIS
                            + " ms for it to request more, so its stream ends here; subscribe again"
                            + " (observeQuery gives the current state)"));
                }
            };
            Reaction reaction = reactions.apply(emit);
            subscriptions.incrementAndGet();
            try {
                dispatcher.execute(() -> {
                    try {
                        reaction.start();
                    } catch (RuntimeException e) { // a first snapshot that cannot be read ends the stream at once
                        subscriptions.decrementAndGet();
                        publisher.closeExceptionally(e);
                        return;
                    }
                    @SuppressWarnings("unchecked")
                    SubmissionPublisher<Object> untyped = (SubmissionPublisher<Object>) (SubmissionPublisher<?>) publisher;
                    listeners.add(new Listener(untyped, reaction, served));
                });
            } catch (RejectedExecutionException e) { // closed meanwhile
                subscriptions.decrementAndGet();
                publisher.closeExceptionally(closed());
            }
        };
    }

    /** Tells a subscriber to a closed store why nothing will come: a stream signals, it does not throw. */
    private static void refuse(Flow.Subscriber<?> subscriber) {
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
            }
        });
        subscriber.onError(closed());
    }

    private static DataStoreException closed() {
        return new DataStoreException("the store is closed");
    }

    @Override
    public void close() {
        dispatcher.shutdown();
        try {
            dispatcher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listeners.forEach(listener -> listener.publisher().close());
        delivery.shutdown();
    }
}
