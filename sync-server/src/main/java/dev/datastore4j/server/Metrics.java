package dev.datastore4j.server;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What a server has done since it started, as {@code GET /metrics} shows it to a monitoring
 * system (Prometheus's text format, version 0.0.4): the GraphQL operations it answered, by model,
 * operation and outcome, and how long they took; its HTTP answers by status; its real-time
 * connections, subscriptions and the records sent on them; the reads and writes waiting for its
 * database; and its JVM's heap and threads. Every count is kept whether or not the server shows
 * them (a few adders per request).
 */
final class Metrics {
    /** The operation of a root field: {@code get}, {@code list}, {@code sync}, {@code query} (an index's field), ... */
    enum Operation {
        GET, LIST, SYNC, QUERY, CREATE, UPDATE, DELETE, SUBSCRIBE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The counts of one operation on one model: by outcome ({@code ok} or an AppSync {@code errorType}), and time taken. */
    static final class Counts {
        private final String model;
        private final Operation operation;
        private final Map<String, LongAdder> outcomes = new ConcurrentSkipListMap<>();
        private final LongAdder nanos = new LongAdder();

        private Counts(String model, Operation operation) {
            this.model = model;
            this.operation = operation;
        }

        void answered(String outcome, long tookNanos) {
            outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
            nanos.add(tookNanos);
        }

        long count() {
            return outcomes.values().stream().mapToLong(LongAdder::sum).sum();
        }
    }

    private record Key(String model, Operation operation) {}

    private final Map<Key, Counts> operations = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> responses = new ConcurrentSkipListMap<>();
    private final LongAdder responseNanos = new LongAdder();
    private final LongAdder responseCount = new LongAdder();
    private final Set<RealtimeSession> connections = ConcurrentHashMap.newKeySet();
    private final Map<String, LongAdder> refusedStarts = new ConcurrentSkipListMap<>();
    private final LongAdder events = new LongAdder();
    private final LongAdder cut = new LongAdder();
    private final LongAdder refusedOrigins = new LongAdder();
    private final Supplier<RecordStore.Load> database;

    /** Metrics of a server whose database's load {@code database} tells. */
    Metrics(Supplier<RecordStore.Load> database) {
        this.database = database;
    }

    /** The counts of {@code operation} on {@code model}, made once when the API is wired. */
    Counts operation(String model, Operation operation) {
        return operations.computeIfAbsent(new Key(model, operation), key -> new Counts(model, operation));
    }

    /** {@code callback}, counting the answer it completes for a request to the API (its status, and its time from now). */
    Callback counting(Response response, Callback callback) {
        long started = System.nanoTime();
        return new Callback() {
            @Override
            public void succeeded() {
                responded();
                callback.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                responded();
                callback.failed(failure);
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }

            private void responded() {
                responses.computeIfAbsent(response.getStatus(), s -> new LongAdder()).increment();
                responseNanos.add(System.nanoTime() - started);
                responseCount.increment();
            }
        };
    }

    void connected(RealtimeSession session) {
        connections.add(session);
    }

    void disconnected(RealtimeSession session) {
        connections.remove(session);
    }

    /**
     * A subscription's start refused before a subscription field ran, for {@code reason} (an
     * AppSync {@code errorType}, or graphql-java's for a document it refused); a field that ran
     * counts its refusals as operations.
     */
    void refusedStart(String reason) {
        refusedStarts.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** A record sent to a subscriber. */
    void sent() {
        events.increment();
    }

    /** A real-time connection cut because its client did not read what was sent to it. */
    void cutSlowReader() {
        cut.increment();
    }

    /** A request refused because it came from a web page of an origin the server does not take. */
    void refusedOrigin() {
        refusedOrigins.increment();
    }

    /** Everything, in Prometheus's text format. */
    String render() {
        StringBuilder out = new StringBuilder(4096);
        var counts = operations.values().stream()
                .sorted(Comparator.comparing((Counts c) -> c.model).thenComparing(c -> c.operation)).toList();
        family(out, "datastore4j_operations_total", "counter",
                "GraphQL root fields answered, by model, operation and outcome (ok, or the AppSync errorType answered)");
        for (Counts c : counts) {
            c.outcomes.forEach((outcome, n) -> sample(out, "datastore4j_operations_total",
                    labels("model", c.model, "operation", c.operation.label(), "outcome", outcome), n.sum()));
        }
        family(out, "datastore4j_operation_seconds", "summary", "Time taken by GraphQL root fields, by model and operation");
        for (Counts c : counts) {
            long count = c.count();
            if (count > 0) {
                String labels = labels("model", c.model, "operation", c.operation.label());
                sample(out, "datastore4j_operation_seconds_sum", labels, seconds(c.nanos.sum()));
                sample(out, "datastore4j_operation_seconds_count", labels, count);
            }
        }
        family(out, "datastore4j_http_requests_total", "counter", "HTTP requests to /graphql answered, by status");
        responses.forEach((status, n) ->
                sample(out, "datastore4j_http_requests_total", labels("code", status.toString()), n.sum()));
        family(out, "datastore4j_http_request_seconds", "summary", "Time from an HTTP request to /graphql to its answer");
        sample(out, "datastore4j_http_request_seconds_sum", "", seconds(responseNanos.sum()));
        sample(out, "datastore4j_http_request_seconds_count", "", responseCount.sum());
        counter(out, "datastore4j_http_origin_refused_total",
                "Requests refused because they came from web pages of an origin the server does not take",
                refusedOrigins.sum());
        gauge(out, "datastore4j_realtime_connections", "Real-time WebSocket connections open", connections.size());
        gauge(out, "datastore4j_realtime_subscriptions", "Subscriptions running on them",
                connections.stream().mapToLong(RealtimeSession::subscriptionCount).sum());
        family(out, "datastore4j_realtime_starts_refused_total", "counter",
                "Subscription starts refused before a subscription field ran, by reason (an AppSync errorType: a bad"
                        + " message, the limit of a connection, credentials; or graphql-java's: a document it refused)");
        refusedStarts.forEach((reason, n) ->
                sample(out, "datastore4j_realtime_starts_refused_total", labels("reason", reason), n.sum()));
        counter(out, "datastore4j_realtime_records_total", "Records sent to subscribers", events.sum());
        counter(out, "datastore4j_realtime_slow_readers_cut_total",
                "Connections cut because their client did not read what was sent to it", cut.sum());
        RecordStore.Load load = database.get();
        gauge(out, "datastore4j_database_writes_waiting", "Writes queued for the database's one writer", load.writesWaiting());
        gauge(out, "datastore4j_database_reads_running", "Reads holding a connection of the read pool", load.readsRunning());
        gauge(out, "datastore4j_database_reads_waiting", "Reads waiting for a connection of the read pool", load.readsWaiting());
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        gauge(out, "jvm_memory_heap_used_bytes", "Heap in use", heap.getUsed());
        gauge(out, "jvm_memory_heap_committed_bytes", "Heap the JVM holds", heap.getCommitted());
        if (heap.getMax() >= 0) {
            gauge(out, "jvm_memory_heap_max_bytes", "The most heap the JVM may hold", heap.getMax());
        }
        gauge(out, "jvm_threads_live", "Live threads", ManagementFactory.getThreadMXBean().getThreadCount());
        family(out, "process_start_time_seconds", "gauge", "When the process started, in seconds since the epoch");
        sample(out, "process_start_time_seconds", "", ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0);
        return out.toString();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void counter(StringBuilder out, String name, String help, long value) {
        family(out, name, "counter", help);
        sample(out, name, "", value);
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        family(out, name, "gauge", help);
        sample(out, name, "", value);
    }

    private static void family(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String labels, long value) {
        out.append(name).append(labels).append(' ').append(value).append('\n');
    }

    private static void sample(StringBuilder out, String name, String labels, double value) {
        out.append(name).append(labels).append(' ').append(BigDecimal.valueOf(value).toPlainString()).append('\n');
    }

    /** {@code {name="value",...}}, each value escaped as the format asks (backslash, quote, line feed). */
    private static String labels(String... namesAndValues) {
        StringBuilder labels = new StringBuilder("{");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1].replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
            labels.append(i == 0 ? "" : ",").append(namesAndValues[i]).append("=\"").append(value).append('"');
        }
        return labels.append('}').toString();
    }
}
