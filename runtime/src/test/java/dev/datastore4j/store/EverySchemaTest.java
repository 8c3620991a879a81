package dev.datastore4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datastore4j.model.EmbeddedSchema;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
import dev.datastore4j.model.Model;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelRegistry;
import dev.datastore4j.model.ModelSchema;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every test schema's generated models, whatever shapes they hold: for each model a record with
 * every field set (non-model objects three deep, lists of two, enums, every scalar) and one with
 * only its required fields are saved, queued in the outbox, read back equal, and read back equal
 * again after the store is opened anew. A shape the runtime cannot take (such as a non-model type
 * that holds itself, which once failed the open) fails here without a test of its own.
 */
class EverySchemaTest {
    /** How deep optional non-model objects nest in the records made here. */
    private static final int DEPTH = 3;

    @TempDir
    Path temp;

    private int counter;

    static Stream<Arguments> registries() {
        return Stream.of(
                Arguments.of("blog", com.example.blog.DataStoreModels.REGISTRY),
                Arguments.of("chat", com.example.chat.DataStoreModels.REGISTRY),
                Arguments.of("todo", com.example.todo.DataStoreModels.REGISTRY),
                Arguments.of("shop", com.example.shop.DataStoreModels.REGISTRY),
                Arguments.of("recipes", com.example.recipes.DataStoreModels.REGISTRY),
                Arguments.of("post-comment", com.example.postcomment.DataStoreModels.REGISTRY),
                Arguments.of("folders", com.example.folders.DataStoreModels.REGISTRY),
                Arguments.of("defaults", com.example.defaults.DataStoreModels.REGISTRY),
                Arguments.of("relations", com.example.relations.DataStoreModels.REGISTRY),
                Arguments.of("server-set", com.example.serverset.DataStoreModels.REGISTRY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registries")
    void everyModelIsSavedQueuedAndReadBackWhole(String name, ModelRegistry registry) {
        Path file = temp.resolve(name + ".db");
        List<Model> saved = new ArrayList<>();
        try (DataStore store = DataStore.open(registry, file)) {
            for (ModelSchema<?> schema : registry.models()) {
                saved.add(store.save(record(schema, true)));
                saved.add(store.save(record(schema, false)));
            }
            assertThat(store.outbox().size()).isEqualTo(saved.size());
            assertThat(readAll(store, registry)).containsExactlyInAnyOrderElementsOf(saved);
        }
        try (DataStore store = DataStore.open(registry, file)) {
            assertThat(readAll(store, registry)).containsExactlyInAnyOrderElementsOf(saved);
        }
    }

    private static List<Model> readAll(DataStore store, ModelRegistry registry) {
        List<Model> all = new ArrayList<>();
        registry.models().forEach(schema -> all.addAll(store.query(schema.modelClass())));
        return all;
    }

    private <M extends Model> M record(ModelSchema<M> schema, boolean full) {
        return schema.newInstance(values(full, 0));
    }

    private FieldValues values(boolean full, int depth) {
        return new FieldValues() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T get(ModelField<?, T> field) {
                return field.isRequired() || full && depth < DEPTH ? (T) value(field.type(), full, depth) : null;
            }
        };
    }

    /** A valid value of {@code type}; strings, numbers and dates differ from call to call, so keys do. */
    private Object value(FieldType<?> type, boolean full, int depth) {
        if (type instanceof FieldType.ListType<?> list) {
            return List.of(value(list.element(), full, depth), value(list.element(), full, depth));
        }
        if (type instanceof FieldType.EnumType<?> enumType) {
            return enumType.values().get(counter++ % enumType.values().size());
        }
        if (type instanceof FieldType.EmbeddedType<?> embedded) {
            EmbeddedSchema<?> schema = embedded.schema();
            return schema.newInstance(values(full, depth + 1));
        }
        int n = ++counter;
        return switch (((FieldType.ScalarType<?>) type).scalar()) {
            case ID, STRING -> "v" + n + " \"quoted\" ünïcødé";
            case INT -> n;
            case FLOAT -> n + 0.5;
            case BOOLEAN -> n % 2 == 0;
            case AWS_DATE -> LocalDate.of(2024, 1, 1).plusDays(n);
            case AWS_TIME -> LocalTime.of(9, 30).plusSeconds(n);
            case AWS_DATE_TIME -> OffsetDateTime.of(2024, 1, 1, 12, 0, 0, n, ZoneOffset.UTC);
            case AWS_TIMESTAMP -> Instant.ofEpochSecond(1_700_000_000L + n);
            case AWS_EMAIL -> "user" + n + "@example.com";
            case AWS_JSON -> "{\"n\":" + n + ",\"list\":[true,null]}";
            case AWS_URL -> URI.create("https://example.com/" + n);
            case AWS_PHONE -> "+1 555 0100 " + n;
            case AWS_IP_ADDRESS -> "192.0.2." + n % 256;
        };
    }
}
