package dev.datastore4j.model;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The type of a field's value: a scalar, an enum, an embedded (non-model) object, or a list of
 * one of those. {@code T} is the Java type a model exposes for the field.
 */
public sealed interface FieldType<T>
        permits FieldType.ScalarType, FieldType.EnumType, FieldType.EmbeddedType, FieldType.ListType {

    ScalarType<String> ID = new ScalarType<>(Scalar.ID);
    ScalarType<String> STRING = new ScalarType<>(Scalar.STRING);
    ScalarType<Integer> INT = new ScalarType<>(Scalar.INT);
    ScalarType<Double> FLOAT = new ScalarType<>(Scalar.FLOAT);
    ScalarType<Boolean> BOOLEAN = new ScalarType<>(Scalar.BOOLEAN);
    ScalarType<LocalDate> AWS_DATE = new ScalarType<>(Scalar.AWS_DATE);
    ScalarType<LocalTime> AWS_TIME = new ScalarType<>(Scalar.AWS_TIME);
    ScalarType<OffsetDateTime> AWS_DATE_TIME = new ScalarType<>(Scalar.AWS_DATE_TIME);
    ScalarType<Instant> AWS_TIMESTAMP = new ScalarType<>(Scalar.AWS_TIMESTAMP);
    ScalarType<String> AWS_EMAIL = new ScalarType<>(Scalar.AWS_EMAIL);
    ScalarType<String> AWS_JSON = new ScalarType<>(Scalar.AWS_JSON);
    ScalarType<URI> AWS_URL = new ScalarType<>(Scalar.AWS_URL);
    ScalarType<String> AWS_PHONE = new ScalarType<>(Scalar.AWS_PHONE);
    ScalarType<String> AWS_IP_ADDRESS = new ScalarType<>(Scalar.AWS_IP_ADDRESS);

    /** The GraphQL name of the type, without list brackets or {@code !}. */
    String graphQlName();

    static <E extends Enum<E>> EnumType<E> ofEnum(String graphQlName, Class<E> javaType, E[] values) {
        return new EnumType<>(graphQlName, javaType, List.of(values));
    }

    static <E> EmbeddedType<E> embedded(EmbeddedSchema<E> schema) {
        return new EmbeddedType<>(schema);
    }

    static <E> ListType<E> listOf(FieldType<E> element, boolean elementRequired) {
        return new ListType<>(element, elementRequired);
    }

    /** One of the built-in scalars. */
    record ScalarType<T>(Scalar scalar) implements FieldType<T> {
        @Override
        public String graphQlName() {
            return scalar.graphQlName();
        }
    }

    /** A schema enum; {@code values} lets the runtime map names to constants without reflection. */
    record EnumType<E extends Enum<E>>(String graphQlName, Class<E> javaType, List<E> values)
            implements FieldType<E> {
        public EnumType {
            values = List.copyOf(values);
        }

        /** The constant named {@code name}, or an exception naming the enum and the bad value. */
        public E valueOf(String name) {
            for (E value : values) {
                if (value.name().equals(name)) {
                    return value;
                }
            }
            throw new IllegalArgumentException("not a value of enum " + graphQlName + ": " + name);
        }
    }

    /** A non-model object type, stored inside its owner as JSON. */
    record EmbeddedType<E>(EmbeddedSchema<E> schema) implements FieldType<E> {
        @Override
        public String graphQlName() {
            return schema.name();
        }
    }

    /** A list; {@code elementRequired} is the {@code !} inside the brackets. */
    record ListType<E>(FieldType<E> element, boolean elementRequired) implements FieldType<List<E>> {
        @Override
        public String graphQlName() {
            return element.graphQlName();
        }
    }
}
