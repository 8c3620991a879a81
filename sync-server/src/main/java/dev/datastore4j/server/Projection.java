package dev.datastore4j.server;

import graphql.GraphQLContext;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The events of a subscription whose selection is flat — scalar and enum fields, aliases,
 * {@code __typename}, as DataStore clients select — shaped straight from each record instead of
 * executing the document once per event and subscriber. The answer is the one graphql-java
 * gives: scalars serialized by the schema's own coercing, and a null in a non-null field (or a
 * value that cannot be serialized) making the whole record null.
 */
final class Projection {
    private static final Object BUBBLE = new Object(); // a null that a non-null type passes up to the record

    private record Selected(String key, String field, GraphQLOutputType type) {}

    private final String responseKey;
    private final String typeName;
    private final List<Selected> fields;

    private Projection(String responseKey, String typeName, List<Selected> fields) {
        this.responseKey = responseKey;
        this.typeName = typeName;
        this.fields = fields;
    }

    /** The projection for {@code document}'s subscription, if its selection is flat; empty otherwise. */
    static Optional<Projection> of(GraphQLSchema schema, Document document) {
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        if (document.getDefinitions().size() != 1 || operations.size() != 1) {
            return Optional.empty();
        }
        OperationDefinition operation = operations.get(0);
        if (operation.getOperation() != OperationDefinition.Operation.SUBSCRIPTION || !operation.getDirectives().isEmpty()
                || operation.getSelectionSet().getSelections().size() != 1
                || !(operation.getSelectionSet().getSelections().get(0) instanceof Field root) || !root.getDirectives().isEmpty()
                || root.getSelectionSet() == null) {
            return Optional.empty();
        }
        GraphQLFieldDefinition definition = schema.getSubscriptionType().getFieldDefinition(root.getName());
        if (definition == null || !(GraphQLTypeUtil.unwrapAll(definition.getType()) instanceof GraphQLObjectType type)) {
            return Optional.empty();
        }
        List<Selected> fields = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Selection<?> selection : root.getSelectionSet().getSelections()) {
            if (!(selection instanceof Field field) || !field.getDirectives().isEmpty() || !field.getArguments().isEmpty()
                    || field.getSelectionSet() != null || !keys.add(field.getResultKey())) {
                return Optional.empty();
            }
            if (field.getName().equals("__typename")) {
                fields.add(new Selected(field.getResultKey(), field.getName(), null));
                continue;
            }
            GraphQLFieldDefinition selected = type.getFieldDefinition(field.getName());
            if (selected == null || !(GraphQLTypeUtil.unwrapAll(selected.getType()) instanceof GraphQLScalarType
                    || GraphQLTypeUtil.unwrapAll(selected.getType()) instanceof GraphQLEnumType)) {
                return Optional.empty();
            }
            fields.add(new Selected(field.getResultKey(), field.getName(), selected.getType()));
        }
        return Optional.of(new Projection(root.getResultKey(), type.getName(), List.copyOf(fields)));
    }

    /** The event's {@code data}: {@code {<subscription field>: record shaped by the selection}}. */
    Map<String, Object> apply(Map<String, Object> record) {
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, Object> object = new LinkedHashMap<>();
        for (Selected selected : fields) {
            Object value = selected.type() == null ? typeName : value(record.get(selected.field()), selected.type());
            if (value == BUBBLE) {
                data.put(responseKey, null);
                return data;
            }
            object.put(selected.key(), value);
        }
        data.put(responseKey, object);
        return data;
    }

    private static Object value(Object value, GraphQLType type) {
        if (type instanceof GraphQLNonNull nonNull) {
            Object inner = value(value, nonNull.getWrappedType());
            return inner == null || inner == BUBBLE ? BUBBLE : inner;
        }
        if (value == null) {
            return null;
        }
        if (type instanceof GraphQLList list) {
            if (!(value instanceof List<?> items)) {
                return null;
            }
            List<Object> out = new ArrayList<>(items.size());
            for (Object item : items) {
                Object element = value(item, list.getWrappedType());
                if (element == BUBBLE) {
                    return null;
                }
                out.add(element);
            }
            return out;
        }
        try {
            if (type instanceof GraphQLScalarType scalar) {
                return scalar.getCoercing().serialize(value, GraphQLContext.getDefault(), Locale.getDefault());
            }
            return ((GraphQLEnumType) type).serialize(value, GraphQLContext.getDefault(), Locale.getDefault());
        } catch (CoercingSerializeException e) {
            return null; // graphql-java reports the field as an error and leaves it null
        }
    }
}
