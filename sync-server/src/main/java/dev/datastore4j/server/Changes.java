package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Committed mutations, fanned out to the subscriptions that asked for them. Each subscription is
 * a reactive-streams publisher for graphql-java's subscription execution, which shapes every
 * record by the subscriber's selection set; the filter argument is applied here, on the server.
 */
final class Changes {
    enum Kind {
        CREATE,
        UPDATE,
        DELETE
    }

    private final Set<Feed> feeds = ConcurrentHashMap.newKeySet();

    /** Called after a mutation committed. */
    void publish(String model, Kind kind, ObjectNode record) {
        for (Feed feed : feeds) {
            if (feed.model.equals(model) && feed.kind == kind && Filters.matches(feed.filter, record)
                    && feed.readable.test(record)) {
                feed.offer(ProtocolJson.toMap(feed.redact.apply(record)));
            }
        }
    }

    int subscriptions() {
        return feeds.size();
    }

    /** A feed of one model's changes of one kind, matching {@code filter}; registered when subscribed. */
    /** {@code readable} decides whether the subscriber may see a record; {@code redact} hides the fields it may not. */
    Publisher<Object> feed(String model, Kind kind, JsonNode filter, Predicate<JsonNode> readable,
            UnaryOperator<ObjectNode> redact) {
        return new Feed(model, kind, filter, readable, redact);
    }

    /** A publisher with a small queue that honours demand; cancelling unregisters it. */
    private final class Feed implements Publisher<Object>, Subscription {
        private final String model;
        private final Kind kind;
        private final JsonNode filter;
        private final Predicate<JsonNode> readable;
        private final UnaryOperator<ObjectNode> redact;
        private final ArrayDeque<Object> queue = new ArrayDeque<>();
        private Subscriber<? super Object> subscriber;
        private long demand;
        private boolean draining;
        private volatile boolean cancelled;

        Feed(String model, Kind kind, JsonNode filter, Predicate<JsonNode> readable, UnaryOperator<ObjectNode> redact) {
            this.model = model;
            this.kind = kind;
            this.filter = filter;
            this.readable = readable;
            this.redact = redact;
        }

        @Override
        public void subscribe(Subscriber<? super Object> subscriber) {
            synchronized (this) {
                this.subscriber = subscriber;
            }
            feeds.add(this);
            subscriber.onSubscribe(this);
        }

        void offer(Object item) {
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                queue.add(item);
            }
            drain();
        }

        @Override
        public void request(long n) {
            synchronized (this) {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            }
            drain();
        }

        private void drain() {
            while (true) {
                Object item;
                Subscriber<? super Object> target;
                synchronized (this) {
                    if (draining || cancelled || demand == 0 || queue.isEmpty()) {
                        return;
                    }
                    draining = true;
                    item = queue.poll();
                    demand--;
                    target = subscriber;
                }
                try {
                    target.onNext(item);
                } finally {
                    synchronized (this) {
                        draining = false;
                    }
                }
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            feeds.remove(this);
        }
    }
}
