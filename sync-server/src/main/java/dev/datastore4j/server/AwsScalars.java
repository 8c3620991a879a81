package dev.datastore4j.server;

import graphql.language.BooleanValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.GraphQLScalarType;
import java.util.List;

/**
 * AppSync's built-in scalars, which the API schema uses without declaring. Values pass through
 * as their JSON form (text for dates, times, e-mail and so on, a number for AWSTimestamp); the
 * records hold them as the client sent them.
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
                .coercing(new PassThrough(name)).build();
    }

    @SuppressWarnings("deprecation") // graphql-java keeps the simple Coercing methods for compatibility
    private record PassThrough(String name) implements Coercing<Object, Object> {
        @Override
        public Object serialize(Object value) {
            return value;
        }

        @Override
        public Object parseValue(Object input) {
            return input;
        }

        @Override
        public Object parseLiteral(Object input) {
            Value<?> value = (Value<?>) input;
            if (value instanceof StringValue s) {
                return s.getValue();
            }
            if (value instanceof IntValue i) {
                return i.getValue().longValue();
            }
            if (value instanceof FloatValue f) {
                return f.getValue().doubleValue();
            }
            if (value instanceof BooleanValue b) {
                return b.isValue();
            }
            throw new CoercingParseLiteralException("not a valid " + name + " literal: " + value);
        }
    }
}
