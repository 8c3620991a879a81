package dev.datastore4j.codegen.validate;

import dev.datastore4j.codegen.diag.Diagnostics;
import dev.datastore4j.codegen.diag.Problems;
import dev.datastore4j.codegen.schema.EnumDef;
import dev.datastore4j.codegen.schema.TypeRef;
import graphql.language.Directive;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Checks that an {@code @default(value:)} literal fits its field's type. */
final class Defaults {
    private Defaults() {}

    /** The literal when it fits, null (after reporting) when it does not. */
    static String check(Directive directive, TypeRef type, String field, Map<String, EnumDef> enums,
            Diagnostics diagnostics) {
        String value = Ast.stringArgument(directive, "value").orElse(null);
        if (value == null) {
            return null;
        }
        String problem = problem(value, type, enums);
        if (problem != null) {
            diagnostics.add(Problems.invalidDefault(Ast.at(directive.getArgument("value").getValue()), field, problem));
            return null;
        }
        return value;
    }

    private static String problem(String value, TypeRef type, Map<String, EnumDef> enums) {
        if (type.list() || type.kind() == TypeRef.Kind.EMBEDDED || type.kind() == TypeRef.Kind.MODEL) {
            return "works only on scalar and enum fields";
        }
        if (type.kind() == TypeRef.Kind.ENUM) {
            EnumDef definition = enums.get(type.name());
            return definition == null || definition.values().contains(value) ? null
                    : "must be a value of " + type.name() + ": " + Problems.oneOf(definition.values());
        }
        try {
            switch (type.name()) {
                case "Int" -> Integer.parseInt(value);
                case "Float" -> {
                    if (!Double.isFinite(Double.parseDouble(value))) { // models refuse NaN and infinities
                        return "must be a finite number, not " + value;
                    }
                }
                case "AWSTimestamp" -> Long.parseLong(value);
                case "AWSDate" -> LocalDate.parse(value);
                case "AWSTime" -> LocalTime.parse(value);
                case "AWSDateTime" -> OffsetDateTime.parse(value);
                case "AWSURL" -> {
                    if (!new URI(value).isAbsolute()) {
                        return "must be an absolute URL";
                    }
                }
                case "Boolean" -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        return "must be true or false";
                    }
                }
                default -> { }
            }
        } catch (NumberFormatException | DateTimeParseException | URISyntaxException e) {
            return "is not a valid " + type.name() + ": \"" + value + "\"";
        }
        return null;
    }
}
