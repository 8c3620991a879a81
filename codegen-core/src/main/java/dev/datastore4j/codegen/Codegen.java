package dev.datastore4j.codegen;

import com.palantir.javapoet.JavaFile;
import dev.datastore4j.codegen.api.ApiSchemaGenerator;
import dev.datastore4j.codegen.java.JavaGenerator;
import dev.datastore4j.codegen.schema.Schema;
import dev.datastore4j.codegen.schema.SchemaSource;
import dev.datastore4j.codegen.validate.CompileResult;
import dev.datastore4j.codegen.validate.SchemaCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The generator's public face: check a schema, derive outputs, and write them through a sink. */
public final class Codegen {
    private Codegen() {}

    /** Reads and checks schema files or folders; every problem is in the result's diagnostics. */
    public static CompileResult compile(List<Path> schemaPaths) {
        return SchemaCompiler.compile(SchemaSource.read(schemaPaths));
    }

    /**
     * What is wrong with {@code packageName} as the package of generated types, if anything (the
     * generating methods throw {@link IllegalArgumentException} with it): none at all, a name that
     * is not a Java package's, or one in {@code java.*}, which the JVM loads no classes into but
     * the JDK's.
     */
    public static Optional<String> packageProblem(String packageName) {
        return JavaGenerator.packageProblem(packageName);
    }

    /**
     * The Java sources for {@code schema} in {@code packageName}, in a stable order. Rendering the
     * files is most of a large schema's generation time, so it uses every core.
     */
    public static List<GeneratedFile> javaSources(Schema schema, String packageName) {
        return new JavaGenerator(packageName).files(schema).parallelStream()
                .map(file -> toFile(file.get()))
                .toList();
    }

    /** The AppSync API schema (SDL) that clients and the sync server use for {@code schema}. */
    public static String apiSchema(Schema schema) {
        return new ApiSchemaGenerator(schema).generate();
    }

    /**
     * Renders the Java sources for {@code schema} and hands each to {@code sink} as soon as it is
     * rendered, on every core, so that writing files overlaps rendering the next ones. The sink
     * must accept calls from several threads. Returns the paths of all files, sorted.
     *
     * <p>After a failure no more files are started, and the failure is thrown once the writes
     * already under way have ended (each whole or not at all): a parallel stream would throw at
     * once and leave them running, to be cut short by a CLI exiting on the error, leaving their
     * partial files behind, or to go on writing after a build was told generation had failed.
     */
    public static List<String> writeJavaSources(Schema schema, String packageName, OutputSink sink)
            throws IOException {
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<String> written = new JavaGenerator(packageName).files(schema).parallelStream()
                .map(spec -> {
                    if (failure.get() != null) {
                        return null;
                    }
                    try {
                        GeneratedFile file = toFile(spec.get());
                        sink.write(file);
                        return file.path();
                    } catch (IOException | RuntimeException e) {
                        if (!failure.compareAndSet(null, e)) {
                            failure.get().addSuppressed(e);
                        }
                        return null;
                    }
                })
                .filter(Objects::nonNull)
                .sorted()
                .toList();
        Exception failed = failure.get();
        if (failed instanceof IOException io) {
            throw io;
        }
        if (failed != null) {
            throw (RuntimeException) failed;
        }
        return written;
    }

    /**
     * Deletes the Java sources in {@code packageName}'s folder below {@code root} that this
     * generator wrote before (they carry its {@code @Generated} mark) and that are not among
     * {@code written} (the paths {@link #writeJavaSources} returned): the types of models a schema
     * no longer has. Other files there are never touched. Returns the deleted files.
     */
    public static List<Path> removeStaleSources(Path root, String packageName, List<String> written) throws IOException {
        Path folder = root.resolve(packageName.replace('.', '/'));
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        Set<Path> current = written.stream().map(root::resolve).map(Path::normalize).collect(Collectors.toSet());
        String mark = "@Generated(\"" + JavaGenerator.GENERATOR + "\")";
        List<Path> removed = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && Files.isRegularFile(f)).sorted().toList()) {
                if (!current.contains(file.normalize()) && Files.readString(file).contains(mark)) {
                    Files.delete(file);
                    removed.add(file);
                }
            }
        }
        return removed;
    }

    private static GeneratedFile toFile(JavaFile file) {
        String path = (file.packageName().isEmpty() ? "" : file.packageName().replace('.', '/') + "/")
                + file.typeSpec().name() + ".java";
        return new GeneratedFile(path, file.toString());
    }
}
