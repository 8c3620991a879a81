package dev.datastore4j.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.datastore4j.codegen.diag.Diagnostic;
import dev.datastore4j.codegen.schema.Schema;
import dev.datastore4j.codegen.schema.SchemaSource;
import dev.datastore4j.codegen.validate.CompileResult;
import dev.datastore4j.codegen.validate.SchemaCompiler;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Robustness: thousands of mutated versions of the valid test schemas (deleted and duplicated
 * tokens, swapped and replaced names, broken directives, stray punctuation, truncation). Every
 * mutant must give located diagnostics or a schema the generators turn into output; nothing may
 * throw, and the API schema of every accepted mutant must load in graphql-java, as the server
 * loads it. A sample of the accepted mutants is also compiled with javac, because a schema we
 * accept must give Java that compiles.
 *
 * <p>The base seed is printed; rerun one with {@code -Ddatastore4j.mutationSeed=<seed>}, and run
 * more with {@code -Ddatastore4j.mutants=<count per schema>}. A failing
 * mutant is written to {@code target/mutants/} with its seed in the name.
 */
class MutatedSchemaTest {
    private static final int MUTANTS_PER_SCHEMA = Integer.getInteger("datastore4j.mutants", 600);
    private static final int COMPILED_PER_SCHEMA = Integer.getInteger("datastore4j.mutantsCompiled", 4);
    private static final Pattern TOKEN = Pattern.compile(
            "\"\"\"(?s:.*?)\"\"\"|\"(?:[^\"\\\\\\n]|\\\\.)*\"|#[^\\n]*|[_A-Za-z][_0-9A-Za-z]*|-?[0-9]+(?:\\.[0-9]+)?"
                    + "|\\.\\.\\.|\\s+|.");
    private static final List<String> DIRECTIVES = List.of("model", "primaryKey", "index", "hasMany", "hasOne",
            "belongsTo", "manyToMany", "auth", "default", "aws_cognito_user_pools", "key", "connection", "modell");
    private static final List<String> AWKWARD_NAMES = List.of("class", "record", "var", "yield", "import", "_version", "_deleted",
            "String", "Int", "ID", "AWSDateTime", "Query", "Mutation", "Subscription", "Model", "Builder", "id", "owner",
            "createdAt", "updatedAt", "__typename", "_", "Person", "People", "Category", "x", "Object", "List",
            "hashCode", "toBuilder", "builder", "QueryPredicate", "DataStoreModels", "values", "ñame", "SCHEMA",
            "ModelSortDirection", "ModelStringInput", "ModelIntFilterInput", "__secret", "URL", "SO_", "Post", "Blog");
    /** What the sync server declares before the API schema: AppSync's scalars and its subscription directive. */
    private static final String AWS_SCALARS = Stream.of("AWSDate", "AWSTime", "AWSDateTime", "AWSTimestamp",
            "AWSEmail", "AWSJSON", "AWSURL", "AWSPhone", "AWSIPAddress").map(s -> "scalar " + s + "\n")
            .collect(Collectors.joining()) + "directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION\n";
    private static final List<String> PUNCTUATION = List.of("{", "}", "(", ")", "[", "]", "!", ":", "@", ",", "=",
            "\"", "#", "...", "$", "|", "&", "\"\"\"");

    static List<String> schemas() {
        return Fixtures.names(Fixtures.VALID);
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void everyMutantGivesDiagnosticsOrOutput(String name) throws IOException {
        long baseSeed = Long.getLong("datastore4j.mutationSeed", System.nanoTime());
        System.out.printf("MutatedSchemaTest %s: base seed %d (%d mutants)%n", name, baseSeed, MUTANTS_PER_SCHEMA);
        String original = Fixtures.source(Fixtures.VALID, name).text();
        List<String> tokens = tokenize(original);
        Set<String> names = new HashSet<>();
        for (String token : tokens) {
            if (isName(token)) {
                names.add(token);
            }
        }
        List<String> nameList = names.stream().sorted().toList();

        int accepted = 0;
        int compiled = 0;
        Set<String> seenAccepted = new HashSet<>();
        for (int i = 0; i < MUTANTS_PER_SCHEMA; i++) {
            long seed = baseSeed + i;
            Random random = new Random(seed);
            String mutant = mutate(tokens, nameList, random);
            try {
                CompileResult result = SchemaCompiler.compile(List.of(new SchemaSource(name + ".graphql", mutant)));
                String rendered = result.render();
                boolean hasErrors = result.diagnostics().stream().anyMatch(Diagnostic::isError);
                assertThat(result.succeeded()).as("succeeded iff no errors").isEqualTo(!hasErrors);
                if (!result.succeeded()) {
                    int lineCount = Math.max(1, mutant.split("\n", -1).length);
                    for (Diagnostic d : result.diagnostics()) {
                        assertThat(d.position().line()).as("line of %s", d).isBetween(1, lineCount);
                        assertThat(d.position().column()).as("column of %s", d).isPositive();
                    }
                    assertThat(rendered).contains(name + ".graphql:");
                    continue;
                }
                accepted++;
                Schema schema = result.schema().orElseThrow();
                List<GeneratedFile> java = Codegen.javaSources(schema, "com.example.mutant");
                // the API must load as a GraphQL schema (no type declared twice, no reserved name);
                // without models there is no API (the schema has a warning, and serve refuses it)
                if (!schema.models().isEmpty()) {
                    UnExecutableSchemaGenerator.makeUnExecutableSchema(
                            new SchemaParser().parse(AWS_SCALARS + Codegen.apiSchema(schema)));
                }
                if (compiled < COMPILED_PER_SCHEMA && !mutant.equals(original) && seenAccepted.add(mutant)
                        && random.nextInt(4) == 0) {
                    compiled++;
                    assertThat(TestJavac.compileGenerated(java)).as("javac on the output for an accepted mutant").isEmpty();
                }
            } catch (Throwable e) {
                Path saved = Path.of("target", "mutants", name + "-" + seed + ".graphql");
                Files.createDirectories(saved.getParent());
                Files.writeString(saved, mutant);
                fail("mutant with seed " + seed + " of " + name + " (saved to " + saved + ") failed: " + e, e);
            }
        }
        System.out.printf("MutatedSchemaTest %s: %d of %d mutants accepted, %d compiled with javac%n",
                name, accepted, MUTANTS_PER_SCHEMA, compiled);
    }

    private static String mutate(List<String> original, List<String> names, Random random) {
        List<String> tokens = new ArrayList<>(original);
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            switch (random.nextInt(8)) {
                case 0 -> tokens.remove(solidToken(tokens, random));
                case 1 -> {
                    int i = solidToken(tokens, random);
                    tokens.add(i, tokens.get(i) + " ");
                }
                case 2 -> {
                    int a = nameToken(tokens, random);
                    int b = nameToken(tokens, random);
                    String t = tokens.get(a);
                    tokens.set(a, tokens.get(b));
                    tokens.set(b, t);
                }
                case 3 -> tokens.set(nameToken(tokens, random), random.nextBoolean()
                        ? names.get(random.nextInt(names.size()))
                        : AWKWARD_NAMES.get(random.nextInt(AWKWARD_NAMES.size())));
                case 4 -> breakDirective(tokens, random);
                case 5 -> tokens.add(random.nextInt(tokens.size() + 1), PUNCTUATION.get(random.nextInt(PUNCTUATION.size())));
                case 6 -> {
                    int cut = random.nextInt(tokens.size());
                    tokens.subList(cut, tokens.size()).clear();
                }
                default -> replaceString(tokens, names, random);
            }
            if (tokens.isEmpty()) {
                break;
            }
        }
        return String.join("", tokens);
    }

    /** Renames, misspells or strips the arguments of a random directive. */
    private static void breakDirective(List<String> tokens, Random random) {
        List<Integer> ats = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).equals("@") && isName(tokens.get(i + 1))) {
                ats.add(i);
            }
        }
        if (ats.isEmpty()) {
            return;
        }
        int at = ats.get(random.nextInt(ats.size()));
        String directive = tokens.get(at + 1);
        switch (random.nextInt(4)) {
            case 0 -> tokens.set(at + 1, DIRECTIVES.get(random.nextInt(DIRECTIVES.size())));
            case 1 -> {
                int drop = random.nextInt(directive.length());
                tokens.set(at + 1, directive.substring(0, drop) + directive.substring(drop + 1));
            }
            case 2 -> {
                if (at + 2 < tokens.size() && tokens.get(at + 2).equals("(")) {
                    int depth = 0;
                    int end = at + 2;
                    for (; end < tokens.size(); end++) {
                        depth += tokens.get(end).equals("(") ? 1 : tokens.get(end).equals(")") ? -1 : 0;
                        if (depth == 0) {
                            break;
                        }
                    }
                    tokens.subList(at + 2, Math.min(end + 1, tokens.size())).clear();
                }
            }
            default -> tokens.set(at + 1, directive + "(");
        }
    }

    /** Points a string argument (a field list, an index name) at something else. */
    private static void replaceString(List<String> tokens, List<String> names, Random random) {
        List<Integer> strings = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).startsWith("\"") && !tokens.get(i).startsWith("\"\"\"")) {
                strings.add(i);
            }
        }
        if (strings.isEmpty()) {
            return;
        }
        String replacement = switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> names.get(random.nextInt(names.size()));
            case 2 -> "no such thing";
            default -> "\\u00e9\\\"";
        };
        tokens.set(strings.get(random.nextInt(strings.size())), "\"" + replacement + "\"");
    }

    private static int solidToken(List<String> tokens, Random random) {
        for (int attempt = 0; attempt < 20; attempt++) {
            int i = random.nextInt(tokens.size());
            if (!tokens.get(i).isBlank()) {
                return i;
            }
        }
        return random.nextInt(tokens.size());
    }

    private static int nameToken(List<String> tokens, Random random) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int i = random.nextInt(tokens.size());
            if (isName(tokens.get(i))) {
                return i;
            }
        }
        return random.nextInt(tokens.size());
    }

    private static boolean isName(String token) {
        return !token.isEmpty() && (Character.isLetter(token.charAt(0)) || token.charAt(0) == '_');
    }

    private static List<String> tokenize(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        assertThat(String.join("", tokens)).isEqualTo(text);
        return tokens;
    }
}
