package dev.datastore4j.codegen.validate;

import dev.datastore4j.codegen.diag.Diagnostics;
import dev.datastore4j.codegen.diag.Position;
import dev.datastore4j.codegen.diag.Problems;
import dev.datastore4j.codegen.schema.Schema;
import dev.datastore4j.codegen.schema.SchemaSource;
import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.MultiSourceReader;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of schema checking: parses the sources, validates them as one schema and returns
 * every diagnostic at once, with the validated {@link Schema} when there were no errors.
 */
public final class SchemaCompiler {
    /** The generated registry class; types may not take its name. */
    public static final String REGISTRY_CLASS = "DataStoreModels";

    private static final ParserOptions PARSER_OPTIONS = ParserOptions.newParserOptions()
            .captureSourceLocation(true)
            .captureLineComments(false)
            .captureIgnoredChars(false)
            .maxTokens(Integer.MAX_VALUE)
            .maxCharacters(Integer.MAX_VALUE)
            .maxWhitespaceTokens(Integer.MAX_VALUE)
            .maxRuleDepth(500)
            .build();

    private SchemaCompiler() {}

    public static CompileResult compile(List<SchemaSource> sources) {
        Diagnostics diagnostics = new Diagnostics();
        Map<String, List<String>> lines = new LinkedHashMap<>();
        List<Document> documents = new ArrayList<>();
        for (SchemaSource source : sources) {
            lines.put(source.name(), source.lines());
            Document document = parse(source, diagnostics);
            if (document != null) {
                documents.add(document);
            }
        }
        NamePositions names = new NamePositions(documents, lines);
        Schema schema = null;
        if (!diagnostics.hasErrors()) {
            // Analysis of a document with syntax errors would only repeat them in other words.
            schema = new SchemaAnalyzer(documents, diagnostics, names, REGISTRY_CLASS).analyze();
        }
        return new CompileResult(diagnostics.hasErrors() ? null : schema, diagnostics.sorted(names), lines);
    }

    private static Document parse(SchemaSource source, Diagnostics diagnostics) {
        MultiSourceReader reader = MultiSourceReader.newMultiSourceReader()
                .string(source.text(), source.name())
                .trackData(false)
                .build();
        ParserEnvironment environment = ParserEnvironment.newParserEnvironment()
                .document(reader)
                .parserOptions(PARSER_OPTIONS)
                .build();
        try {
            return Parser.parse(environment);
        } catch (InvalidSyntaxException e) {
            var location = e.getLocation();
            Position at = location == null ? new Position(source.name(), 1, 1, 1)
                    : new Position(source.name(), location.getLine(), location.getColumn(),
                            e.getOffendingToken() == null ? 1 : e.getOffendingToken().length());
            diagnostics.add(Problems.syntaxError(at, syntaxMessage(e)));
            return null;
        }
    }

    /** graphql-java's message without its own location suffix, which the diagnostic shows already. */
    private static String syntaxMessage(InvalidSyntaxException e) {
        String message = e.getMessage();
        int cut = message.indexOf(" at line ");
        message = cut > 0 ? message.substring(0, cut) : message;
        return message.replaceFirst("^Invalid syntax with offending token", "unexpected token")
                .replaceFirst("^Invalid syntax", "invalid syntax");
    }
}
