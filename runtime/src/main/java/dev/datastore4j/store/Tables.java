package dev.datastore4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * reads as the new type. A removed field keeps its column and values, unread (as the sync server
 * keeps a removed field's values), and is left out of pending mutations until it comes back
 * ({@link Outbox#putBack}); a removed model with nothing pending keeps its table the same way. A
 * field whose new type is stored another way (having stayed, or come back) has its column rebuilt
 * and its values converted as the server takes its own ({@link Converted}: an Int to a Float, an
 * Int, Float or Boolean to a String).
 * Anything else (a changed key, a required field without a default, values the new type does not
 * take, a removal or conversion pending mutations' conditions still test) cannot be migrated
 * without losing or inventing data, and opening fails unless the caller asked for a reset ({@link
 * DataStore.WhenIncompatible}).
 */
final class Tables {
    static final String METADATA = "_datastore_metadata";
    static final String SYNC_STATE = "_datastore_sync_state";
    static final String SCHEMA = "_datastore_schema";
    /**
     * The layout of the store's own tables (layouts, record metadata, sync state, outbox), kept in
     * the database header's {@code user_version}. A version of datastore4j that lays them out
     * another way raises it, and this one refuses a store of a higher format rather than misread
     * it (an app rolled back to an older version, say). Stores written before it was kept read 0,
     * and are of format 1.
     */
    static final int FORMAT = 1;

    /** A field now required, to be given its {@code @default} where stored records lack it. */
    private record Fill(ModelSchema<?> schema, ModelField<?, ?> field, Object value) {}

    /** A removed field back in the schema. */
    private record Back(ModelSchema<?> schema, ModelField<?, ?> field) {}

    /** What opening must do to a database written for another version of the schema, and what it cannot do. */
    private static final class Plan {
        final List<String> problems = new ArrayList<>();
        final List<String> statements = new ArrayList<>();
        final List<Fill> fills = new ArrayList<>();
        final List<Retyped> retyped = new ArrayList<>();
        final List<Converted> converted = new ArrayList<>();
        /** Fields no longer in the schema, by model: left out of pending mutations from now on. */
        final Map<String, List<String>> removedFields = new LinkedHashMap<>();
        /** Removed fields back in the schema: put back into pending mutations, once their values read as the new type. */
        final List<Back> back = new ArrayList<>();
    }

    private Tables() {}

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Creates or migrates every table; throws {@link SchemaMismatchException} for changes it cannot apply. */
    static void prepare(Connection connection, ModelRegistry registry, boolean resetIfIncompatible) throws SQLException {
        createOwnTables(connection);
        Map<String, JsonNode> stored = storedLayouts(connection);
        boolean sameApp = stored.isEmpty() || registry.models().stream().anyMatch(m -> stored.containsKey(m.name()));
        Plan plan = new Plan();
        // only new and changed layouts are written: opening an unchanged database writes nothing,
        // so an app can open (and read) it even on a full disk
        Map<String, JsonNode> changed = new LinkedHashMap<>();
        for (ModelSchema<?> schema : registry.models()) {
            JsonNode old = stored.remove(schema.name());
            if (old == null) {
                plan.statements.addAll(createModel(schema));
                changed.put(schema.name(), layout(schema));
                continue;
            }
            ObjectNode wanted = layout(schema);
            wanted.set("retired", retired(old, wanted));
            if (old.path("removed").asBoolean() || !old.equals(wanted)) { // a model back in the schema, or a change
                compare(schema, old, wanted, plan, connection);
                changed.put(schema.name(), wanted);
            }
        }
        for (Map.Entry<String, JsonNode> gone : stored.entrySet()) {
            if (!gone.getValue().path("removed").asBoolean()) { // not removed at an earlier opening
                remove(connection, gone.getKey(), gone.getValue(), sameApp, plan, changed);
            }
        }
        for (Retyped retyped : plan.retyped) {
            retyped.readAgain(connection, plan.problems);
        }
        for (Converted converted : plan.converted) {
            converted.check(connection, plan.problems);
        }
        List<String> problems = plan.problems;
        if (!problems.isEmpty()) {
            if (!resetIfIncompatible) {
                throw new SchemaMismatchException(problems);
            }
            int pending = Outbox.count(connection);
            if (pending > 0) {
                throw new SchemaMismatchException(problems, pending);
            }
            reset(connection, registry);
            return;
        }
        try (Statement statement = connection.createStatement()) {
            for (String sql : plan.statements) {
                statement.execute(sql);
            }
        }
        for (Converted converted : plan.converted) {
            converted.apply(connection, indexes(converted.schema()));
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
        for (Back back : plan.back) {
            Outbox.putBack(connection, back.schema(), back.field());
        }
        for (Map.Entry<String, List<String>> removed : plan.removedFields.entrySet()) {
            for (String field : removed.getValue()) {
                Outbox.leaveOut(connection, removed.getKey(), field);
            }
        }
        for (Map.Entry<String, JsonNode> layout : changed.entrySet()) {
            saveLayout(connection, layout.getKey(), layout.getValue());
        }
    }

    /**
     * A model no longer in the schema keeps its table, unread, as the server keeps the records of a
     * model it no longer serves; refused while its mutations are pending (no server of this schema
     * would take them), and when no model of the schema is stored at all (another app's file).
     */
    private static void remove(Connection connection, String model, JsonNode layout, boolean sameApp, Plan plan,
            Map<String, JsonNode> changed) throws SQLException {
        if (!sameApp) {
            plan.problems.add("model " + model + " is no longer in the schema");
            return;
        }
        int pending = Outbox.count(connection, model);
        if (pending > 0) {
            plan.problems.add("model " + model + " is no longer in the schema, and " + pending
                    + (pending == 1 ? " of its mutations waits" : " of its mutations wait") + " for the server");
        } else {
            changed.put(model, ((ObjectNode) layout.deepCopy()).put("removed", true));
        }
    }

    /**
     * The columns a model's table keeps for fields no longer in the schema, each with its SQL type
     * and the field's type ("INTEGER Int"; only the SQL type in layouts written before): those
     * kept before and those just removed, less any back in {@code wanted}. Their values stay in the
     * table, unread and unwritten, as the sync server keeps a removed field's values in its
     * records; a field that comes back finds them again, converted if its type is stored another way.
     */
    private static ObjectNode retired(JsonNode old, JsonNode wanted) {
        ObjectNode retired = Values.JSON.createObjectNode();
        old.path("retired").properties().forEach(column -> retired.set(column.getKey(), column.getValue()));
        old.get("columns").properties().forEach(column -> {
            String type = old.path("types").path(column.getKey()).asText(null);
            retired.put(column.getKey(), sqlType(column.getValue()) + (type == null ? "" : " " + type));
        });
        wanted.get("columns").properties().forEach(column -> retired.remove(column.getKey()));
        return retired;
    }

    /**
     * Refuses a SQLite database that holds tables but is not a store (no layouts table): an app's
     * other database, say. Its tables would be taken for the models' where names meet, and no
     * option may reset or set aside what the store did not write. Also a store of a newer
     * {@link #FORMAT} than this version knows, and one whose text is not
     * UTF-8, which the store reads as bytes ({@code Rows}) and never writes otherwise. Run before
     * the store touches the file (even its journal mode), so that a refused file is left as it was.
     */
    static void refuseAnotherDatabase(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT name"
                + " FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        if (!tables.isEmpty() && !tables.contains(SCHEMA)) {
            throw new SQLException("it is a SQLite database, but not a datastore4j store (it has " + tables.size()
                    + (tables.size() == 1 ? " table, " : " tables, such as ") + tables.get(0)
                    + ", and no " + SCHEMA + "); the file was left as it is: name a new file for the store");
        }
        if (tables.contains(SCHEMA)) {
            refuseNewerFormat(connection);
        }
        try (Statement statement = connection.createStatement(); ResultSet encoding = statement.executeQuery("PRAGMA encoding")) {
            String name = encoding.next() ? encoding.getString(1) : "UTF-8";
            if (!name.equals("UTF-8")) {
                throw new SQLException("its text is stored as " + name + ", and a store keeps UTF-8 (datastore4j never makes"
                        + " such a file); the file was left as it is");
            }
        }
    }

    /** The store's own tables, where missing: layouts, record metadata, sync state and the outbox; and their {@link #FORMAT}. */
    private static void createOwnTables(Connection connection) throws SQLException {
        boolean formatToWrite = format(connection) < FORMAT; // written once: opening an unchanged store writes nothing
        try (Statement statement = connection.createStatement()) {
            if (formatToWrite) {
                statement.execute("PRAGMA user_version = " + FORMAT);
            }
            statement.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + " (model TEXT PRIMARY KEY, layout TEXT NOT NULL)");
            statement.execute("CREATE TABLE IF NOT EXISTS " + METADATA + " (model TEXT NOT NULL, record_id TEXT NOT NULL,"
                    + " _version INTEGER, _deleted INTEGER NOT NULL DEFAULT 0, _lastChangedAt INTEGER,"
                    + " PRIMARY KEY (model, record_id)) WITHOUT ROWID");
            statement.execute("CREATE TABLE IF NOT EXISTS " + SYNC_STATE + " (model TEXT NOT NULL, expression TEXT NOT NULL,"
                    + " last_sync INTEGER NOT NULL, PRIMARY KEY (model, expression)) WITHOUT ROWID");
            Outbox.createTable(statement);
        }
    }

    /** Refuses a store of a {@link #FORMAT} newer than this version's. */
    static void refuseNewerFormat(Connection connection) throws SQLException {
        int format = format(connection);
        if (format > FORMAT) {
            throw new SQLException("it was written by a newer version of datastore4j (store format " + format
                    + "; this version reads format " + FORMAT + " and older): open it with that version or a later one;"
                    + " the file was left as it is");
        }
    }

    /** The format in the database header ({@code user_version}); 0 in a new file, and in stores from before it was kept. */
    private static int format(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet version = statement.executeQuery("PRAGMA user_version")) {
            return version.next() ? version.getInt(1) : 0;
        }
    }

    /** Starts over: every table empty (the outbox too) and laid out for {@code registry}. */
    static void reset(Connection connection, ModelRegistry registry) throws SQLException {
        createOwnTables(connection);
        Map<String, JsonNode> stored = storedLayouts(connection);
        try (Statement statement = connection.createStatement()) {
            for (String model : stored.keySet()) {
                statement.execute("DROP TABLE IF EXISTS " + quote(model));
            }
            statement.execute("DELETE FROM " + METADATA);
            statement.execute("DELETE FROM " + SYNC_STATE);
            statement.execute("DELETE FROM " + SCHEMA);
            statement.execute("DELETE FROM " + Outbox.TABLE);
            for (ModelSchema<?> schema : registry.models()) {
                for (String sql : createModel(schema)) {
                    statement.execute(sql);
                }
            }
        }
        for (ModelSchema<?> schema : registry.models()) {
            saveLayout(connection, schema.name(), layout(schema));
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
    static Map<String, List<String>> indexes(ModelSchema<?> schema) {
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

    static String createIndex(ModelSchema<?> schema, String name, List<String> columns) {
        return "CREATE INDEX IF NOT EXISTS " + quote(schema.name() + "." + name) + " ON " + quote(schema.name())
                + " (" + columns(columns) + ")";
    }

    static String columns(List<String> names) {
        return String.join(", ", names.stream().map(Tables::quote).toList());
    }

    private static ObjectNode layout(ModelSchema<?> schema) {
        ObjectNode layout = Values.JSON.createObjectNode();
        ObjectNode columns = layout.putObject("columns");
        for (ModelField<?, ?> field : schema.fields()) {
            columns.put(field.name(), Values.sqlType(field.type()) + (field.isRequired() ? " required" : ""));
        }
        ObjectNode types = layout.putObject("types");
        for (ModelField<?, ?> field : schema.fields()) {
            types.put(field.name(), Retyped.signature(field.type()));
        }
        layout.putPOJO("key", schema.primaryKey().stream().map(ModelField::name).toList());
        ObjectNode indexes = layout.putObject("indexes");
        indexes(schema).forEach((name, fields) -> indexes.putPOJO(name, fields));
        layout.putObject("retired"); // see retired()
        return Values.JSON.valueToTree(layout);
    }

    private static void compare(ModelSchema<?> schema, JsonNode old, JsonNode wanted, Plan plan, Connection connection)
            throws SQLException {
        String model = schema.name();
        if (!old.get("key").equals(wanted.get("key"))) {
            plan.problems.add("the key of " + model + " changed from " + old.get("key") + " to " + wanted.get("key"));
        }
        JsonNode oldColumns = old.get("columns");
        List<ModelField<?, ?>> retyped = new ArrayList<>();
        for (Map.Entry<String, JsonNode> column : oldColumns.properties()) {
            JsonNode now = wanted.get("columns").get(column.getKey());
            if (now == null) {
                int testing = Outbox.conditionsTesting(connection, model, column.getKey());
                if (testing > 0) {
                    plan.problems.add("field " + model + "." + column.getKey() + " was removed, but " + testing
                            + (testing == 1 ? " pending mutation has a condition" : " pending mutations have conditions")
                            + " on it, which the server could not test");
                } else {
                    plan.removedFields.computeIfAbsent(model, m -> new ArrayList<>()).add(column.getKey());
                }
                continue;
            }
            String name = column.getKey();
            // layouts written before types were recorded have none: their values are read once
            String was = old.path("types").path(name).asText(null);
            if (!sqlType(now).equals(sqlType(column.getValue()))) {
                convert(schema, schema.field(name), was, plan, connection);
            } else if (!wanted.get("types").get(name).asText().equals(was)) {
                retyped.add(schema.field(name));
            }
            if (isRequired(now) && !isRequired(column.getValue())) {
                fillIn(schema, name, "field " + model + "." + name + " became required, and stored records may lack it", plan);
            }
        }
        for (Map.Entry<String, JsonNode> column : wanted.get("columns").properties()) {
            String name = column.getKey();
            if (oldColumns.has(name)) {
                continue;
            }
            String[] kept = old.path("retired").path(name).asText("").split(" ", 2); // SQL type, field type
            if (isRequired(column.getValue())) {
                fillIn(schema, name, "new field " + model + "." + name + " is required, and stored records lack it", plan);
            }
            if (kept[0].isEmpty()) {
                plan.statements.add("ALTER TABLE " + quote(model) + " ADD COLUMN " + quote(name) + " "
                        + sqlType(column.getValue()));
                continue;
            }
            plan.back.add(new Back(schema, schema.field(name)));
            if (!kept[0].equals(sqlType(column.getValue()))) { // back, its values stored another way
                convert(schema, schema.field(name), kept.length > 1 ? kept[1] : null, plan, connection);
            } else {
                retyped.add(schema.field(name)); // back: its values are of whatever type it had before
            }
        }
        if (!retyped.isEmpty()) {
            plan.retyped.add(new Retyped(schema, retyped));
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

    /**
     * Asks for the values of {@code field}, whose new type is stored another way, to be converted
     * ({@link Converted}); a key field, or one a pending mutation's condition tests, cannot be.
     */
    private static void convert(ModelSchema<?> schema, ModelField<?, ?> field, String was, Plan plan, Connection connection)
            throws SQLException {
        Converted converted = new Converted(schema, field, was);
        int testing = Outbox.conditionsTesting(connection, schema.name(), field.name());
        if (schema.primaryKey().contains(field)) {
            plan.problems.add(converted.described() + ", but it is part of the key");
        } else if (testing > 0) {
            plan.problems.add(converted.described() + ", but " + testing + (testing == 1 ? " pending mutation has a"
                    + " condition" : " pending mutations have conditions") + " on it, written for the old type");
        } else {
            plan.converted.add(converted);
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

    private static void saveLayout(Connection connection, String model, JsonNode layout) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT OR REPLACE INTO " + SCHEMA + " (model, layout) VALUES (?, ?)")) {
            insert.setString(1, model);
            insert.setString(2, layout.toString());
            insert.executeUpdate();
        }
    }
}
