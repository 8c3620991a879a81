package dev.datastore4j.codegen.api;

import dev.datastore4j.codegen.schema.TypeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The filter, condition, subscription-filter and key-condition inputs AppSync declares for the
 * basic scalars, and which of them each schema type is filtered with.
 */
final class ScalarInputs {
    private static final List<String> BASIC = List.of("String", "Int", "Float", "Boolean", "ID");
    private static final Set<String> STRING_LIKE = Set.of("String", "ID");
    private static final Map<String, String> FILTER_SCALAR = Map.ofEntries(
            Map.entry("ID", "ID"), Map.entry("Int", "Int"), Map.entry("AWSTimestamp", "Int"),
            Map.entry("Float", "Float"), Map.entry("Boolean", "Boolean"));

    private ScalarInputs() {}

    /** The basic scalar a schema scalar is filtered as: AWSTimestamp as Int, AWSDateTime as String, … */
    static String filterScalar(String scalar) {
        return FILTER_SCALAR.getOrDefault(scalar, "String");
    }

    /** {@code ModelStringInput}, {@code ModelPostStatusInput}, {@code ModelPostStatusListInput}. */
    static String filterInput(TypeRef type) {
        if (type.kind() == TypeRef.Kind.ENUM) {
            return "Model" + type.name() + (type.list() ? "List" : "") + "Input";
        }
        return "Model" + filterScalar(type.name()) + "Input";
    }

    static String subscriptionInput(TypeRef type) {
        String scalar = type.kind() == TypeRef.Kind.ENUM ? "String" : filterScalar(type.name());
        return "ModelSubscription" + scalar + "Input";
    }

    static String keyConditionInput(TypeRef type) {
        String scalar = type.kind() == TypeRef.Kind.ENUM ? "String" : filterScalar(type.name());
        return "Model" + scalar + "KeyConditionInput";
    }

    static void declareCommon(Sdl sdl) {
        for (String scalar : BASIC) {
            List<String> lines = comparisons(scalar, STRING_LIKE.contains(scalar) || !scalar.equals("Boolean"));
            if (STRING_LIKE.contains(scalar)) {
                lines.addAll(List.of("contains: " + scalar, "notContains: " + scalar));
            }
            if (!scalar.equals("Boolean")) {
                lines.add("between: [" + scalar + "]");
            }
            if (STRING_LIKE.contains(scalar)) {
                lines.add("beginsWith: " + scalar);
            }
            lines.addAll(List.of("attributeExists: Boolean", "attributeType: ModelAttributeTypes"));
            if (STRING_LIKE.contains(scalar)) {
                lines.add("size: ModelSizeInput");
            }
            sdl.block("input Model" + scalar + "Input", lines);
        }
        for (String scalar : BASIC) {
            List<String> lines = comparisons(scalar, !scalar.equals("Boolean"));
            if (STRING_LIKE.contains(scalar)) {
                lines.addAll(List.of("contains: " + scalar, "notContains: " + scalar));
            }
            if (!scalar.equals("Boolean")) {
                lines.add("between: [" + scalar + "]");
                if (STRING_LIKE.contains(scalar)) {
                    lines.add("beginsWith: " + scalar);
                }
                lines.addAll(List.of("in: [" + scalar + "]", "notIn: [" + scalar + "]"));
            }
            sdl.block("input ModelSubscription" + scalar + "Input", lines);
        }
        sdl.block("enum ModelAttributeTypes", List.of("binary", "binarySet", "bool", "list", "map", "number",
                "numberSet", "string", "stringSet", "_null"));
        List<String> size = comparisons("Int", true);
        size.add("between: [Int]");
        sdl.block("input ModelSizeInput", size);
        sdl.block("enum ModelSortDirection", List.of("ASC", "DESC"));
    }

    /** {@code ModelStringKeyConditionInput} and its kin, for sort keys of these basic scalars. */
    static void declareKeyConditions(Sdl sdl, Set<String> scalars) {
        for (String scalar : BASIC) {
            if (scalars.contains(scalar)) {
                List<String> lines = new ArrayList<>();
                for (String op : List.of("eq", "le", "lt", "ge", "gt")) {
                    lines.add(op + ": " + scalar);
                }
                lines.add("between: [" + scalar + "]");
                if (STRING_LIKE.contains(scalar)) {
                    lines.add("beginsWith: " + scalar);
                }
                sdl.block("input Model" + scalar + "KeyConditionInput", lines);
            }
        }
    }

    private static List<String> comparisons(String scalar, boolean ordered) {
        List<String> lines = new ArrayList<>(List.of("ne: " + scalar, "eq: " + scalar));
        if (ordered) {
            for (String op : List.of("le", "lt", "ge", "gt")) {
                lines.add(op + ": " + scalar);
            }
        }
        return lines;
    }
}
