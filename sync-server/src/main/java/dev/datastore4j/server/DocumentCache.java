package dev.datastore4j.server;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Document;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Parsed and validated documents by query text: DataStore clients send the same few documents
 * with different variables, so parsing and validating each once saves most of a request's CPU.
 * Least recently used entries go first.
 */
final class DocumentCache implements PreparsedDocumentProvider {
    private static final int ENTRIES = 1000;

    private final Map<String, PreparsedDocumentEntry> entries = new LinkedHashMap<>(128, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparsedDocumentEntry> eldest) {
            return size() > ENTRIES;
        }
    };

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
        PreparsedDocumentEntry entry;
        synchronized (entries) {
            entry = entries.get(input.getQuery());
        }
        if (entry == null) {
            entry = parseAndValidate.apply(input);
            if (!entry.hasErrors()) {
                synchronized (entries) {
                    entries.put(input.getQuery(), entry);
                }
            }
        }
        return CompletableFuture.completedFuture(entry);
    }
}
