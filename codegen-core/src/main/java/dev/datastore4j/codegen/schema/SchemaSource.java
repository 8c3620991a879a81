package dev.datastore4j.codegen.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The text of one schema file and the name diagnostics use for it, as an editor shows it, so that
 * diagnostics give the lines and columns it shows: without a byte order mark at its start (which
 * GraphQL ignores, and graphql-java counted as a column of the first line), and with a line ended
 * by a carriage return alone (classic Mac line ends) ended by a line feed instead (GraphQL ends a
 * line at either, and so does {@link #lines()}, but graphql-java counts lines by line feeds, and
 * placed everything of such a file on its first line).
 */
public record SchemaSource(String name, String text) {
    private static final Pattern LONE_CARRIAGE_RETURN = Pattern.compile("\r(?!\n)");

    public SchemaSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.indexOf('\r') >= 0) {
            text = LONE_CARRIAGE_RETURN.matcher(text).replaceAll("\n");
        }
    }

    public List<String> lines() {
        return text.lines().toList();
    }

    /**
     * Reads schema files; a folder contributes its {@code .graphql} and {@code .graphqls} files,
     * recursively, in path order so that the result does not depend on the file system. A file
     * named twice, directly or through a folder, is read once.
     */
    public static List<SchemaSource> read(List<Path> paths) {
        Set<Path> files = new LinkedHashSet<>();
        for (Path path : paths) {
            files.addAll(Files.isDirectory(path) ? schemaFilesIn(path) : List.of(path.normalize()));
        }
        return files.stream().map(SchemaSource::readFile).toList();
    }

    /** The schema files below {@code folder}, sorted. */
    public static List<Path> schemaFilesIn(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".graphql") || p.toString().endsWith(".graphqls"))
                    .map(Path::normalize)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list schema folder " + folder, e);
        }
    }

    private static SchemaSource readFile(Path file) {
        try {
            return new SchemaSource(file.toString(), utf8(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema file " + file, e);
        }
    }

    /** {@code bytes} as UTF-8 text; otherwise says where the first byte that is not is. */
    private static String utf8(byte[] bytes) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int bad = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n' || bytes[i] == '\r' && (i + 1 == bytes.length || bytes[i + 1] != '\n')) {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = new String(bytes, lineStart, bad - lineStart, StandardCharsets.UTF_8).length() + 1;
            throw new IOException(String.format("not UTF-8 text: byte 0x%02X at line %d, column %d; save the file as UTF-8",
                    bytes[bad] & 0xFF, line, column));
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
