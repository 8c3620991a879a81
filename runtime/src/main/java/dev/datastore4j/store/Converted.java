package dev.datastore4j.store;

import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.Scalar;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A field whose new type is stored another way (another SQL type), whose values are converted as
 * the sync server takes its own stored values for the new type, by GraphQL's coercions: an Int
 * becomes a Float ({@code 7} to {@code 7.0}), and an Int, a Float or a Boolean becomes a String or
 * an ID ({@code "7"}, {@code "1.5"}, {@code "true"}). A null converts to any type; other values
 * between other types cannot be converted, and then the opening is refused, naming how many there
 * are and one of them.
 *
 * <p>SQLite cannot change a column's type, so the column is rebuilt: the old one renamed, a new
 * one added with the field's name, every value converted into it, the old one dropped, and the
 * indexes on it made again. Values pending creates and updates hold are converted the same way.
 *
 * @param was the field's type as the layout names it (null in a layout written before layouts held types)
 */
record Converted(ModelSchema<?> schema, ModelField<?, ?> field, String was) {
    /** The pending creates and updates of a model giving a field a value (a delete sends only the key). */
    private static final String PENDING = " FROM " + Outbox.TABLE
            + " WHERE model = ? AND type IN ('CREATE', 'UPDATE') AND json_type(data, ?) NOT IN ('null')";

    /** "field Model.name changed type from Int to String", for messages. */
    String described() {
        return "field " + schema.name() + "." + field.name() + " changed type" + (was == null ? "" : " from " + was)
                + " to " + field.type().graphQlName();
    }

    /**
     * What a stored (or pending) value of the old type becomes: worked out once per pass over the
     * values; the function throws for a value it cannot convert (a null converts to null).
     */
    private UnaryOperator<Object> conversion() {
        Scalar to = field.type() instanceof FieldType.ScalarType<?> scalar ? scalar.scalar() : null;
        Scalar from = was == null ? null : switch (was) { // the scalars whose values another SQL type takes
            case "Int" -> Scalar.INT;
            case "Float" -> Scalar.FLOAT;
            case "Boolean" -> Scalar.BOOLEAN;
            default -> null;
        };
        UnaryOperator<Object> convert;
        if (from == Scalar.INT && to == Scalar.FLOAT) {
            convert = value -> ((Number) value).doubleValue();
        } else if (from != null && (to == Scalar.STRING || to == Scalar.ID)) {
            FieldType<?> old = new FieldType.ScalarType<>(from);
            convert = value -> String.valueOf(Values.fromSql(old, value));
        } else {
            String type = field.type().graphQlName();
            convert = value -> {
                throw new IllegalArgumentException("'" + value + "', which cannot be converted to " + type);
            };
        }
        return value -> value == null ? null : convert.apply(value);
    }

    /** Adds to {@code problems} the field when some stored or pending values cannot be converted; reads only. */
    void check(Connection connection, List<String> problems) throws SQLException {
        UnaryOperator<Object> convert = conversion();
        int[] misfits = new int[2]; // stored records, pending mutations
        String example = null;
        String column = Tables.quote(field.name());
        try (PreparedStatement select = pendingValues(connection, "SELECT 0, " + column + " FROM "
                + Tables.quote(schema.name()) + " WHERE " + column + " IS NOT NULL UNION ALL SELECT 1, json_extract(data, ?)")) {
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    try {
                        convert.apply(rows.getObject(2));
                    } catch (IllegalArgumentException e) {
                        misfits[rows.getInt(1)]++;
                        example = example == null ? e.getMessage() : example;
                    }
                }
            }
        }
        if (example != null) {
            problems.add(described() + ", stored another way, and " + misfits[0]
                    + (misfits[0] == 1 ? " stored record" : " stored records") + " and " + misfits[1]
                    + (misfits[1] == 1 ? " pending mutation" : " pending mutations") + " hold values it cannot take"
                    + " (such as " + example + "); only an Int becomes a Float, and an Int, Float or Boolean a String or an ID");
        }
    }

    /** Rebuilds the column with its new type and converts every value, stored and pending; after {@link #check}. */
    void apply(Connection connection, Map<String, List<String>> indexes) throws SQLException {
        UnaryOperator<Object> convert = conversion();
        String table = Tables.quote(schema.name());
        String column = Tables.quote(field.name());
        String before = Tables.quote(field.name() + " (before)"); // no GraphQL name has a space
        List<String> rebuilt = indexes.entrySet().stream().filter(index -> index.getValue().contains(field.name()))
                .map(Map.Entry::getKey).toList();
        try (Statement statement = connection.createStatement()) {
            for (String index : rebuilt) {
                statement.execute("DROP INDEX IF EXISTS " + Tables.quote(schema.name() + "." + index));
            }
            statement.execute("ALTER TABLE " + table + " RENAME COLUMN " + column + " TO " + before);
            statement.execute("ALTER TABLE " + table + " ADD COLUMN " + column + " " + Values.sqlType(field.type()));
            // each row is updated as the scan reaches it, which SQLite allows
            try (Statement scan = connection.createStatement();
                    ResultSet rows = scan.executeQuery(
                            "SELECT rowid, " + before + " FROM " + table + " WHERE " + before + " IS NOT NULL");
                    PreparedStatement update = connection.prepareStatement(
                            "UPDATE " + table + " SET " + column + " = ? WHERE rowid = ?")) {
                while (rows.next()) {
                    update.setObject(1, convert.apply(rows.getObject(2)));
                    update.setLong(2, rows.getLong(1));
                    update.executeUpdate();
                }
            }
            statement.execute("ALTER TABLE " + table + " DROP COLUMN " + before);
            for (String index : rebuilt) {
                statement.execute(Tables.createIndex(schema, index, indexes.get(index)));
            }
        }
        try (PreparedStatement select = pendingValues(connection, "SELECT seq, json_extract(data, ?)");
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE " + Outbox.TABLE + " SET data = json_set(data, ?, ?) WHERE seq = ?")) {
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    update.setString(1, path());
                    update.setObject(2, convert.apply(rows.getObject(2)));
                    update.setLong(3, rows.getLong(1));
                    update.executeUpdate();
                }
            }
        }
    }

    /**
     * {@code select}, ending in a {@code json_extract(data, ?)} of the field, over the pending
     * creates and updates giving it a value.
     */
    private PreparedStatement pendingValues(Connection connection, String select) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(select + PENDING);
        statement.setString(1, path());
        statement.setString(2, schema.name());
        statement.setString(3, path());
        return statement;
    }

    private String path() {
        return "$." + field.name();
    }
}
