package dev.datastore4j.model;

import dev.datastore4j.query.Comparison;
import dev.datastore4j.query.Operator;
import dev.datastore4j.query.QueryPredicate;
import dev.datastore4j.query.SortBy;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * A field of a model or embedded type: its name, type and accessor, and the starting point of
 * typed predicates. Generated types expose one constant per field ({@code Post.TITLE}); the
 * subclass chosen for a field decides which operators compile against it.
 *
 * @param <O> the type that owns the field
 * @param <T> the Java type of the field's value
 */
public sealed class ModelField<O, T> permits EqualityField, ListField {
    private final String name;
    private final FieldType<T> type;
    private final Function<O, T> getter;
    private final Set<FieldFlag> flags;

    ModelField(String name, FieldType<T> type, Function<O, T> getter, FieldFlag... flags) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.getter = Objects.requireNonNull(getter, "getter");
        this.flags = flags.length == 0 ? Set.of() : Set.copyOf(EnumSet.of(flags[0], flags));
    }

    /** A field that supports only presence checks (embedded objects). */
    public static <O, T> ModelField<O, T> of(
            String name, FieldType<T> type, Function<O, T> getter, FieldFlag... flags) {
        return new ModelField<>(name, type, getter, flags);
    }

    /** A field with {@code eq} and {@code ne} (booleans, enums). */
    public static <O, T> EqualityField<O, T> ofEquality(
            String name, FieldType<T> type, Function<O, T> getter, FieldFlag... flags) {
        return new EqualityField<>(name, type, getter, flags);
    }

    /** A field with ordering operators (numbers, temporal values). */
    public static <O, T extends Comparable<? super T>> ComparableField<O, T> ofComparable(
            String name, FieldType<T> type, Function<O, T> getter, FieldFlag... flags) {
        return new ComparableField<>(name, type, getter, flags);
    }

    /** A string field, with {@code beginsWith} and {@code contains} besides the ordering operators. */
    public static <O> StringField<O> ofString(
            String name, FieldType<String> type, Function<O, String> getter, FieldFlag... flags) {
        return new StringField<>(name, type, getter, flags);
    }

    /** A list field, with element {@code contains}. */
    public static <O, E> ListField<O, E> ofList(
            String name, FieldType.ListType<E> type, Function<O, List<E>> getter, FieldFlag... flags) {
        return new ListField<>(name, type, getter, flags);
    }

    /** The field's name in the schema, which is also its column and JSON property name. */
    public String name() {
        return name;
    }

    public FieldType<T> type() {
        return type;
    }

    public boolean isRequired() {
        return flags.contains(FieldFlag.REQUIRED);
    }

    public boolean isReadOnly() {
        return flags.contains(FieldFlag.READ_ONLY);
    }

    /** The field's value in {@code owner}, read through the generated accessor. */
    public T get(O owner) {
        return getter.apply(owner);
    }

    public QueryPredicate<O> isNull() {
        return new Comparison<>(this, Operator.ATTRIBUTE_EXISTS, false);
    }

    public QueryPredicate<O> isNotNull() {
        return new Comparison<>(this, Operator.ATTRIBUTE_EXISTS, true);
    }

    public SortBy<O> ascending() {
        return new SortBy<>(this, SortBy.Direction.ASCENDING);
    }

    public SortBy<O> descending() {
        return new SortBy<>(this, SortBy.Direction.DESCENDING);
    }

    final Comparison<O> compare(Operator operator, Object operand) {
        if (operand == null) {
            throw new NullPointerException(
                    "operand of " + operator.graphQlName() + " on " + name + " is null; use isNull()");
        }
        return new Comparison<>(this, operator, operand);
    }

    @Override
    public String toString() {
        return name;
    }
}
