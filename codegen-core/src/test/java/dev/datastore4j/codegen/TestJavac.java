package dev.datastore4j.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles generated sources with -Xlint:all -Werror against the test class path (which holds the runtime). */
final class TestJavac {
    private TestJavac() {}

    /** Compiles files on disk; returns javac's diagnostics, empty when the compilation was clean. */
    static List<String> compileFiles(List<Path> sources) {
        return compile(files -> files.getJavaFileObjectsFromPaths(sources));
    }

    /** Compiles generated files held in memory. */
    static List<String> compileGenerated(List<GeneratedFile> sources) {
        List<JavaFileObject> objects = new ArrayList<>();
        for (GeneratedFile file : sources) {
            objects.add(new SimpleJavaFileObject(URI.create("string:///" + file.path()), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return file.content();
                }
            });
        }
        return compile(files -> objects);
    }

    private interface Units {
        Iterable<? extends JavaFileObject> of(StandardJavaFileManager files);
    }

    private static List<String> compile(Units units) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path classes = null;
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            classes = Files.createTempDirectory("datastore4j-javac");
            List<String> options = List.of("-Xlint:all", "-Werror", "--release", "17",
                    "-classpath", System.getProperty("java.class.path"), "-d", classes.toString());
            boolean ok = compiler.getTask(null, files, diagnostics, options, null, units.of(files)).call();
            List<String> problems = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                problems.add(d.getKind() + " " + d.getSource().getName() + ":" + d.getLineNumber() + " " + d.getMessage(null));
            }
            if (!ok && problems.isEmpty()) {
                problems.add("javac failed without a diagnostic");
            }
            return problems;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(classes);
        }
    }

    /** The class files are not needed once javac has had its say. */
    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
