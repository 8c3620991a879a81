package dev.datastore4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real {@code datastore4j serve} processes for tests: the environment and the exit are the process's. */
final class ServeProcess {
    static final String BLOG = validSchema("blog");

    /** The file of the valid test schema {@code name}. */
    static String validSchema(String name) {
        return Path.of("..", "test-schemas", "schemas", "valid", name + ".graphql").toAbsolutePath().normalize().toString();
    }

    private ServeProcess() {}

    /**
     * {@code serve} on a free port for the blog schema, with more arguments, its output and errors
     * in one stream. Native access is granted as the CLI jar's manifest grants it, so that Java 24
     * and later do not warn when the SQLite driver loads its library.
     */
    static ProcessBuilder builder(String... arguments) {
        return forSchema(BLOG, arguments);
    }

    /** {@link #builder(String...)} for the schema in {@code schema}. */
    static ProcessBuilder forSchema(String schema, String... arguments) {
        List<String> command = new ArrayList<>(List.of("serve", "--schema", schema, "--port", "0"));
        command.addAll(List.of(arguments));
        return cli(command.toArray(String[]::new));
    }

    /** Any {@code datastore4j} command in a process of its own, its output and errors in one stream. */
    static ProcessBuilder cli(String... arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Datastore4j.class.getName()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    /** What {@code serve} prints once it listens, up to its last line ({@code web pages:}). */
    static List<String> banner(BufferedReader out) throws IOException {
        List<String> banner = new ArrayList<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            banner.add(line);
            if (line.startsWith("  web pages:")) {
                break;
            }
        }
        return banner;
    }

    /** The GraphQL endpoint a banner names ({@code datastore4j: serving ... at <endpoint>}). */
    static String endpoint(List<String> banner) {
        return serving(banner).replaceFirst(".* at ", "");
    }

    /** How many models a banner says are served ({@code datastore4j: serving <n> models at ...}). */
    static int models(List<String> banner) {
        return Integer.parseInt(serving(banner).replaceFirst("datastore4j: serving (\\d+) models? at .*", "$1"));
    }

    private static String serving(List<String> banner) {
        return banner.stream().filter(line -> line.startsWith("datastore4j: serving")).findFirst()
                .orElseThrow(() -> new AssertionError(
                        "serve stopped before it listened: " + String.join(System.lineSeparator(), banner)));
    }
}
