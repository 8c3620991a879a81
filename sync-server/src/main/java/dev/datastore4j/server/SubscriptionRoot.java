package dev.datastore4j.server;

import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.parser.Parser;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import java.util.List;
import java.util.Optional;

/**
 * A subscription selects one field at its root, as it is: not through a fragment, nor with
 * {@code @skip} or {@code @include}. AppSync's clients select it so. graphql-java 26 looks at a
 * subscription's root fields before the rest of validation has found what is wrong with the
 * document, and fails there on a fragment that is not defined or spreads itself, or a root field's
 * {@code @skip} without {@code if} (or with a variable, which it has no value for yet); and a
 * root field that {@code @skip(if: true)} leaves out fails its execution. Each of those came to
 * the client as an {@code InternalFailure} (over HTTP a 500; in real time, the end of the whole
 * connection): such documents are refused before graphql-java sees them. (The specification's
 * working draft forbids {@code @skip} and {@code @include} on a subscription's root fields as well:
 * graphql-spec pull request 860.)
 */
final class SubscriptionRoot {
    private SubscriptionRoot() {}

    /**
     * The validation error of {@code query} when one of its subscriptions selects anything but one
     * plain field at its root; empty when it has none such, or is not a document at all (which
     * graphql-java's parser then reports).
     */
    static Optional<PreparsedDocumentEntry> refusal(String query) {
        if (!query.contains("subscription")) { // the keyword every subscription operation begins with
            return Optional.empty();
        }
        Document document;
        try {
            document = Parser.parse(query);
        } catch (RuntimeException e) { // not a document: graphql-java's own parse says where
            return Optional.empty();
        }
        for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
            if (operation.getOperation() != OperationDefinition.Operation.SUBSCRIPTION) {
                continue;
            }
            var root = operation.getSelectionSet().getSelections(); // graphql-java gives raw Selections
            if (root.size() != 1 || !(root.get(0) instanceof Field field) || !field.getDirectives().isEmpty()) {
                Selection<?> first = root.isEmpty() ? null : root.get(0);
                return Optional.of(new PreparsedDocumentEntry(ValidationError.newValidationError()
                        .validationErrorType(ValidationErrorType.SubscriptionMultipleRootFields)
                        .sourceLocation(first == null ? operation.getSourceLocation() : first.getSourceLocation())
                        .description("Validation error (SubscriptionMultipleRootFields) : a subscription selects one field"
                                + " at its root, as it is: not through a fragment, nor with a directive such as @skip or"
                                + " @include")
                        .build()));
            }
        }
        return Optional.empty();
    }
}
