package dev.datastore4j.codegen.api;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A tiny writer for SDL definitions: one block per type, fields one per line. */
final class Sdl {
    private final StringBuilder out = new StringBuilder();
    private final Set<String> names = new HashSet<>();
    private final Set<String> repeated = new LinkedHashSet<>();

    Sdl block(String header, List<String> lines) {
        if (lines.isEmpty()) {
            return this;
        }
        String name = header.substring(header.lastIndexOf(' ') + 1);
        if (!names.add(name)) {
            repeated.add(name);
        }
        if (out.length() > 0) {
            out.append('\n');
        }
        out.append(header).append(" {\n");
        for (String line : lines) {
            out.append("  ").append(line).append('\n');
        }
        out.append("}\n");
        return this;
    }

    /** Type names declared more than once, which no GraphQL schema may have. */
    Set<String> repeatedNames() {
        return repeated;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
