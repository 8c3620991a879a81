package dev.datastore4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Amplify's own JavaScript client (aws-amplify, pinned in {@code interop/amplify-js/package.json}
 * and its lock file) against a real {@code serve} process for the blog schema, over TLS with an
 * API key and a JWT secret, on loopback: {@code interop/amplify-js/probe.mjs} creates, reads,
 * syncs, updates, deletes and subscribes as an app does; {@code datastore-probe.cjs} runs
 * Amplify's DataStore, its sync engine, on three devices of one user (models from Amplify's own
 * generator): base, filtered and delta syncs, real-time changes between devices, merged conflicts,
 * writes made offline and a cascading delete, on one server and again with the devices on two
 * servers sharing a PostgreSQL database. Against a server for the relations schema,
 * {@code datastore-relations-probe.cjs} has one device save records related in every way the
 * schema has, on composite keys, and another read each relationship back; against one for the
 * todo schema, {@code datastore-users-probe.cjs} has three users on devices of their own sync and
 * write what its owner, group and field rules let each; and against a server for each test schema
 * DataStore takes, {@code datastore-every-model-probe.cjs} saves a record of every model with
 * every field set on one device and reads each back on another. Each prints one line per check.
 *
 * <p>Needs Node.js 18+ and npm on the {@code PATH} and the npm registry (or npm's cache) for the
 * client's packages, which are installed under {@code target/}; without Node.js it is skipped,
 * saying why, and {@code -Ddatastore4j.skipInterop=true} skips it on purpose (offline, say).
 */
class AmplifyJsInteropTest {
    private static final Path PROBE = Path.of("..", "interop", "amplify-js").toAbsolutePath().normalize();
    private static final Path INSTALLED = Path.of("target", "interop-amplify-js").toAbsolutePath();
    private static final int CHECKS = 15;
    private static final int DATASTORE_CHECKS = 19;
    private static final int RELATIONS_CHECKS = 10;
    private static final int USERS_CHECKS = 6;
    /**
     * The valid test schemas Amplify's DataStore takes: not folders (a non-model type holding
     * itself overflows DataStore's stack) nor recipes (DataStore requires an {@code updatedAt},
     * which that schema turns off for one model, as amplify-js issue 11826 reports).
     */
    private static final List<String> EVERY_MODEL_SCHEMAS = List.of("blog", "chat", "defaults", "post-comment", "relations",
            "shop", "todo");

    @TempDir
    Path temp;

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES) // npm install up to 5 minutes, then about 2 of probes
    void amplifysClientWorksAgainstServe() throws Exception {
        assumeFalse(Boolean.getBoolean("datastore4j.skipInterop"), "skipped with -Ddatastore4j.skipInterop=true");
        assumeTrue(runs("node", "--version") && runs("npm", "--version"),
                "Node.js and npm are not on the PATH: Amplify's JavaScript client cannot run here");
        installClient();

        String password = secret();
        Path keyStore = temp.resolve("server.p12");
        Path certificate = temp.resolve("server.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        runChecked(temp, List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", password), 60);
        runChecked(temp, List.of(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(),
                "-storepass", password, "-file", certificate.toString()), 60);

        String apiKey = "da2-interop-" + secret();
        String jwtSecret = "interop-" + secret();
        Map<String, String> environment = Map.of("DATASTORE4J_TLS_KEYSTORE_PASSWORD", password,
                "DATASTORE4J_API_KEY", apiKey, "DATASTORE4J_JWT_SECRET", jwtSecret);
        try (Served blog = serve(ServeProcess.BLOG, "blog.db", keyStore, environment)) {
            probe(certificate, CHECKS, "probe.mjs", blog.endpoint(), apiKey, jwtSecret);
            probe(certificate, DATASTORE_CHECKS, "datastore-probe.cjs", blog.endpoint(), jwtSecret, ServeProcess.BLOG);
        }
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1")
                .setLocaleConfig("locale", "C").start()) { // the C locale: initdb refuses one the machine lacks
            String database = postgres.getJdbcUrl("postgres", "postgres");
            try (Served first = serve(ServeProcess.BLOG, database, keyStore, environment);
                    Served second = serve(ServeProcess.BLOG, database, keyStore, environment)) {
                probe(certificate, DATASTORE_CHECKS, "datastore-probe.cjs", first.endpoint(), jwtSecret, ServeProcess.BLOG,
                        second.endpoint());
            }
        }
        String relations = ServeProcess.validSchema("relations");
        try (Served served = serve(relations, "relations.db", keyStore, environment)) {
            probe(certificate, RELATIONS_CHECKS, "datastore-relations-probe.cjs", served.endpoint(), apiKey, relations);
        }
        String todo = ServeProcess.validSchema("todo");
        try (Served served = serve(todo, "todo.db", keyStore, environment)) {
            probe(certificate, USERS_CHECKS, "datastore-users-probe.cjs", served.endpoint(), jwtSecret, todo);
        }
        for (String name : EVERY_MODEL_SCHEMAS) { // on servers that take every request: auth is not what these check
            String schema = ServeProcess.validSchema(name);
            try (Served served = serve(schema, name + ".db", keyStore, Map.of("DATASTORE4J_TLS_KEYSTORE_PASSWORD", password))) {
                probe(certificate, served.models() + 1, "datastore-every-model-probe.cjs", served.endpoint(), schema);
            }
        }
    }

    /** A {@code serve} process, the endpoint it listens at and how many models it serves; closing it stops it. */
    private record Served(Process process, String endpoint, int models) implements AutoCloseable {
        @Override
        public void close() {
            process.destroy();
            try {
                assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the server stops on SIGTERM").isTrue();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Starts {@code serve} for {@code schema} over TLS, once it listens; {@code database} is a JDBC
     * URL, or the name of an SQLite file in the test's folder.
     */
    private Served serve(String schema, String database, Path keyStore, Map<String, String> environment) throws Exception {
        String url = database.startsWith("jdbc:") ? database : temp.resolve(database).toString();
        ProcessBuilder serve = ServeProcess.forSchema(schema, "--database", url, "--tls-keystore", keyStore.toString());
        serve.environment().putAll(environment);
        Process server = serve.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            List<String> banner = ServeProcess.banner(out);
            Thread drain = new Thread(() -> { // its log, never left to fill the pipe
                try {
                    out.lines().forEach(System.out::println);
                } catch (UncheckedIOException e) {
                    // the server was stopped, which closes its output
                }
            });
            drain.setDaemon(true);
            drain.start();
            return new Served(server, ServeProcess.endpoint(banner), ServeProcess.models(banner));
        } catch (IOException | RuntimeException e) {
            server.destroyForcibly();
            throw e;
        }
    }

    /** Runs {@code script} of the probes with {@code arguments}, failing unless every one of its {@code checks} passed. */
    private static void probe(Path certificate, int checks, String script, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", INSTALLED.resolve(script).toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder probe = new ProcessBuilder(command).directory(INSTALLED.toFile()).redirectErrorStream(true);
        probe.environment().put("NODE_EXTRA_CA_CERTS", certificate.toString());
        Result result = run(probe, 180);
        System.out.print(result.output());
        assertThat(result.exitCode()).as("%s's exit code; it printed:%n%s", script, result.output()).isZero();
        assertThat(result.output().lines().filter(line -> line.startsWith("ok ")))
                .as("every check of %s passed; it printed:%n%s", script, result.output()).hasSize(checks);
    }

    /**
     * The probes and their pinned packages under {@code target/}, so that the source tree stays as
     * checked out; npm takes what its cache holds before asking the registry.
     */
    private static void installClient() throws Exception {
        Files.createDirectories(INSTALLED);
        for (String file : List.of("package.json", "package-lock.json", "probe.mjs", "datastore-device.cjs",
                "datastore-probe.cjs", "datastore-relations-probe.cjs", "datastore-users-probe.cjs",
                "datastore-every-model-probe.cjs")) {
            Files.copy(PROBE.resolve(file), INSTALLED.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Result install = run(new ProcessBuilder("npm", "ci", "--prefer-offline", "--no-audit", "--no-fund")
                .directory(INSTALLED.toFile()).redirectErrorStream(true), 300);
        if (install.exitCode() != 0) {
            fail("npm could not install Amplify's client (-Ddatastore4j.skipInterop=true skips this test):%n%s",
                    install.output());
        }
    }

    private record Result(int exitCode, String output) {}

    /** Runs {@code command} in {@code folder}, failing the test unless it succeeds. */
    private static void runChecked(Path folder, List<String> command, int seconds) throws Exception {
        Result result = run(new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true), seconds);
        assertThat(result.exitCode()).as("%s printed:%n%s", command.get(0), result.output()).isZero();
    }

    /** Runs a process to its end, or kills it after {@code seconds}; its output, read as it runs. */
    private static Result run(ProcessBuilder builder, int seconds) throws Exception {
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(line -> {
                    synchronized (output) {
                        output.append(line).append(System.lineSeparator());
                    }
                });
            } catch (IOException e) {
                // the process was killed: what was read so far is the output
            }
        });
        reader.start();
        boolean finished = process.waitFor(seconds, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        synchronized (output) {
            if (!finished) {
                fail("%s did not finish in %d s; it printed:%n%s", builder.command().get(0), seconds, output);
            }
            return new Result(process.exitValue(), output.toString());
        }
    }

    /** Whether {@code command} is there to run and succeeds. */
    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String secret() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
