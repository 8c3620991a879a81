package dev.datastore4j.codegen.validate;

import dev.datastore4j.codegen.diag.Diagnostics;
import dev.datastore4j.codegen.diag.Problems;
import dev.datastore4j.codegen.schema.EnumDef;
import dev.datastore4j.codegen.schema.ScalarForms;
import dev.datastore4j.codegen.schema.TypeRef;
import graphql.language.Directive;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Checks that an {@code @default(value:)} literal fits its field's type. */
final class Defaults {
    /** The first and last second of the years 0000-9999, the AWSTimestamp values models take. */
    private static final long FIRST_SECOND = LocalDate.of(0, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    private static final long LAST_SECOND = LocalDate.of(10_000, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() - 1;

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
        if (ScalarForms.isText(type.name()) && !ScalarForms.isValid(type.name(), value)) {
            return "is not a valid " + type.name() + ": \"" + value + "\"";
        }
        try {
            switch (type.name()) {
                case "Int" -> Integer.parseInt(value);
                case "Float" -> {
                    if (!Double.isFinite(Double.parseDouble(value))) { // models refuse NaN and infinities
                        return "must be a finite number, not " + value;
                    }
                }
                case "AWSTimestamp" -> {
                    long seconds = Long.parseLong(value);
                    if (seconds < FIRST_SECOND || seconds > LAST_SECOND) { // models refuse these, as dates
                        return "must be within the years 0000-9999 (seconds " + FIRST_SECOND + " to " + LAST_SECOND + ")";
                    }
                }
                case "AWSDate" -> LocalDate.parse(value);
                case "AWSTime" -> LocalTime.parse(value);
                case "AWSDateTime" -> OffsetDateTime.parse(value);
                case "Boolean" -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        return "must be true or false";
                    }
                }
                default -> { }
            }
        } catch (NumberFormatException e) {
            return "is not a valid " + type.name() + ": \"" + value + "\"";
        } catch (DateTimeParseException e) { // AppSync's form, but with an offset
            return "must have no offset, since the model holds it as a "
                    + (type.name().equals("AWSDate") ? "LocalDate" : "LocalTime") + ": \"" + value + "\"";
        }
        return null;
    }
}
