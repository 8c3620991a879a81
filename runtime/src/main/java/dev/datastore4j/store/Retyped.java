package dev.datastore4j.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelSchema;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Fields of a model whose types changed in ways their columns do not show (an enum that lost a
 * value, text that became a date, a non-model type's fields): their stored values must still read
 * as the new types before the database opens, or every query reaching one would fail. Layouts
 * record each field's {@link #signature} to notice such a change.
 */
record Retyped(ModelSchema<?> schema, List<ModelField<?, ?>> fields) {
    /**
     * What a stored value of {@code type} must fit, beyond its column's SQL type: the scalar, an
     * enum's values, a non-model type's fields (with their {@code !}), list brackets.
     */
    static String signature(FieldType<?> type) {
        return signature(type, new HashSet<>());
    }

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
     * Reads every stored value of the fields, and every value pending mutations give them, as their
     * new types, in one pass over the model's table and one over its pending mutations; adds to
     * {@code problems} each field some of whose values no longer read.
     */
    void readAgain(Connection connection, List<String> problems) throws SQLException {
        int[] records = new int[fields.size()];
        int[] pending = new int[fields.size()];
        String[] examples = new String[fields.size()];
        List<String> key = schema.primaryKey().stream().map(ModelField::name).toList();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + Tables.columns(key) + ", "
                + Tables.columns(fields.stream().map(ModelField::name).toList()) + " FROM " + Tables.quote(schema.name()));
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
}
