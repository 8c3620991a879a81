package dev.datastore4j.server;

import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Refuses operations nested deeper than {@code maxDepth} fields or selecting more than
 * {@code maxComplexity} fields (fragments expanded, {@code __typename} free), before any field
 * runs. A document is measured once: the {@link DocumentCache} hands out the same parsed
 * document for the same text, and its measure cannot change unless {@code @skip}/{@code @include}
 * make it depend on variables or it holds several operations, in which cases it is measured on
 * every execution.
 */
final class QueryLimits extends SimplePerformantInstrumentation {
    private final int maxDepth;
    private final int maxComplexity;
    private final Set<Document> withinLimits = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    QueryLimits(int maxDepth, int maxComplexity) {
        this.maxDepth = maxDepth;
        this.maxComplexity = maxComplexity;
    }

    @Override
    public InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(
            InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
        ExecutionContext context = parameters.getExecutionContext();
        Document document = context.getDocument();
        if (withinLimits.contains(document)) {
            return SimpleInstrumentationContext.noOp();
        }
        QueryTraverser traverser = QueryTraverser.newQueryTraverser().schema(context.getGraphQLSchema()).document(document)
                .operationName(context.getExecutionInput().getOperationName()).coercedVariables(context.getCoercedVariables())
                .build();
        int[] depthAndFields = traverser.reducePreOrder((env, acc) -> new int[] {Math.max(acc[0], depth(env)),
                acc[1] + (env.isTypeNameIntrospectionField() ? 0 : 1)}, new int[2]);
        if (depthAndFields[0] > maxDepth) {
            throw new AbortExecutionException("maximum query depth exceeded: " + depthAndFields[0] + " > " + maxDepth);
        }
        if (depthAndFields[1] > maxComplexity) {
            throw new AbortExecutionException("maximum query complexity exceeded: " + depthAndFields[1] + " fields > "
                    + maxComplexity);
        }
        String text = context.getExecutionInput().getQuery();
        if (!text.contains("@skip") && !text.contains("@include")
                && document.getDefinitionsOfType(OperationDefinition.class).size() == 1) {
            withinLimits.add(document);
        }
        return SimpleInstrumentationContext.noOp();
    }

    private static int depth(QueryVisitorFieldEnvironment env) {
        int depth = 1;
        for (QueryVisitorFieldEnvironment parent = env.getParentEnvironment(); parent != null; parent = parent.getParentEnvironment()) {
            depth++;
        }
        return depth;
    }
}
