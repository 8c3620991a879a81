package dev.datastore4j.server;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import graphql.language.Document;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Parsed and validated documents by query text: DataStore clients send the same few documents
 * with different variables, so parsing and validating each once saves most of a request's CPU.
 * Least recently used entries go first.
 *
 * <p>The cache holds at most {@value #ENTRIES} documents and {@value #CHARS} characters of their
 * text, and no document longer than {@value #DOCUMENT_CHARS}: a parsed document takes up to
 * about 15 bytes of heap for each character of its text, so without a bound on the text,
 * clients sending many large documents (each below the size a request may have) would fill the
 * heap until every request failed. Amplify's documents take 0.5-5 KB, and a longer one is parsed
 * for each request that sends it.
 */
final class DocumentCache implements PreparsedDocumentProvider {
    static final int ENTRIES = 1000;
    static final int CHARS = 1_000_000;
    static final int DOCUMENT_CHARS = 50_000;

    /** Guarded by itself, as is {@link #chars}. */
    private final Map<String, PreparsedDocumentEntry> entries = new LinkedHashMap<>(128, 0.75f, true);
    /** The characters of the texts {@link #entries} holds. */
    private long chars;

    /** The parsed document of {@code query}, if it has been executed (and was valid). */
    Optional<Document> document(String query) {
        synchronized (entries) {
            PreparsedDocumentEntry entry = entries.get(query);
            return entry == null ? Optional.empty() : Optional.of(entry.getDocument());
        }
    }

    @Override
    public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
            Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
        String query = input.getQuery();
        PreparsedDocumentEntry entry;
        synchronized (entries) {
            entry = entries.get(query);
        }
        if (entry == null) {
            entry = SubscriptionRoot.refusal(query).orElseGet(() -> parseAndValidate.apply(input));
            if (!entry.hasErrors() && query.length() <= DOCUMENT_CHARS) {
                keep(query, entry);
            }
        }
        return CompletableFuture.completedFuture(entry);
    }

    private void keep(String query, PreparsedDocumentEntry entry) {
        synchronized (entries) {
            if (entries.put(query, entry) == null) {
                chars += query.length();
            }
            Iterator<String> eldest = entries.keySet().iterator();
            while (entries.size() > ENTRIES || chars > CHARS) {
                chars -= eldest.next().length();
                eldest.remove();
            }
        }
    }

    /** How many documents the cache holds. */
    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** How many characters of text the documents the cache holds come to. */
    long chars() {
        synchronized (entries) {
            return chars;
        }
    }
}
