package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.codegen.schema.ModelDef;
import graphql.ExecutionResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Flat subscription selections are shaped without executing the document per event; each case
 * here is delivered both ways, through graphql-java and through the {@link Projection}, and the
 * answers must be the same.
 */
class ProjectionTest {
    @TempDir
    Path temp;

    private SqliteRecordStore store;
    private Changes changes;
    private GraphQlApi api;

    @BeforeEach
    void start() {
        store = new SqliteRecordStore(temp.resolve("p.db"));
        store.addModels(ProtocolTest.BLOG.models().stream().map(ModelDef::name).toList());
        changes = new Changes();
        DataService service = new DataService(ProtocolTest.BLOG, store, ConflictStrategy.AUTOMERGE, null, Duration.ofMinutes(30));
        api = new GraphQlApi(ProtocolTest.BLOG, service, changes, 15, 2000, 16L << 20, new Metrics(store::load));
    }

    @AfterEach
    void stop() {
        changes.close();
        store.close();
    }

    private static final String SELECTION = "{ id t: title status tags rating publishedOn content __typename _version"
            + " _deleted _lastChangedAt createdAt }";

    @ParameterizedTest
    @ValueSource(strings = {"complete", "nulls", "missing required", "null in a required list", "bad enum"})
    void projectedEventsEqualExecutedOnes(String kind) throws Exception {
        String query = "subscription { onCreatePost " + SELECTION + " }";
        BlockingQueue<Object> executed = new LinkedBlockingQueue<>();
        BlockingQueue<Object> projected = new LinkedBlockingQueue<>();
        GraphQlApi.Started viaGraphQl = api.subscribe(query, Map.of(), Identity.OPEN);
        GraphQlApi.Started direct = api.subscribe(query, Map.of(), Identity.OPEN);
        assertThat(direct.direct()).isTrue();
        Publisher<ExecutionResult> events = viaGraphQl.result().getData();
        events.subscribe(collect(executed, event -> event.getData()));
        direct.feed().subscribe(collect(projected, record -> direct.projection().apply(castMap(record))));

        ObjectNode record = ProtocolJson.JSON.createObjectNode().put("id", "p").put("title", "Hello \"you\"").put("status", "DRAFT")
                .put("rating", 3).put("publishedOn", "2026-11-25").put("_version", 1).put("_lastChangedAt", 1764000000000L)
                .put("createdAt", "2026-11-25T10:00:00.000Z");
        record.putArray("tags").add("a").add("b");
        record.putNull("content").putNull("_deleted");
        switch (kind) {
            case "nulls" -> record.putNull("rating").putNull("tags").putNull("publishedOn");
            case "missing required" -> record.remove("title");
            case "null in a required list" -> record.putArray("tags").add("a").addNull();
            case "bad enum" -> record.put("status", "NOT_A_STATUS");
            default -> { }
        }
        changes.publish("Post", Changes.Kind.CREATE, record);
        String expected = ProtocolJson.JSON.writeValueAsString(executed.poll(10, TimeUnit.SECONDS));
        String actual = ProtocolJson.JSON.writeValueAsString(projected.poll(10, TimeUnit.SECONDS));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void selectionsThatAreNotFlatGoThroughGraphQl() {
        for (String query : List.of("subscription { onCreatePost { id blog { name } } }",
                "subscription { onCreatePost { ...f } } fragment f on Post { id }",
                "subscription { onCreatePost { id @include(if: true) } }",
                "subscription { onCreatePost { id id: title } }")) {
            GraphQlApi.Started started = api.subscribe(query, Map.of(), Identity.OPEN);
            assertThat(started.direct()).as(query).isFalse();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object record) {
        return (Map<String, Object>) record;
    }

    private static <T> Subscriber<T> collect(BlockingQueue<Object> into, Function<T, Object> shape) {
        return new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(T item) {
                Object shaped = shape.apply(item);
                into.add(shaped == null ? Map.of() : shaped);
            }

            @Override
            public void onError(Throwable failure) {
                into.add(failure);
            }

            @Override
            public void onComplete() {
            }
        };
    }
}
