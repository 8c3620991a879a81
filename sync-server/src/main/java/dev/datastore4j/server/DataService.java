package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.codegen.schema.FieldDef;
import dev.datastore4j.codegen.schema.IndexDef;
import dev.datastore4j.codegen.schema.ModelDef;
import dev.datastore4j.codegen.schema.Relation;
import dev.datastore4j.codegen.schema.Schema;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The semantics of the DataStore API over a {@link RecordStore}: versioned create, update and
 * delete with conditions and conflict detection, get, list, and base and delta sync with paging.
 */
final class DataService {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    /**
     * A page ends once its records come to this many bytes of JSON (at least one record always
     * goes in), with a nextToken for the rest, as a DynamoDB query ends at 1 MB: {@code limit}
     * bounds the number of records, not their size, and a thousand large records would otherwise
     * be read into memory at once.
     */
    static final int PAGE_BYTES = 1 << 20;
    /**
     * A page ends once this many records, or {@link #PAGE_READ_BYTES} of them, have been read for
     * it, whether or not the filter and the caller's rules kept them, with a nextToken for the
     * rest (as DynamoDB applies its limit before the filter): a filter that matches nothing must
     * not make one request read every record of a large table.
     */
    static final int PAGE_READS = 10 * MAX_LIMIT;
    static final long PAGE_READ_BYTES = 16L * PAGE_BYTES;
    /**
     * How many times an update's conflict goes to the custom resolver, each time with the record
     * stored then, before it is refused ({@code ConflictUnhandled}): the resolver runs outside the
     * write, so the record may change again meanwhile, and its answer is written only over the
     * record it was given.
     */
    static final int MAX_RESOLVES = 5;

    private static final ObjectMapper JSON = ProtocolJson.JSON;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final RecordStore store;
    private final ConflictStrategy conflicts;
    private final Duration deltaRetention;
    private final ConflictResolver resolver;
    private final PageTokens tokens;
    /** By model: the fields AppSync's DynamoDB keeps as key attributes ({@link #keyAttributes}), each with what it keys. */
    private final Map<String, Map<String, String>> keyAttributes;
    /** By model: its records' size as items of AppSync's table. */
    private final Map<String, ItemSize> itemSizes = new HashMap<>();
    /** The schema's types, to check a custom conflict resolver's records by. */
    private final StoredTypes types;

    DataService(Schema schema, RecordStore store, ConflictStrategy conflicts, ConflictResolver resolver,
            Duration deltaRetention) {
        this.keyAttributes = keyAttributes(schema);
        schema.models().forEach(model -> itemSizes.put(model.name(), new ItemSize(model)));
        this.types = new StoredTypes(schema, StoredTypes.RULES);
        this.store = store;
        this.tokens = new PageTokens(store.tokenKey());
        this.conflicts = conflicts;
        this.resolver = resolver;
        this.deltaRetention = deltaRetention;
    }

    /**
     * A time-ordered (version 7) UUID for a record created without an id, like the ids generated
     * clients give their records: 48 bits of Unix milliseconds, then 74 random bits, so new keys
     * land at the end of the records index instead of on a random page. The random bits come from
     * {@link SecureRandom}: with a predictable generator a client could work out the ids the
     * server is about to give and create records under them first, so that other clients' creates
     * fail. It costs 0.13 us per id on one thread and about 0.3 us with 8 or 50 threads at once,
     * next to hundreds of microseconds of CPU per create.
     */
    static String newId() {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        ByteBuffer bits = ByteBuffer.wrap(random);
        long high = (System.currentTimeMillis() & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (bits.getShort() & 0x0FFFL);
        long low = 0x8000_0000_0000_0000L | (bits.getLong() & 0x3FFF_FFFF_FFFF_FFFFL);
        return new UUID(high, low).toString();
    }

    /** The most UTF-8 bytes a record's partition key (its first key field) may hold, as in DynamoDB. */
    private static final int MAX_PARTITION_KEY_BYTES = 2048;
    /** The most UTF-8 bytes its sort key may hold (the other key fields, joined by {@code #}), as in DynamoDB. */
    private static final int MAX_SORT_KEY_BYTES = 1024;

    /**
     * How many lists and objects a field's value may nest, as in AppSync's DynamoDB tables: an
     * attribute nests at most 32 levels, itself the first, so its value wraps a scalar in at most 31.
     */
    private static final int MAX_NESTING = 31;

    /** Refuses a field of {@code input} nested deeper than AppSync's DynamoDB keeps an attribute. */
    private static void checkNesting(ModelDef model, JsonNode input) {
        for (FieldDef field : model.valueFields()) {
            int levels = nesting(input.get(field.name()));
            if (levels > MAX_NESTING) {
                throw new ApiException("BadRequest", model.name() + "." + field.name() + " nests lists and objects "
                        + levels + " levels deep: AppSync's DynamoDB keeps at most " + MAX_NESTING
                        + " (an attribute nests at most 32 levels, itself the first)", null);
            }
        }
    }

    /** The lists and objects on the deepest path through {@code value} (a request's JSON: 1,000 levels at most). */
    private static int nesting(JsonNode value) {
        if (value == null || !value.isContainerNode()) {
            return 0;
        }
        int deepest = 0;
        for (JsonNode inner : value) {
            deepest = Math.max(deepest, nesting(inner));
        }
        return deepest + 1;
    }

    /**
     * The record key: a JSON array of the primary key values taken from {@code values}. A key
     * longer than AppSync's DynamoDB tables take is refused, as there: a client written against
     * AppSync cannot rely on more, and on PostgreSQL the key travels in a notification of at most
     * 8,000 bytes.
     */
    static String key(ModelDef model, JsonNode values) {
        ArrayNode key = JSON.createArrayNode();
        int sortKeyBytes = -1; // the joining #s: one fewer than the sort key fields
        for (String field : model.primaryKey()) {
            JsonNode value = values.get(field);
            if (value == null || value.isNull()) {
                throw new ApiException("BadRequest", "missing key field " + model.name() + "." + field, null);
            }
            int bytes = value.asText().getBytes(StandardCharsets.UTF_8).length;
            if (key.isEmpty() && bytes > MAX_PARTITION_KEY_BYTES) {
                throw new ApiException("BadRequest", "key field " + model.name() + "." + field + " holds " + bytes
                        + " bytes: a partition key holds at most " + MAX_PARTITION_KEY_BYTES + " (as in AppSync's DynamoDB)", null);
            }
            if (!key.isEmpty()) {
                sortKeyBytes += 1 + bytes;
            }
            key.add(keyValue(value));
        }
        if (sortKeyBytes > MAX_SORT_KEY_BYTES) {
            throw new ApiException("BadRequest", "the sort key of " + model.name() + " (" + String.join(", ",
                    model.primaryKey().subList(1, model.primaryKey().size())) + ") holds " + sortKeyBytes
                    + " bytes: a sort key holds at most " + MAX_SORT_KEY_BYTES + " (as in AppSync's DynamoDB)", null);
        }
        return key.toString();
    }

    /**
     * The fields of each model that AppSync's DynamoDB table or one of its indexes keeps as key
     * attributes, each with what it keys: the partition key, the first field of the primary key or
     * of an {@code @index}, and the sort key when it is one field (the sort key fields of a longer
     * key are joined by {@code #} into one value); and the first foreign key field of a has-many's
     * children, the partition key of the index it reads them by (the one it names, one AppSync adds,
     * {@code gsi-Blog.posts}, or their primary key).
     */
    private static Map<String, Map<String, String>> keyAttributes(Schema schema) {
        Map<String, Map<String, String>> byModel = new HashMap<>();
        for (ModelDef model : schema.models()) {
            Map<String, String> fields = new LinkedHashMap<>();
            addKeyAttributes(fields, model.primaryKey(), "a key field");
            for (IndexDef index : model.indexes()) {
                addKeyAttributes(fields, index.fields(), "a key field of index " + index.name());
            }
            byModel.put(model.name(), fields);
        }
        for (ModelDef parent : schema.models()) {
            for (FieldDef field : parent.fields()) {
                Relation relation = field.relation();
                if (relation != null && relation.kind() == Relation.Kind.HAS_MANY) {
                    byModel.get(relation.relatedModel()).putIfAbsent(relation.foreignKeyFields().get(0),
                            "the key " + parent.name() + "." + field.name() + " finds its records by");
                }
            }
        }
        return byModel;
    }

    private static void addKeyAttributes(Map<String, String> fields, List<String> key, String role) {
        for (String field : key.size() == 2 ? key : key.subList(0, 1)) {
            fields.putIfAbsent(field, role);
        }
    }

    /**
     * Refuses an empty string in {@code values} where AppSync's DynamoDB keeps the field as a key
     * attribute ({@link #keyAttributes}), as DynamoDB does: a client written against AppSync cannot
     * rely on one.
     */
    private void checkKeyStrings(ModelDef model, JsonNode values) {
        keyAttributes.get(model.name()).forEach((field, role) -> {
            JsonNode value = values.get(field);
            if (value != null && value.isTextual() && value.asText().isEmpty()) {
                throw new ApiException("BadRequest", model.name() + "." + field + " is " + role
                        + " and cannot be an empty string (AppSync's DynamoDB refuses one)", null);
            }
        });
    }

    /** A key field's value as the key holds it: -0.0 is 0.0, one number, as in DynamoDB (and in the local store). */
    private static JsonNode keyValue(JsonNode value) {
        return value.isFloatingPointNumber() && value.doubleValue() == 0.0 ? JSON.getNodeFactory().numberNode(0.0) : value;
    }

    /** {@code data} with its key fields as the key holds them, so that a record's fields say what its key does. */
    private static ObjectNode withKeyValues(ModelDef model, ObjectNode data) {
        for (String field : model.primaryKey()) {
            JsonNode value = data.get(field);
            if (value != null) {
                data.set(field, keyValue(value));
            }
        }
        return data;
    }

    /**
     * The record of {@code keyValues}, as a {@code get} query ({@link AuthPolicy.Operation#GET})
     * or a relationship field ({@link AuthPolicy.Operation#READ}) reads it.
     */
    Optional<ObjectNode> get(ModelDef model, Identity identity, JsonNode keyValues, AuthPolicy.Operation operation) {
        Optional<StoredRecord> record = store.get(model.name(), key(model, keyValues));
        if (record.isPresent() && !AuthPolicy.reaches(model, identity, operation, record.get().data())) {
            throw AuthPolicy.denied(model.operations().get(), "Query");
        }
        return record.map(r -> AuthPolicy.redact(model, identity, r.toApi()));
    }

    private static void require(boolean allowed, String operation) {
        if (!allowed) {
            throw AuthPolicy.denied(operation, "Mutation");
        }
    }

    // ---- mutations --------------------------------------------------------------------------------

    /**
     * A mutation's answer, and whether the model's rules let the caller make the mutation, rather
     * than a field's rules alone: only then does the answer show fields without rules of their own
     * (see {@link AuthPolicy#redactAnswer}).
     */
    record Answer(ObjectNode record, boolean byModelRules) {}

    Answer create(ModelDef model, Identity identity, ObjectNode input, JsonNode condition) {
        checkNesting(model, input);
        ObjectNode data = withKeyValues(model, input.deepCopy());
        data.remove("_version");
        applyDefaults(model, data);
        AuthPolicy.claimOwnership(model, identity, data);
        // a field's own rules may let a caller create a record with that field alone (checkFieldWrites)
        boolean byModelRules = AuthPolicy.allows(model, identity, AuthPolicy.Operation.CREATE, data);
        require(byModelRules || AuthPolicy.reaches(model, identity, AuthPolicy.Operation.CREATE, data),
                model.operations().create());
        AuthPolicy.checkFieldWrites(model, identity, AuthPolicy.Operation.CREATE, input, data, model.operations().create());
        if (model.generatesId() && !data.hasNonNull("id")) {
            data.put("id", newId());
        }
        String now = now(); // before the key, which may hold a timestamp the model declares itself
        setTimestamp(data, model.createdAtField(), now, false);
        setTimestamp(data, model.updatedAtField(), now, false);
        String key = key(model, data);
        checkKeyStrings(model, data);
        ObjectNode record = withNullsFor(model, data);
        itemSizes.get(model.name()).check(record);
        return new Answer(AuthPolicy.redactAnswer(model, identity, byModelRules, store.write(writer -> {
            Optional<StoredRecord> existing = writer.get(model.name(), key);
            if (existing.isPresent() && !existing.get().deleted()) {
                throw ApiException.conditionFailed(model.name() + " " + key + " already exists");
            }
            if (condition != null && !condition.isNull() && !Filters.matches(condition, JSON.createObjectNode())) {
                throw ApiException.conditionFailed("condition not met");
            }
            int version = existing.map(r -> r.version() + 1).orElse(1);
            return writer.put(new StoredRecord(model.name(), key, record, version, false, 0), Changes.Kind.CREATE).toApi();
        })), byModelRules);
    }

    Answer update(ModelDef model, Identity identity, ObjectNode input, JsonNode condition) {
        String key = key(model, input);
        checkKeyStrings(model, input);
        checkNesting(model, input);
        for (FieldDef field : model.valueFields()) {
            // the update input type leaves every field optional, but a required field cannot be cleared
            if (field.type().required() && input.has(field.name()) && input.get(field.name()).isNull()) {
                throw new ApiException("BadRequest", model.name() + "." + field.name() + " is required and cannot be set to null",
                        null);
            }
        }
        int expected = input.path("_version").asInt(0);
        ObjectNode incoming = withKeyValues(model, input.deepCopy());
        incoming.remove("_version");
        Resolved resolved = null;
        for (int resolves = 0; ; resolves++) {
            Resolved answer = resolved;
            Update outcome = store.write(writer -> {
                // Rules are met by the stored record, not by what the update makes of it, as in
                // AppSync: an owner may hand the record to someone else, unless a field-level rule
                // keeps the owner field from updates.
                StoredRecord current = writable(writer, model, key, identity, AuthPolicy.Operation.UPDATE,
                        model.operations().update(), condition, expected);
                AuthPolicy.checkFieldWrites(model, identity, AuthPolicy.Operation.UPDATE, input, current.data(),
                        model.operations().update());
                ObjectNode data;
                if (expected == current.version()) { // a tombstone's own version brings it back (see writable)
                    data = current.data().deepCopy();
                    data.setAll(incoming);
                } else if (conflicts == ConflictStrategy.AUTOMERGE) {
                    data = automerge(current.data(), incoming);
                } else if (conflicts == ConflictStrategy.CUSTOM) {
                    if (answer == null || answer.version() != current.version()) {
                        return new Update(null, current, false); // nothing written: the resolver runs outside the write
                    }
                    data = answer.data().deepCopy();
                } else {
                    throw conflict(model, identity, AuthPolicy.Operation.UPDATE, current);
                }
                // as AppSync's resolvers do: the time of this write, unless the update gives one (a
                // model that declares its updatedAt has it in the update input)
                String updatedAt = model.updatedAtField();
                setTimestamp(data, updatedAt, incoming.hasNonNull(updatedAt) ? incoming.get(updatedAt).asText() : now(), true);
                itemSizes.get(model.name()).check(data);
                return new Update(writer.put(new StoredRecord(model.name(), key, data, current.version() + 1, false, 0),
                        Changes.Kind.UPDATE).toApi(), null,
                        AuthPolicy.allows(model, identity, AuthPolicy.Operation.UPDATE, current.data()));
            });
            if (outcome.written() != null) {
                return new Answer(AuthPolicy.redactAnswer(model, identity, outcome.byModelRules(), outcome.written()),
                        outcome.byModelRules());
            }
            if (resolves == MAX_RESOLVES) { // the record kept changing while the resolver ran
                throw conflict(model, identity, AuthPolicy.Operation.UPDATE, outcome.conflicting());
            }
            resolved = new Resolved(resolve(model, identity, outcome.conflicting(), incoming),
                    outcome.conflicting().version());
        }
    }

    /**
     * What an update's write did: the record it wrote (and whether the model's rules let the caller
     * write it), or the stored record its conflict is to be resolved with.
     */
    private record Update(ObjectNode written, StoredRecord conflicting, boolean byModelRules) {}

    /** The custom resolver's answer, and the version of the stored record it was given. */
    private record Resolved(ObjectNode data, int version) {}

    /** A delete takes the model's rules (see writable): its answer shows what they let the caller read. */
    Answer delete(ModelDef model, Identity identity, ObjectNode input, JsonNode condition) {
        String key = key(model, input);
        int expected = input.path("_version").asInt(0);
        return new Answer(AuthPolicy.redactAnswer(model, identity, true, store.write(writer -> {
            StoredRecord current = writable(writer, model, key, identity, AuthPolicy.Operation.DELETE,
                    model.operations().delete(), condition, expected);
            AuthPolicy.checkFieldDeletes(model, identity, current.data(), model.operations().delete());
            if (expected != current.version() && conflicts != ConflictStrategy.AUTOMERGE) {
                throw conflict(model, identity, AuthPolicy.Operation.DELETE, current);
            }
            if (current.deleted()) {
                return current.toApi(); // deleted already, at the version the caller knows: nothing to write
            }
            ObjectNode data = current.data().deepCopy();
            setTimestamp(data, model.updatedAtField(), now(), true);
            return writer.put(new StoredRecord(model.name(), key, data, current.version() + 1, true, 0), Changes.Kind.DELETE)
                    .toApi();
        })), true);
    }

    /**
     * {@code ConflictUnhandled} with the server's record, as a mutation's answer shows it to the
     * caller who tried {@code operation} on it.
     */
    private static ApiException conflict(ModelDef model, Identity identity, AuthPolicy.Operation operation,
            StoredRecord current) {
        return new ApiException("ConflictUnhandled", "Conflict resolver rejects mutation.", AuthPolicy.redactAnswer(model,
                identity, AuthPolicy.allows(model, identity, operation, current.data()), current.toApi()));
    }

    /**
     * The stored record with the custom resolver's fields written over it, keyed as it is; the
     * resolver's null answer rejects the mutation. An answer that no mutation could have written (a
     * field the model lacks, a value not of its field's type, a required field null, what AppSync's
     * DynamoDB refuses) is a fault of the resolver's, and is not written for every client to read:
     * the mutation fails with {@code InternalFailure}, and the server's log says what is wrong.
     */
    private ObjectNode resolve(ModelDef model, Identity identity, StoredRecord current, ObjectNode incoming) {
        Map<String, Object> resolved = resolver.resolve(model.name(), ProtocolJson.toMap(current.data()),
                ProtocolJson.toMap(incoming));
        if (resolved == null) {
            throw conflict(model, identity, AuthPolicy.Operation.UPDATE, current);
        }
        ObjectNode answer = JSON.valueToTree(resolved);
        answer.remove(model.primaryKey()); // a resolver cannot move the record
        ObjectNode data = current.data().deepCopy();
        data.setAll(answer);
        setTimestamp(data, model.updatedAtField(), now(), true); // as the write sets it, for the size to count
        try {
            checkResolved(model, answer, current.data(), data);
        } catch (ApiException e) {
            throw new IllegalStateException("the conflict resolver's answer for " + model.name() + " " + current.key()
                    + " cannot be written: " + e.getMessage(), e);
        }
        return data;
    }

    /**
     * Refuses a resolver's {@code answer} that no mutation's input could have held, or the record
     * {@code data} it makes that no mutation could have written, as an update is refused. Values
     * the stored record holds already are not checked again, as they are not in an update that
     * leaves them: they may be what an earlier schema or version let the record hold (a field since
     * dropped, say, that a resolver answering a copy of the stored record hands back). So a
     * required field is looked at only where the answer changes it: the server's start sees to it
     * that stored records hold their required fields ({@link StoredRecordsCheck}).
     */
    private void checkResolved(ModelDef model, ObjectNode answer, JsonNode stored, ObjectNode data) {
        ObjectNode changed = JSON.createObjectNode();
        answer.properties().stream().filter(entry -> !entry.getValue().equals(stored.get(entry.getKey())))
                .forEach(entry -> changed.set(entry.getKey(), entry.getValue()));
        for (Map.Entry<String, JsonNode> entry : changed.properties()) {
            FieldDef field = model.field(entry.getKey()).filter(f -> !f.isRelation())
                    .orElseThrow(() -> new ApiException("BadRequest", model.name() + "." + entry.getKey()
                            + " is not a field of " + model.name(), null));
            if (entry.getValue().isNull() && field.type().required()) {
                throw new ApiException("BadRequest", model.name() + "." + field.name() + " is required and cannot be null",
                        null);
            }
            String misfit = types.inputMisfit(field.type(), entry.getValue());
            if (misfit != null) {
                throw new ApiException("BadRequest", model.name() + "." + field.name() + ": " + misfit, null);
            }
        }
        checkNesting(model, changed);
        checkKeyStrings(model, changed);
        itemSizes.get(model.name()).check(data);
    }

    /**
     * The record an update or delete applies to, once the caller may change it and the mutation's
     * condition holds: a live one, or a tombstone at the version {@code expected} (see below). As
     * a filter does, the condition sees the record as the caller may read it (hidden fields null):
     * one that may change a record but not read a field of it must not learn the field's value
     * from which conditions fail.
     *
     * <p>A change of a record deleted meanwhile, made at another version than its tombstone's, is
     * a conflict whose server copy is the tombstone, whatever the strategy: Amplify's DataStore
     * clients hand it to their conflict handler, and one that takes the server's copy deletes the
     * record too, rather than drop its mutation and keep a record the server no longer has (as
     * after a conditional check failure). A change at the tombstone's own version is the client's
     * answer to that conflict, as the JavaScript client's default handler retries: an update
     * brings the record back with its change (the local change wins), and a delete finds it
     * deleted.
     */
    private static StoredRecord writable(RecordStore.Writer writer, ModelDef model, String key, Identity identity,
            AuthPolicy.Operation operation, String mutation, JsonNode condition, int expected) {
        Optional<StoredRecord> record = writer.get(model.name(), key);
        if (record.isEmpty()) {
            throw ApiException.conditionFailed(model.name() + " " + key + " does not exist");
        }
        StoredRecord current = record.get();
        // an update may be allowed by a field's own rules alone, for that field (checkFieldWrites);
        // a delete takes the model's rules, and every field's (checkFieldDeletes)
        require(operation == AuthPolicy.Operation.UPDATE ? AuthPolicy.reaches(model, identity, operation, current.data())
                : AuthPolicy.allows(model, identity, operation, current.data()), mutation);
        if (current.deleted() && expected != current.version()) {
            throw conflict(model, identity, operation, current);
        }
        if (condition != null && !condition.isNull()
                && !Filters.matches(condition, AuthPolicy.redact(model, identity, current.data()))) {
            throw ApiException.conditionFailed("condition not met");
        }
        return current;
    }

    /**
     * Gives each field with an {@code @default} that the create left out or set to null its
     * default, as AppSync's create resolver does (Amplify's {@code $util.defaultIfNull}): the API
     * lets a create leave such a field out even when the model requires it, and a client that
     * sends every field of its model, null where unset, gets the default too, also a client built
     * before the field became required.
     */
    private static void applyDefaults(ModelDef model, ObjectNode data) {
        for (FieldDef field : model.valueFields()) {
            JsonNode given = data.get(field.name());
            if (field.defaultValue() != null && (given == null || given.isNull())) {
                data.set(field.name(), defaultValue(field));
            }
        }
    }

    /** An {@code @default} literal (checked by the code generator) as the JSON value of its field's type. */
    static JsonNode defaultValue(FieldDef field) {
        String value = field.defaultValue();
        return switch (field.type().name()) {
            case "Int" -> JSON.getNodeFactory().numberNode(Integer.parseInt(value));
            case "AWSTimestamp" -> JSON.getNodeFactory().numberNode(Long.parseLong(value));
            case "Float" -> JSON.getNodeFactory().numberNode(Double.parseDouble(value));
            case "Boolean" -> JSON.getNodeFactory().booleanNode(Boolean.parseBoolean(value));
            default -> JSON.getNodeFactory().textNode(value); // text, enums and the AWS scalars written as text
        };
    }

    /**
     * The time now as AppSync writes the timestamps it sets: UTC, always with three digits of
     * milliseconds. Fields are compared as text, as AppSync compares them, so a timestamp with more
     * digits (or none, as {@link Instant#toString} writes at a whole second) would sort wrongly
     * against a client's millisecond one: {@code 10:00:25.433663Z} before {@code 10:00:25.433Z}.
     */
    static String now() {
        return ISO_MILLIS.format(Instant.now());
    }

    /** {@code epochMillis} as {@link #now()} writes a time. */
    static String timestamp(long epochMillis) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }

    private static void setTimestamp(ObjectNode data, String field, String now, boolean overwrite) {
        if (field != null && (overwrite || !data.hasNonNull(field))) {
            data.put(field, now);
        }
    }

    /** Every field of the model present, null where the input had nothing, as AppSync returns records. */
    private static ObjectNode withNullsFor(ModelDef model, ObjectNode data) {
        for (FieldDef field : model.valueFields()) {
            if (!data.has(field.name())) {
                data.putNull(field.name());
            }
        }
        return data;
    }

    /**
     * AppSync's automerge of a stale mutation into the server's record: a field the server lacks
     * (or holds null) takes the incoming value; two lists are concatenated, server first; two
     * objects merge by the same rules; otherwise the server's value stays.
     */
    static ObjectNode automerge(ObjectNode server, ObjectNode incoming) {
        ObjectNode merged = server.deepCopy();
        for (Map.Entry<String, JsonNode> field : incoming.properties()) {
            JsonNode mine = merged.get(field.getKey());
            JsonNode theirs = field.getValue();
            if (mine == null || mine.isNull()) {
                merged.set(field.getKey(), theirs);
            } else if (mine.isArray() && theirs.isArray()) {
                ArrayNode both = ((ArrayNode) mine).deepCopy();
                both.addAll((ArrayNode) theirs);
                merged.set(field.getKey(), both);
            } else if (mine.isObject() && theirs.isObject()) {
                merged.set(field.getKey(), automerge((ObjectNode) mine, (ObjectNode) theirs));
            }
        }
        return merged;
    }

    // ---- reads --------------------------------------------------------------------------------------

    /** A page's records, about {@code bytes} of JSON of them (measured as the page filled), and where the next starts. */
    record Page(List<ObjectNode> items, long bytes, String nextToken, Long startedAt) {}

    /**
     * A read by key ({@code list} with a partition key, an index's query field, a has-many), or of
     * every record ({@code list} without one): the live records {@code query} selects that match
     * {@code filter} and that the caller may read. A read by key goes through the store's index on
     * the whole key, in the order of its sort fields (if any) and then of record keys; a read of
     * every record in record key order. Either way pages are read from the position in the
     * nextToken on, so later pages neither repeat nor skip records while writes go on, and a page
     * costs the same however far into the order it starts.
     */
    Page query(ModelDef model, Identity identity, AuthPolicy.Operation operation, KeyQuery query, JsonNode filter,
            Integer limit, String nextToken) {
        int size = limit(limit);
        Function<StoredRecord, ObjectNode> item = record -> record.deleted() ? null
                : visibleMatch(model, identity, operation, query, filter, record);
        if (query.partition().isEmpty()) {
            String read = readOf(model.name());
            String from = nextToken == null ? null : open(nextToken, read, "list").key();
            return fill(size, from, after -> store.scan(model.name(), after, size, PAGE_BYTES), StoredRecord::key, item)
                    .page(key -> seal(new Token("list", read, 0, 0, 0, key)), null);
        }
        RecordStore.SortedScan scan = query.sortedScan(model);
        String read = readOf(model.name() + " " + query.scope());
        RecordStore.Position from = nextToken == null ? null : query.position(open(nextToken, read, "query").key());
        return fill(size, from, after -> store.scanSorted(model.name(), scan, after, size, PAGE_BYTES), query::position, item)
                .page(position -> seal(new Token("query", read, 0, 0, 0, KeyQuery.encode(position))), null);
    }

    /**
     * Reads candidate records in some order, a page's limit of them at a time or
     * {@link #PAGE_BYTES} of them, from after a position ({@code null}: the start): without the
     * bytes, a thousand records of 300 KB (pictures kept in records, say) would be read into
     * memory at once, for a page that ends after four.
     */
    @FunctionalInterface
    private interface Source<P> {
        RecordStore.Batch after(P position);
    }

    /**
     * {@code record} as the API returns it to {@code identity}, when the caller may read it and
     * what it may read of it matches {@code query}'s key condition and {@code filter}; null
     * otherwise. Both see the record with the fields hidden from the caller null: a condition on
     * such a field must not tell the caller which records hold what there.
     */
    private static ObjectNode visibleMatch(ModelDef model, Identity identity, AuthPolicy.Operation operation, KeyQuery query,
            JsonNode filter, StoredRecord record) {
        if (!AuthPolicy.reaches(model, identity, operation, record.data()) || !query.indexes(record.data())) {
            return null;
        }
        ObjectNode visible = AuthPolicy.redact(model, identity, record.toApi());
        return query.matches(visible) && Filters.matches(filter, visible) ? visible : null;
    }

    /**
     * A page's records, about how many bytes of JSON they are, and the position of the last record
     * read for it when there may be more after it (else null).
     */
    private record Filled<P>(List<ObjectNode> items, long bytes, P next) {
        /** As a page whose nextToken {@code token} makes of where it stopped, when there may be more. */
        Page page(Function<P, String> token, Long startedAt) {
            return new Page(items, bytes, next == null ? null : token.apply(next), startedAt);
        }
    }

    /**
     * Reads records from {@code source} after {@code after}, into a page of those {@code item}
     * gives (null: left out), until the records end or the page is full: {@code size} records,
     * {@link #PAGE_BYTES} of them, or {@link #PAGE_READS} or {@link #PAGE_READ_BYTES} read. A page
     * that fills before the end of the batch it is reading, even the last, has a next position.
     */
    private static <P> Filled<P> fill(int size, P after, Source<P> source, Function<StoredRecord, P> positionOf,
            Function<StoredRecord, ObjectNode> item) {
        List<ObjectNode> items = new ArrayList<>();
        long bytes = 0;
        long readBytes = 0;
        int reads = 0;
        while (true) {
            RecordStore.Batch batch = source.after(after);
            List<StoredRecord> records = batch.records();
            for (int i = 0; i < records.size(); i++) {
                after = positionOf.apply(records.get(i));
                long recordBytes = ProtocolJson.approximateSize(records.get(i).data());
                readBytes += recordBytes;
                reads++;
                ObjectNode one = item.apply(records.get(i));
                if (one != null) {
                    items.add(one);
                    bytes += recordBytes;
                }
                if (items.size() == size || bytes >= PAGE_BYTES || reads >= PAGE_READS || readBytes >= PAGE_READ_BYTES) {
                    boolean more = i < records.size() - 1 || batch.more();
                    return new Filled<>(items, bytes, more ? after : null);
                }
            }
            if (!batch.more()) {
                return new Filled<>(items, bytes, null);
            }
        }
    }

    /**
     * A base sync (every record, tombstones included, in key order) when {@code lastSync} is
     * null, 0 or older than the delta retention; otherwise a delta sync of the records changed
     * since {@code lastSync}, in change order. {@code startedAt} is fixed by the first page.
     */
    Page sync(ModelDef model, Identity identity, JsonNode filter, Integer limit, String nextToken, Long lastSync) {
        int size = limit(limit);
        String read = readOf(model.name());
        Token token;
        if (nextToken != null) {
            token = open(nextToken, read, "base", "delta");
        } else {
            long startedAt = store.syncStart();
            boolean delta = lastSync != null && lastSync > 0 && lastSync >= startedAt - deltaRetention.toMillis();
            token = new Token(delta ? "delta" : "base", read, startedAt, delta ? lastSync : 0, 0, null);
        }
        boolean delta = token.kind().equals("delta");
        return fill(size, new SyncPosition(token.afterTime(), token.key()), after -> delta
                        ? store.changes(model.name(), token.since(), after.lastChangedAt(), after.key(), size, PAGE_BYTES)
                        : store.scan(model.name(), after.key(), size, PAGE_BYTES),
                record -> new SyncPosition(record.lastChangedAt(), record.key()),
                record -> visibleMatch(model, identity, AuthPolicy.Operation.SYNC, KeyQuery.ALL, filter, record))
                .page(last -> seal(new Token(token.kind(), read, token.startedAt(), token.since(), last.lastChangedAt(),
                        last.key())), token.startedAt());
    }

    /** Where a sync's page stopped: the last record read, by change time (a delta sync's order) and key. */
    private record SyncPosition(long lastChangedAt, String key) {}

    private static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ApiException("BadRequest", "limit must be between 1 and " + MAX_LIMIT + ", not " + limit, null);
        }
        return limit;
    }

    private String seal(Token token) {
        return tokens.seal(token.json());
    }

    /**
     * The token {@code nextToken} seals, once it continues {@code read} (see {@link #readOf}) and is
     * one of the {@code kinds} of read that may continue with it. A token of another read would
     * start this one at a position of that one's: for a read by key, records of another partition
     * key, or before the condition's first, so the records up to there would be skipped unnoticed
     * (DynamoDB refuses such a start key too).
     */
    private Token open(String nextToken, String read, String... kinds) {
        Token token = Token.parse(tokens.open(nextToken));
        if (!List.of(kinds).contains(token.kind())) {
            throw new ApiException("BadRequest", "this nextToken belongs to another kind of query", null);
        }
        if (!token.read().equals(read)) {
            throw new ApiException("BadRequest", "this nextToken belongs to another query: pass it to the query that"
                    + " returned it, with the same key arguments", null);
        }
        return token;
    }

    /** What a read's nextTokens are bound to, in a few bytes: a digest of {@code description}. */
    private static String readOf(String description) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(description.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-256
        }
    }

    /**
     * What a nextToken holds (sealed, see {@link PageTokens}): the read it continues, where that
     * stopped, and for syncs what it started as.
     */
    record Token(String kind, String read, long startedAt, long since, long afterTime, String key) {
        byte[] json() {
            ObjectNode json = JSON.createObjectNode().put("k", kind).put("r", read).put("s", startedAt).put("l", since)
                    .put("t", afterTime).put("after", key);
            return json.toString().getBytes(StandardCharsets.UTF_8);
        }

        static Token parse(byte[] json) {
            try {
                JsonNode token = JSON.readTree(json);
                return new Token(token.get("k").asText(), token.get("r").asText(), token.get("s").asLong(),
                        token.get("l").asLong(), token.get("t").asLong(),
                        token.get("after").isNull() ? null : token.get("after").asText());
            } catch (Exception e) { // sealed by a server, so only ever by one of another version
                throw PageTokens.invalid();
            }
        }
    }
}
