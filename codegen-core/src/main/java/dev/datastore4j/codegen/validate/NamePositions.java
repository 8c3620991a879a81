package dev.datastore4j.codegen.validate;

import dev.datastore4j.codegen.diag.Position;
import graphql.language.AbstractDescribedNode;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.NamedNode;
import graphql.language.ObjectTypeDefinition;
import graphql.language.SourceLocation;
import graphql.language.TypeDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * graphql-java places a type definition at its first token: its description when it has one,
 * otherwise the {@code type}/{@code enum}/... keyword; and a field or enum value at its description
 * when it has one. A diagnostic about either should underline its name, so this reads each
 * definition's first tokens in the source text (skipping the description, comments and the
 * keyword) to find where the name is.
 */
final class NamePositions implements UnaryOperator<Position> {
    private record Start(String source, int line, int column) {}

    private final Map<Start, Position> names = new HashMap<>();

    NamePositions(List<Document> documents, Map<String, List<String>> lines) {
        for (Document document : documents) {
            for (TypeDefinition<?> type : document.getDefinitionsOfType(TypeDefinition.class)) {
                locate(type.getSourceLocation(), type.getName(), true, lines);
                // a field or enum value starts at its description, when it has one
                List<? extends AbstractDescribedNode<?>> members = type instanceof ObjectTypeDefinition object
                        ? object.getFieldDefinitions()
                        : type instanceof EnumTypeDefinition enumType ? enumType.getEnumValueDefinitions() : List.of();
                for (AbstractDescribedNode<?> member : members) {
                    if (member.getDescription() != null && member instanceof NamedNode<?> named) {
                        locate(member.getSourceLocation(), named.getName(), false, lines);
                    }
                }
            }
        }
    }

    private void locate(SourceLocation at, String name, boolean keyword, Map<String, List<String>> lines) {
        List<String> text = at == null ? null : lines.get(at.getSourceName());
        if (text != null) {
            Position found = new Scanner(text, at.getLine() - 1, at.getColumn() - 1).name(at.getSourceName(), keyword, name);
            if (found != null) {
                names.put(new Start(at.getSourceName(), at.getLine(), at.getColumn()), found);
            }
        }
    }

    /**
     * The name for a position at the start of a type definition, or of a field or enum value with a
     * description; any other position as it is.
     */
    @Override
    public Position apply(Position position) {
        Position name = names.get(new Start(position.source(), position.line(), position.column()));
        return name == null ? position : name;
    }

    /** Reads tokens forward from a point in the source lines. */
    private static final class Scanner {
        private final List<String> lines;
        private int line;
        private int column;

        Scanner(List<String> lines, int line, int column) {
            this.lines = lines;
            this.line = line;
            this.column = column;
        }

        /** The name {@code expected} after a description and comments, and after a keyword if {@code keyword}. */
        Position name(String source, boolean keyword, String expected) {
            skipIgnored();
            if (startsWith("\"\"\"")) {
                column += 3;
                if (!skipPast("\"\"\"")) {
                    return null;
                }
            } else if (startsWith("\"")) {
                column += 1;
                if (!skipString()) {
                    return null;
                }
            }
            skipIgnored();
            if (keyword) {
                readName();
                skipIgnored();
            }
            int nameLine = line;
            int nameColumn = column;
            return expected.equals(readName()) ? new Position(source, nameLine + 1, nameColumn + 1, expected.length()) : null;
        }

        private boolean startsWith(String text) {
            return line < lines.size() && lines.get(line).startsWith(text, column);
        }

        /** Whitespace, commas and comments. */
        private void skipIgnored() {
            while (line < lines.size()) {
                String current = lines.get(line);
                if (column >= current.length() || current.charAt(column) == '#') {
                    line++;
                    column = 0;
                } else if (Character.isWhitespace(current.charAt(column)) || current.charAt(column) == ',') {
                    column++;
                } else {
                    return;
                }
            }
        }

        private boolean skipPast(String end) {
            while (line < lines.size()) {
                int found = lines.get(line).indexOf(end, column);
                if (found >= 0) {
                    column = found + end.length();
                    return true;
                }
                line++;
                column = 0;
            }
            return false;
        }

        /** The rest of a one-line string, escapes included. */
        private boolean skipString() {
            String current = lines.get(line);
            while (column < current.length()) {
                char c = current.charAt(column++);
                if (c == '\\') {
                    column++;
                } else if (c == '"') {
                    return true;
                }
            }
            return false;
        }

        private String readName() {
            if (line >= lines.size()) {
                return "";
            }
            String current = lines.get(line);
            int start = column;
            while (column < current.length()
                    && (Character.isLetterOrDigit(current.charAt(column)) || current.charAt(column) == '_')) {
                column++;
            }
            return current.substring(start, column);
        }
    }
}
