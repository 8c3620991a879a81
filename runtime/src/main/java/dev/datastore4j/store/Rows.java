package dev.datastore4j.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
import dev.datastore4j.model.IndexInfo;
import dev.datastore4j.model.Model;
import dev.datastore4j.model.ModelChecks;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelIdentifier;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.Relationship;
import dev.datastore4j.model.Scalar;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads and writes the rows of one model's table, through its generated schema. */
final class Rows<M extends Model> {
    /** The most UTF-8 bytes a key's first field may hold: AppSync's DynamoDB partition key. */
    private static final int MAX_PARTITION_KEY_BYTES = 2048;
    /** The most UTF-8 bytes its other fields may hold together, joined by {@code #}: the sort key. */
    private static final int MAX_SORT_KEY_BYTES = 1024;

    final ModelSchema<M> schema;
    final String table;
    private final List<ModelField<M, ?>> fields;
    private final Map<String, Integer> columnIndex = new HashMap<>();
    private final String columns;
    private final String insert;
    private final String update;
    private final String keyCondition;
    /** Fields holding an AWSURL, directly or in a list or non-model object ({@link #sameRecords}). */
    private final List<ModelField<M, ?>> urlFields;
    /** Which columns are TEXT ({@link #read}). */
    private final boolean[] textColumns;
    /** The fields AppSync's DynamoDB keeps as key attributes ({@link #checkKeyStrings}), each with what it keys. */
    private final Map<ModelField<M, ?>, String> keyAttributes = new LinkedHashMap<>();
    private final ItemSize<M> itemSize;

    /** The rows of {@code schema}'s model, one of {@code models} (the registry's: their has-many fields key this one's records). */
    Rows(ModelSchema<M> schema, List<ModelSchema<?>> models) {
        this.schema = schema;
        this.table = Tables.quote(schema.name());
        this.fields = schema.fields();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            names.add(Tables.quote(fields.get(i).name()));
            columnIndex.put(fields.get(i).name(), i + 1);
        }
        this.columns = String.join(", ", names);
        this.insert = "INSERT INTO " + table + " (" + columns + ") VALUES (" + "?, ".repeat(fields.size() - 1) + "?)"
                + " ON CONFLICT DO NOTHING";
        List<String> keyTerms = schema.primaryKey().stream().map(f -> Tables.quote(f.name()) + " = ?").toList();
        this.keyCondition = String.join(" AND ", keyTerms);
        List<String> sets = fields.stream().filter(f -> !schema.primaryKey().contains(f))
                .map(f -> Tables.quote(f.name()) + " = ?").toList();
        this.update = sets.isEmpty() ? null : "UPDATE " + table + " SET " + String.join(", ", sets) + " WHERE " + keyCondition;
        this.urlFields = fields.stream().filter(field -> holdsUrl(field.type(), new HashSet<>())).toList();
        this.textColumns = new boolean[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            textColumns[i] = Values.sqlType(fields.get(i).type()).equals("TEXT");
        }
        this.itemSize = new ItemSize<>(schema);
        addKeyAttributes(schema.primaryKey(), "a key field");
        for (IndexInfo index : schema.indexes()) {
            addKeyAttributes(index.fields().stream().<ModelField<M, ?>>map(schema::field).toList(),
                    "a key field of index " + index.name());
        }
        // a has-many reads its children by an index whose partition key is their foreign key's first
        // field: the one it names, or one AppSync adds (gsi-Blog.posts), or the children's primary key
        for (ModelSchema<?> parent : models) {
            for (Relationship relationship : parent.relationships()) {
                if (relationship.kind() == Relationship.Kind.HAS_MANY && relationship.relatedModel().equals(schema.name())) {
                    keyAttributes.putIfAbsent(schema.field(relationship.foreignKeyFields().get(0)),
                            "the key " + parent.name() + "." + relationship.field() + " finds its records by");
                }
            }
        }
    }

    /**
     * The key attributes of a key of {@code fields}, as AppSync's tables and indexes keep it: the
     * partition key, the first field; and the sort key, when it is one field (the sort key fields
     * of a longer key are joined by {@code #} into one value, never empty).
     */
    private void addKeyAttributes(List<ModelField<M, ?>> key, String role) {
        for (ModelField<M, ?> field : key.size() == 2 ? key : key.subList(0, 1)) {
            keyAttributes.putIfAbsent(field, role);
        }
    }

    /** Whether values of {@code type} may hold a URL; {@code enclosing}: the non-model types it is inside. */
    private static boolean holdsUrl(FieldType<?> type, Set<String> enclosing) {
        if (type instanceof FieldType.ScalarType<?> scalar) {
            return scalar.scalar() == Scalar.AWS_URL;
        }
        if (type instanceof FieldType.ListType<?> list) {
            return holdsUrl(list.element(), enclosing);
        }
        // a non-model type inside itself holds what it holds already
        return type instanceof FieldType.EmbeddedType<?> embedded && enclosing.add(embedded.graphQlName())
                && embedded.schema().fields().stream().anyMatch(field -> holdsUrl(field.type(), enclosing));
    }

    /**
     * Whether two lists hold the same records, value for value as the store keeps them. Models
     * are records, equal when their values are, but Java takes two URLs as equal when their scheme
     * or host differ only in case, or an escape only in the case of its hex digits; the store keeps
     * a URL's text as given, so for URLs the text decides.
     */
    boolean sameRecords(List<M> some, List<M> others) {
        if (!some.equals(others)) {
            return false;
        }
        for (int i = 0; i < some.size(); i++) {
            for (ModelField<M, ?> field : urlFields) {
                if (!String.valueOf(field.get(some.get(i))).equals(String.valueOf(field.get(others.get(i))))) {
                    return false;
                }
            }
        }
        return true;
    }

    String selectColumns() {
        return "SELECT " + columns + " FROM " + table;
    }

    /**
     * A model to be written, with everything a write needs worked out beforehand: the writes of
     * many threads run one at a time under the store's write lock, so the converting is done by
     * each caller before it queues its write.
     */
    record Encoded<M extends Model>(M model, List<?> key, String recordId, Object[] columns, String json) {}

    Encoded<M> encode(M model) {
        Object[] columns = new Object[fields.size()];
        for (int i = 0; i < columns.length; i++) {
            ModelField<M, ?> field = fields.get(i);
            try {
                columns[i] = Values.toSql(field.type(), field.get(model));
            } catch (IllegalArgumentException e) { // a value the store cannot keep as it is
                throw new IllegalArgumentException(schema.name() + "." + field.name() + ": " + e.getMessage(), e);
            }
        }
        List<?> key = schema.keyValues(model);
        checkKeyLength(key);
        checkKeyStrings(model);
        ObjectNode json = jsonObject(model);
        String text = json.toString();
        itemSize.check(json, text);
        return new Encoded<>(model, key, recordId(key), columns, text);
    }

    /**
     * Refuses a key longer than AppSync's DynamoDB tables take, and so the sync server: its save
     * would wait in the outbox for a server that refuses it every time.
     */
    private void checkKeyLength(List<?> key) {
        List<ModelField<M, ?>> keyFields = schema.primaryKey();
        int sortKeyBytes = -1; // the joining #s: one fewer than the sort key fields
        for (int i = 0; i < key.size(); i++) {
            int bytes = Values.toJson(keyFields.get(i).type(), key.get(i)).asText().getBytes(StandardCharsets.UTF_8).length;
            if (i == 0 && bytes > MAX_PARTITION_KEY_BYTES) {
                throw new IllegalArgumentException(schema.name() + "." + keyFields.get(0).name() + ": a key field holds at most "
                        + MAX_PARTITION_KEY_BYTES + " bytes of UTF-8 (AppSync's partition key), not " + bytes);
            }
            if (i > 0) {
                sortKeyBytes += 1 + bytes;
            }
        }
        if (sortKeyBytes > MAX_SORT_KEY_BYTES) {
            throw new IllegalArgumentException(schema.name() + " " + keyFields.subList(1, keyFields.size()).stream()
                    .map(ModelField::name).toList() + ": the sort key holds at most " + MAX_SORT_KEY_BYTES
                    + " bytes of UTF-8 (AppSync's), not " + sortKeyBytes);
        }
    }

    /**
     * Refuses an empty string in a key attribute of AppSync's DynamoDB table or one of its indexes,
     * which DynamoDB refuses, and so the sync server: the save would wait in the outbox for a
     * server that refuses it every time.
     */
    private void checkKeyStrings(M model) {
        keyAttributes.forEach((field, role) -> {
            if (field.get(model) instanceof String text && text.isEmpty()) {
                throw new IllegalArgumentException(schema.name() + "." + field.name() + " is " + role
                        + " and cannot be an empty string (AppSync's DynamoDB refuses one)");
            }
        });
    }

    /** Inserts {@code row}; false (and nothing written) when a row with its key exists. */
    boolean insertIfAbsent(Db db, Encoded<M> row) throws SQLException {
        PreparedStatement statement = db.prepare(insert);
        for (int i = 0; i < row.columns().length; i++) {
            statement.setObject(i + 1, row.columns()[i]);
        }
        return statement.executeUpdate() > 0;
    }

    /** Updates the stored row of {@code row}'s key; false when there is none. */
    boolean update(Db db, Encoded<M> row) throws SQLException {
        if (update == null) {
            return find(db, row.key()) != null;
        }
        PreparedStatement statement = db.prepare(update);
        int parameter = 1;
        for (int i = 0; i < fields.size(); i++) {
            if (!schema.primaryKey().contains(fields.get(i))) {
                statement.setObject(parameter++, row.columns()[i]);
            }
        }
        bindKey(statement, parameter, row.key());
        return statement.executeUpdate() > 0;
    }

    M find(Db db, List<?> key) throws SQLException {
        PreparedStatement statement = db.prepare(selectColumns() + " WHERE " + keyCondition);
        bindKey(statement, 1, key);
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? read(rows) : null;
        }
    }

    void delete(Db db, List<?> key) throws SQLException {
        PreparedStatement statement = db.prepare("DELETE FROM " + table + " WHERE " + keyCondition);
        bindKey(statement, 1, key);
        statement.executeUpdate();
    }

    /** The rows whose {@code fieldNames} hold {@code values} (a relationship's foreign key). */
    List<M> findBy(Db db, List<String> fieldNames, List<?> values) throws SQLException {
        String where = String.join(" AND ", fieldNames.stream().map(f -> Tables.quote(f) + " = ?").toList());
        PreparedStatement statement = db.prepare(selectColumns() + " WHERE " + where);
        for (int i = 0; i < fieldNames.size(); i++) {
            ModelField<M, ?> field = schema.field(fieldNames.get(i));
            statement.setObject(i + 1, Values.toSql(field.type(), values.get(i)));
        }
        List<M> models = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                models.add(read(rows));
            }
        }
        return models;
    }

    /**
     * The key values {@code id} stands for: a single-field key's value, or a composite key's
     * {@code Identifier}. Anything else is refused, saying what to pass, rather than failing as
     * a cast deep in the store or finding nothing.
     */
    List<Object> key(Object id) {
        Objects.requireNonNull(id, "id");
        List<ModelField<M, ?>> keyFields = schema.primaryKey();
        List<Object> values = id instanceof ModelIdentifier<?> identifier ? identifier.values() : List.of(id);
        if (values.size() != keyFields.size()) {
            String names = keyFields.stream().map(ModelField::name).collect(Collectors.joining(", "));
            throw new IllegalArgumentException(keyFields.size() > 1
                    ? schema.name() + " has a composite key (" + names + "): pass " + schema.name() + ".Identifier"
                    : schema.name() + " has a key of one field, " + names + ", not " + values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            ModelField<M, ?> field = keyFields.get(i);
            Class<?> type = field.type() instanceof FieldType.EnumType<?> enumType ? enumType.javaType()
                    : ((FieldType.ScalarType<?>) field.type()).scalar().javaType(); // keys are scalars or enums
            Object value = Objects.requireNonNull(values.get(i), () -> schema.name() + "." + field.name() + " is null");
            if (!type.isInstance(value)) {
                throw new IllegalArgumentException(schema.name() + "." + field.name() + " holds " + type.getSimpleName()
                        + " (" + field.type().graphQlName() + "), not " + value.getClass().getSimpleName() + ": " + value);
            }
        }
        return values;
    }

    private void bindKey(PreparedStatement statement, int first, List<?> key) throws SQLException {
        List<ModelField<M, ?>> keyFields = schema.primaryKey();
        for (int i = 0; i < keyFields.size(); i++) {
            statement.setObject(first + i, Values.toSql(keyFields.get(i).type(), key.get(i)));
        }
    }

    /**
     * Builds a model from a row selected with {@link #selectColumns()}. Its values were checked
     * when saved, perhaps under an earlier version's looser rules; they are read as they are.
     */
    M read(ResultSet row) throws SQLException {
        Object[] raw = new Object[fields.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = textColumns[i] ? text(row, i + 1) : row.getObject(i + 1);
        }
        return ModelChecks.readingStored(() -> schema.newInstance(new FieldValues() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T get(ModelField<?, T> field) {
                Integer index = columnIndex.get(field.name());
                return index == null ? null : (T) Values.fromSql(field.type(), raw[index - 1]);
            }
        }));
    }

    /**
     * A TEXT column's value, read as its UTF-8 bytes: one call into the driver, where {@code
     * getObject} makes two (the value's type, then the value) and {@code getString} copies the text
     * once more; a query of 10,000 rows spends most of its time in these calls. A TEXT column holds
     * text or null only (SQLite stores any number given to it as text).
     */
    private static String text(ResultSet row, int column) throws SQLException {
        byte[] utf8 = row.getBytes(column);
        return utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8);
    }

    /**
     * {@code model}'s key in the form the table compares it in: equal for two models exactly when
     * they are one row (times at different offsets of one instant are, -0.0 and 0.0 are).
     */
    List<Object> storedKey(M model) {
        List<ModelField<M, ?>> keyFields = schema.primaryKey();
        List<Object> key = new ArrayList<>(keyFields.size());
        for (ModelField<M, ?> field : keyFields) {
            Object value = Values.toSql(field.type(), field.get(model));
            key.add(value instanceof Double number && number == 0 ? 0.0 : value);
        }
        return key;
    }

    /** The outbox's record id: the key value, or a JSON array of the values of a composite key. */
    String recordId(List<?> key) {
        if (key.size() == 1) {
            return String.valueOf(Values.toSql(schema.primaryKey().get(0).type(), key.get(0)));
        }
        var array = Values.JSON.createArrayNode();
        for (int i = 0; i < key.size(); i++) {
            array.add(Values.toJson(schema.primaryKey().get(i).type(), key.get(i)));
        }
        return array.toString();
    }

    /** The model as JSON text with the schema's field names, as mutations send it. */
    String json(M model) {
        return jsonObject(model).toString();
    }

    private ObjectNode jsonObject(M model) {
        ObjectNode object = Values.JSON.createObjectNode();
        for (ModelField<M, ?> field : fields) {
            object.set(field.name(), Values.toJson(field.type(), field.get(model)));
        }
        return object;
    }
}
