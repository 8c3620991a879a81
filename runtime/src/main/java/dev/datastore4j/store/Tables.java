package dev.datastore4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.IndexInfo;
import dev.datastore4j.model.Model;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelRegistry;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.Relationship;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The database layout: a table per model, the metadata, sync-state, outbox and schema tables,
 * and the in-place migration of a database written for an older version of the schema.
 *
 * <p>The layout of every model is recorded as JSON in {@code _datastore_schema}. Opening compares
 * it with the registry: new models, new optional columns and new indexes are added, and a field
 * that is now required (new, or optional before) is given its {@code @default} wherever a stored
 * record lacks it, as the sync server does with its own records. A field whose type changed
 * within its column's SQL type (an enum that lost a value, text that became a date, a non-model
 * type's fields) keeps its column once every stored value, and every value pending mutations hold,
 * reads as the new type. Anything else (a removed field, a column of another SQL type, a changed
 * key, a removed model, a required field without a default, values the new type does not take)
 * cannot be migrated without losing or inventing data, and opening fails unless the caller asked
 * for a reset.
 */
final class Tables {
    static final String METADATA = "_datastore_metadata";
    static final String SYNC_STATE = "_datastore_sync_state";
    static final String SCHEMA = "_datastore_schema";

    /** A field now required, to be given its {@code @default} where stored records lack it. */
    private record Fill(ModelSchema<?> schema, ModelField<?, ?> field, Object value) {}

    /** Fields of a model whose types changed in ways their columns do not show: stored values must still read as them. */
    private record Recheck(ModelSchema<?> schema, List<ModelField<?, ?>> fields) {}

    /** What opening must do to a database written for another version of the schema, and what it cannot do. */
    private static final class Plan {
        final List<String> problems = new ArrayList<>();
        final List<String> statements = new ArrayList<>();
        final List<Fill> fills = new ArrayList<>();
        final List<Recheck> rechecks = new ArrayList<>();
    }

    private Tables() {}

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Creates or migrates every table; throws {@link SchemaMismatchException} for changes it cannot apply. */
    static void prepare(Connection connection, ModelRegistry registry, boolean resetIfIncompatible) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + " (model TEXT PRIMARY KEY, layout TEXT NOT NULL)");
            statement.execute("CREATE TABLE IF NOT EXISTS " + METADATA + " (model TEXT NOT NULL, record_id TEXT NOT NULL,"
                    + " _version INTEGER, _deleted INTEGER NOT NULL DEFAULT 0, _lastChangedAt INTEGER,"
                    + " PRIMARY KEY (model, record_id)) WITHOUT ROWID");
            statement.execute("CREATE TABLE IF NOT EXISTS " + SYNC_STATE + " (model TEXT NOT NULL, expression TEXT NOT NULL,"
                    + " last_sync INTEGER NOT NULL, PRIMARY KEY (model, expression)) WITHOUT ROWID");
            Outbox.createTable(statement);
        }
        Map<String, JsonNode> stored = storedLayouts(connection);
        Plan plan = new Plan();
        // only new and changed layouts are written: opening an unchanged database writes nothing,
        // so an app can open (and read) it even on a full disk
        List<ModelSchema<?>> changed = new ArrayList<>();
        for (ModelSchema<?> schema : registry.models()) {
            JsonNode wanted = layout(schema);
            JsonNode old = stored.remove(schema.name());
            if (old == null) {
                plan.statements.addAll(createModel(schema));
                changed.add(schema);
            } else if (!old.equals(wanted)) {
                compare(schema, old, wanted, plan);
                changed.add(schema);
            }
        }
        stored.keySet().forEach(model -> plan.problems.add("model " + model + " is no longer in the schema"));
        for (Recheck recheck : plan.rechecks) {
            recheck(connection, recheck, plan.problems);
        }
        List<String> problems = plan.problems;
        if (!problems.isEmpty()) {
            if (!resetIfIncompatible) {
                throw new SchemaMismatchException(problems);
            }
            int pending = Outbox.count(connection);
            if (pending > 0) {
                throw new SchemaMismatchException(List.of("the database holds " + pending
                        + " pending mutations that have not reached the server; a reset would drop them"));
            }
            reset(connection, registry);
            return;
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : plan.statements) {
                statement.execute(sql);
            }
        }
        for (Fill fill : plan.fills) {
            String column = quote(fill.field().name());
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + quote(fill.schema().name())
                    + " SET " + column + " = ? WHERE " + column + " IS NULL")) {
                update.setObject(1, Values.toSql(fill.field().type(), fill.value()));
                update.executeUpdate();
            }
            Outbox.fillIn(connection, fill.schema().name(), fill.field().name(),
                    Values.toJson(fill.field().type(), fill.value()).toString());
        }
        for (ModelSchema<?> schema : changed) {
            saveLayout(connection, schema);
        }
    }

    private static void reset(Connection connection, ModelRegistry registry) throws SQLException {
        Map<String, JsonNode> stored = storedLayouts(connection);
        try (Statement statement = connection.createStatement()) {
            for (String model : stored.keySet()) {
                statement.execute("DROP TABLE IF EXISTS " + quote(model));
            }
            statement.execute("DELETE FROM " + METADATA);
            statement.execute("DELETE FROM " + SYNC_STATE);
            statement.execute("DELETE FROM " + SCHEMA);
            for (ModelSchema<?> schema : registry.models()) {
                for (String sql : createModel(schema)) {
                    statement.execute(sql);
                }
            }
        }
        for (ModelSchema<?> schema : registry.models()) {
            saveLayout(connection, schema);
        }
    }

    private static List<String> createModel(ModelSchema<?> schema) {
        List<String> sql = new ArrayList<>();
        StringBuilder create = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(quote(schema.name())).append(" (");
        for (ModelField<?, ?> field : schema.fields()) {
            create.append(quote(field.name())).append(' ').append(Values.sqlType(field.type()));
            if (schema.primaryKey().contains(field)) {
                create.append(" NOT NULL");
            }
            create.append(", ");
        }
        create.append("PRIMARY KEY (").append(columns(schema.primaryKey().stream().map(ModelField::name).toList()))
                .append("))");
        sql.add(create.toString());
        indexes(schema).forEach((name, columns) -> sql.add(createIndex(schema, name, columns)));
        return sql;
    }

    /** The @index indexes, and one per set of foreign key columns so relationship lookups and cascades are fast. */
    private static Map<String, List<String>> indexes(ModelSchema<?> schema) {
        Map<String, List<String>> indexes = new LinkedHashMap<>();
        for (IndexInfo index : schema.indexes()) {
            indexes.put(index.name(), index.fields());
        }
        for (Relationship relationship : schema.relationships()) {
            if (relationship.kind() == Relationship.Kind.BELONGS_TO) {
                indexes.putIfAbsent("fk_" + relationship.field(), relationship.foreignKeyFields());
            }
        }
        return indexes;
    }

    private static String createIndex(ModelSchema<?> schema, String name, List<String> columns) {
        return "CREATE INDEX IF NOT EXISTS " + quote(schema.name() + "." + name) + " ON " + quote(schema.name())
                + " (" + columns(columns) + ")";
    }

    private static String columns(List<String> names) {
        return String.join(", ", names.stream().map(Tables::quote).toList());
    }

    private static JsonNode layout(ModelSchema<?> schema) {
        ObjectNode layout = Values.JSON.createObjectNode();
        ObjectNode columns = layout.putObject("columns");
        for (ModelField<?, ?> field : schema.fields()) {
            columns.put(field.name(), Values.sqlType(field.type()) + (field.isRequired() ? " required" : ""));
        }
        ObjectNode types = layout.putObject("types");
        for (ModelField<?, ?> field : schema.fields()) {
            types.put(field.name(), signature(field.type(), new HashSet<>()));
        }
        layout.putPOJO("key", schema.primaryKey().stream().map(ModelField::name).toList());
        ObjectNode indexes = layout.putObject("indexes");
        indexes(schema).forEach((name, fields) -> indexes.putPOJO(name, fields));
        return Values.JSON.valueToTree(layout);
    }

    private static void compare(ModelSchema<?> schema, JsonNode old, JsonNode wanted, Plan plan) {
        String model = schema.name();
        if (!old.get("key").equals(wanted.get("key"))) {
            plan.problems.add("the key of " + model + " changed from " + old.get("key") + " to " + wanted.get("key"));
        }
        JsonNode oldColumns = old.get("columns");
        List<ModelField<?, ?>> retyped = new ArrayList<>();
        for (Map.Entry<String, JsonNode> column : oldColumns.properties()) {
            JsonNode now = wanted.get("columns").get(column.getKey());
            if (now == null) {
                plan.problems.add("field " + model + "." + column.getKey() + " was removed");
                continue;
            }
            if (!sqlType(now).equals(sqlType(column.getValue()))) {
                plan.problems.add("field " + model + "." + column.getKey() + " changed type");
                continue;
            }
            if (isRequired(now) && !isRequired(column.getValue())) {
                fillIn(schema, column.getKey(), "field " + model + "." + column.getKey()
                        + " became required, and stored records may lack it", plan);
            }
            // layouts written before types were recorded have none: their values are read once
            String was = old.path("types").path(column.getKey()).asText(null);
            if (!wanted.get("types").get(column.getKey()).asText().equals(was)) {
                retyped.add(schema.field(column.getKey()));
            }
        }
        if (!retyped.isEmpty()) {
            plan.rechecks.add(new Recheck(schema, retyped));
        }
        for (Map.Entry<String, JsonNode> column : wanted.get("columns").properties()) {
            if (!oldColumns.has(column.getKey())) {
                if (isRequired(column.getValue())) {
                    fillIn(schema, column.getKey(), "new field " + model + "." + column.getKey()
                            + " is required, and stored records lack it", plan);
                }
                plan.statements.add("ALTER TABLE " + quote(model) + " ADD COLUMN " + quote(column.getKey()) + " "
                        + sqlType(column.getValue()));
            }
        }
        JsonNode oldIndexes = old.get("indexes");
        for (Map.Entry<String, JsonNode> index : wanted.get("indexes").properties()) {
            if (!index.getValue().equals(oldIndexes.get(index.getKey()))) {
                if (oldIndexes.has(index.getKey())) {
                    plan.statements.add("DROP INDEX IF EXISTS " + quote(model + "." + index.getKey()));
                }
                List<String> fields = new ArrayList<>();
                index.getValue().forEach(f -> fields.add(f.asText()));
                plan.statements.add(createIndex(schema, index.getKey(), fields));
            }
        }
        for (Map.Entry<String, JsonNode> index : oldIndexes.properties()) {
            String name = index.getKey();
            if (!wanted.get("indexes").has(name)) {
                plan.statements.add("DROP INDEX IF EXISTS " + quote(model + "." + name));
            }
        }
    }

    /** Asks for {@code field}'s default to be filled in, or, when it has none, reports {@code problem}. */
    private static <M extends Model> void fillIn(ModelSchema<M> schema, String field, String problem, Plan plan) {
        ModelField<M, ?> required = schema.field(field);
        Object value = schema.defaultValue(required);
        if (value == null) {
            plan.problems.add(problem + ": give it a @default, which is then filled in, or make it optional");
        } else {
            plan.fills.add(new Fill(schema, required, value));
        }
    }

    /**
     * What a stored value of {@code type} must fit, beyond its column's SQL type: the scalar, an
     * enum's values, a non-model type's fields (with their {@code !}), list brackets. A field
     * whose signature changes has its stored values read again before the database opens.
     */
    private static String signature(FieldType<?> type, Set<String> enclosing) {
        if (type instanceof FieldType.ListType<?> list) {
            return "[" + signature(list.element(), enclosing) + (list.elementRequired() ? "!" : "") + "]";
        }
        if (type instanceof FieldType.EnumType<?> enumType) {
            return enumType.graphQlName() + enumType.values().stream().map(Enum::name).toList();
        }
        if (type instanceof FieldType.EmbeddedType<?> embedded && enclosing.add(embedded.graphQlName())) {
            StringBuilder fields = new StringBuilder(embedded.graphQlName()).append('{');
            for (ModelField<?, ?> field : embedded.schema().fields()) {
                fields.append(field.name()).append(':').append(signature(field.type(), enclosing))
                        .append(field.isRequired() ? "!" : "").append(' ');
            }
            enclosing.remove(embedded.graphQlName());
            return fields.append('}').toString();
        }
        return type.graphQlName(); // a scalar, or a non-model type inside itself
    }

    /**
     * Reads every stored value of fields whose types changed, and every value pending mutations
     * give them, as their new types, in one pass over the model's table and one over its pending
     * mutations; reports each field some of whose values no longer read (an enum value the schema
     * dropped, text that is not a date), since every query reaching them would fail.
     */
    private static void recheck(Connection connection, Recheck recheck, List<String> problems) throws SQLException {
        ModelSchema<?> schema = recheck.schema();
        List<ModelField<?, ?>> fields = recheck.fields();
        int[] records = new int[fields.size()];
        int[] pending = new int[fields.size()];
        String[] examples = new String[fields.size()];
        List<String> key = schema.primaryKey().stream().map(ModelField::name).toList();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + columns(key) + ", "
                + columns(fields.stream().map(ModelField::name).toList()) + " FROM " + quote(schema.name()));
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                for (int i = 0; i < fields.size(); i++) {
                    Object value = rows.getObject(key.size() + 1 + i);
                    try {
                        Values.fromSql(fields.get(i).type(), value);
                    } catch (RuntimeException e) {
                        records[i]++;
                        if (examples[i] == null) {
                            List<String> keyValues = new ArrayList<>();
                            for (int k = 1; k <= key.size(); k++) {
                                keyValues.add(rows.getString(k));
                            }
                            examples[i] = "record " + String.join(",", keyValues) + ": " + e.getMessage();
                        }
                    }
                }
            }
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT record_id, data FROM " + Outbox.TABLE
                + " WHERE model = ? AND type IN ('CREATE', 'UPDATE') ORDER BY seq")) {
            select.setString(1, schema.name());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    JsonNode data;
                    try {
                        data = Values.JSON.readTree(rows.getString(2));
                    } catch (IOException e) {
                        throw new SQLException("a pending mutation of " + schema.name() + " is unreadable", e);
                    }
                    for (int i = 0; i < fields.size(); i++) {
                        JsonNode value = data.get(fields.get(i).name());
                        try {
                            if (value != null && !value.isNull()) {
                                Values.fromJson(fields.get(i).type(), value);
                            }
                        } catch (RuntimeException e) {
                            pending[i]++;
                            if (examples[i] == null) {
                                examples[i] = "a pending mutation of record " + rows.getString(1) + ": " + e.getMessage();
                            }
                        }
                    }
                }
            }
        }
        for (int i = 0; i < fields.size(); i++) {
            if (records[i] + pending[i] > 0) {
                problems.add("field " + schema.name() + "." + fields.get(i).name() + " changed type, and " + records[i]
                        + (records[i] == 1 ? " stored record" : " stored records") + " and " + pending[i]
                        + (pending[i] == 1 ? " pending mutation" : " pending mutations") + " hold values it no longer"
                        + " takes (such as " + examples[i] + ")");
            }
        }
    }

    private static boolean isRequired(JsonNode column) {
        return column.asText().endsWith(" required");
    }

    private static String sqlType(JsonNode column) {
        return column.asText().split(" ")[0];
    }

    private static Map<String, JsonNode> storedLayouts(Connection connection) throws SQLException {
        Map<String, JsonNode> layouts = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT model, layout FROM " + SCHEMA + " ORDER BY model")) {
            while (rows.next()) {
                layouts.put(rows.getString(1), Values.JSON.readTree(rows.getString(2)));
            }
        } catch (IOException e) {
            throw new SQLException("the stored schema layout is unreadable", e);
        }
        return layouts;
    }

    private static void saveLayout(Connection connection, ModelSchema<?> schema) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT OR REPLACE INTO " + SCHEMA + " (model, layout) VALUES (?, ?)")) {
            insert.setString(1, schema.name());
            insert.setString(2, layout(schema).toString());
            insert.executeUpdate();
        }
    }
}
