package dev.datastore4j.codegen.schema;

/**
 * The type of a field as written in the schema: a named type, whether it is a list, and the two
 * places a {@code !} can stand.
 */
public record TypeRef(String name, Kind kind, boolean list, boolean required, boolean elementRequired) {

    /** What the named type is. */
    public enum Kind {
        SCALAR,
        ENUM,
        EMBEDDED,
        MODEL
    }

    public static TypeRef scalar(String name, boolean required) {
        return new TypeRef(name, Kind.SCALAR, false, required, false);
    }

    public TypeRef withRequired(boolean newRequired) {
        return new TypeRef(name, kind, list, newRequired, elementRequired);
    }

    /** The type in GraphQL notation, e.g. {@code [String!]!}. */
    public String sdl() {
        String element = list ? "[" + name + (elementRequired ? "!" : "") + "]" : name;
        return required ? element + "!" : element;
    }

    @Override
    public String toString() {
        return sdl();
    }
}
