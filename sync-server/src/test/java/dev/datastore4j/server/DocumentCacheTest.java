package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The cache of parsed documents stays within its bounds of documents and of text, whatever
 * clients send: many large documents (each within a request's size) once filled the heap of a
 * server until every request failed with OutOfMemoryError (256 MB, about 110 documents of 900 KB).
 */
class DocumentCacheTest {
    private final DocumentCache cache = new DocumentCache();
    private final List<String> parsed = new ArrayList<>();

    /** graphql-java's parser, counting the documents it parses. */
    private final Function<ExecutionInput, PreparsedDocumentEntry> parse = input -> {
        parsed.add(input.getQuery());
        ParserOptions unbounded = ParserOptions.newParserOptions().maxCharacters(Integer.MAX_VALUE).build();
        return new PreparsedDocumentEntry(Parser.parse(ParserEnvironment.newParserEnvironment().document(input.getQuery())
                .parserOptions(unbounded).build()));
    };

    private void send(String query) {
        cache.getDocumentAsync(ExecutionInput.newExecutionInput(query).build(), parse).join();
    }

    @Test
    void aDocumentSentAgainIsParsedOnce() {
        String query = "query { getPost(id: \"p\") { id title } }";
        send(query);
        send(query);
        assertThat(parsed).containsExactly(query);
        assertThat(cache.document(query)).isPresent();
    }

    @Test
    void aLongDocumentIsParsedEachTimeAndNeverKept() {
        String query = "query { getPost(id: \"" + "x".repeat(DocumentCache.DOCUMENT_CHARS) + "\") { id } }";
        send(query);
        send(query);
        assertThat(parsed).hasSize(2);
        assertThat(cache.size()).isZero();
        assertThat(cache.chars()).isZero();
    }

    /** Distinct documents of every size up to the longest kept: the least recently used go first. */
    @Test
    void manyLargeDocumentsStayWithinTheBoundOfText() {
        String kept = "query { getPost(id: \"kept\") { id } }";
        send(kept);
        for (int i = 0; i < 200; i++) {
            send(kept); // used again each time, so never the least recently used
            String filler = "x".repeat(DocumentCache.DOCUMENT_CHARS - 40 - (i % 7) * 1000);
            send("query q" + i + " { getPost(id: \"" + filler + "\") { id } }");
            assertThat(cache.chars()).isLessThanOrEqualTo(DocumentCache.CHARS);
        }
        assertThat(cache.document(kept)).isPresent();
        assertThat(cache.size()).isLessThan(DocumentCache.CHARS / (DocumentCache.DOCUMENT_CHARS - 40 - 6 * 1000) + 2);
        assertThat(cache.chars()).isGreaterThan(DocumentCache.CHARS - DocumentCache.DOCUMENT_CHARS);
    }

    @Test
    void manySmallDocumentsStayWithinTheBoundOfEntries() {
        for (int i = 0; i < DocumentCache.ENTRIES + 500; i++) {
            send("query q" + i + " { getPost(id: \"" + i + "\") { id } }");
        }
        assertThat(cache.size()).isEqualTo(DocumentCache.ENTRIES);
        assertThat(cache.document("query q0 { getPost(id: \"0\") { id } }")).as("the eldest").isEmpty();
        String last = "query q" + (DocumentCache.ENTRIES + 499) + " { getPost(id: \"" + (DocumentCache.ENTRIES + 499) + "\") { id } }";
        assertThat(cache.document(last)).isPresent();
        long chars = 0;
        for (int i = 500; i < DocumentCache.ENTRIES + 500; i++) {
            chars += ("query q" + i + " { getPost(id: \"" + i + "\") { id } }").length();
        }
        assertThat(cache.chars()).as("the text of those kept").isEqualTo(chars);
    }
}
