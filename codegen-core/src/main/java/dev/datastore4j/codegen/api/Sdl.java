package dev.datastore4j.codegen.api;

import java.util.List;

/** A tiny writer for SDL definitions: one block per type, fields one per line. */
final class Sdl {
    private final StringBuilder out = new StringBuilder();

    Sdl block(String header, List<String> lines) {
        if (lines.isEmpty()) {
            return this;
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

    @Override
    public String toString() {
        return out.toString();
    }
}
