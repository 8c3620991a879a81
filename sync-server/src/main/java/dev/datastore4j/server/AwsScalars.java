package dev.datastore4j.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.datastore4j.codegen.schema.ScalarForms;
import graphql.Scalars;
import graphql.language.BooleanValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLScalarType;
import java.math.BigInteger;
import java.util.List;

/**
 * AppSync's built-in scalars, which the API schema uses without declaring, and a check added to
 * GraphQL's own {@code Float} ({@link #finiteFloat}). Values of AppSync's scalars are kept as
 * their JSON form (text for dates, times, e-mail and so on, a number for AWSTimestamp), as the
 * client sent them, once they have the form AppSync requires of them: a record holding a date a
 * typed client cannot read would break every client that syncs it.
 *
 * <p>AWSTimestamp must be an integer; AWSJSON sent as a JSON object or list in the variables is
 * kept as its text; the other scalars must have the text forms of the generator's {@link
 * ScalarForms}, which also checks {@code @default} values with them. Generated Java models refuse
 * the same AWSEmail, AWSJSON, AWSURL, AWSPhone and AWSIPAddress values (the runtime's {@code
 * ScalarRules}, which cannot share this code; {@code ScalarsTest} checks that both agree), so what
 * an app saves offline is what this server takes.
 */
final class AwsScalars {
    static final List<String> NAMES = List.of("AWSDate", "AWSTime", "AWSDateTime", "AWSTimestamp", "AWSEmail",
            "AWSJSON", "AWSURL", "AWSPhone", "AWSIPAddress");

    private AwsScalars() {}

    static String declarations() {
        StringBuilder sdl = new StringBuilder();
        NAMES.forEach(name -> sdl.append("scalar ").append(name).append('\n'));
        sdl.append("directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION\n");
        return sdl.toString();
    }

    static GraphQLScalarType scalar(String name) {
        return GraphQLScalarType.newScalar().name(name).description("AppSync scalar " + name)
                .coercing(new Checked(name)).build();
    }

    /**
     * GraphQL's {@code Float}, refusing a literal beyond a double's range: graphql-java reads
     * {@code 1e400} in a document as infinity, which it then cannot write back, so the record
     * holding it would fail every later read and sync. (JSON variables are refused already.)
     */
    static GraphQLScalarType finiteFloat() {
        Coercing<?, ?> standard = Scalars.GraphQLFloat.getCoercing();
        return GraphQLScalarType.newScalar(Scalars.GraphQLFloat).coercing(new FiniteFloat(standard)).build();
    }

    @SuppressWarnings("deprecation") // graphql-java keeps the simple Coercing methods for compatibility
    private record FiniteFloat(Coercing<?, ?> standard) implements Coercing<Object, Object> {
        @Override
        public Object serialize(Object value) {
            return standard.serialize(value);
        }

        @Override
        public Object parseValue(Object input) {
            return standard.parseValue(input);
        }

        @Override
        public Object parseLiteral(Object input) {
            Object value = standard.parseLiteral(input);
            if (value instanceof Double number && !Double.isFinite(number)) {
                throw new CoercingParseLiteralException("not a valid Float (a finite number): " + number);
            }
            return value;
        }
    }

    /**
     * {@code value} (as read from JSON variables or a literal) as it is kept, or null when it is
     * not a valid value of {@code scalar}.
     */
    private static Object accepted(String scalar, Object value) {
        if (value == null) { // a literal of another kind (an object, a list, an enum value)
            return null;
        }
        if (scalar.equals("AWSTimestamp")) {
            return isInteger(value) ? value : null;
        }
        if (scalar.equals("AWSJSON") && !(value instanceof String)) {
            try {
                return ProtocolJson.JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                return null;
            }
        }
        if (!(value instanceof String text)) {
            return null;
        }
        return ScalarForms.isValid(scalar, text) ? text : null;
    }

    private static boolean isInteger(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger big && big.bitLength() < 64;
    }

    @SuppressWarnings("deprecation") // graphql-java keeps the simple Coercing methods for compatibility
    private record Checked(String name) implements Coercing<Object, Object> {
        @Override
        public Object serialize(Object value) {
            return value; // as stored
        }

        @Override
        public Object parseValue(Object input) {
            Object value = accepted(name, input);
            if (value == null) {
                throw new CoercingParseValueException(problem(input));
            }
            return value;
        }

        @Override
        public Object parseLiteral(Object input) {
            Value<?> literal = (Value<?>) input;
            Object plain = null;
            if (literal instanceof StringValue s) {
                plain = s.getValue();
            } else if (literal instanceof IntValue i) {
                plain = i.getValue();
            } else if (literal instanceof FloatValue f) {
                plain = f.getValue().doubleValue();
            } else if (literal instanceof BooleanValue b) {
                plain = b.isValue();
            }
            Object value = accepted(name, plain);
            if (value == null) {
                throw new CoercingParseLiteralException(problem(plain == null ? literal : plain));
            }
            return value instanceof BigInteger big ? big.longValue() : value;
        }

        private String problem(Object value) {
            String shown = value instanceof String text ? '"' + text + '"' : String.valueOf(value);
            if (shown.length() > 100) {
                shown = shown.substring(0, 100) + "...";
            }
            return "not a valid " + name + ": " + shown;
        }
    }
}
