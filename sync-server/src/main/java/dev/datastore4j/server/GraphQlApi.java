package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datastore4j.codegen.Codegen;
import dev.datastore4j.codegen.schema.FieldDef;
import dev.datastore4j.codegen.schema.ModelDef;
import dev.datastore4j.codegen.schema.Names;
import dev.datastore4j.codegen.schema.Relation;
import dev.datastore4j.codegen.schema.Schema;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.execution.DataFetcherResult;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.FastSchemaGenerator;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeRuntimeWiring;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.reactivestreams.Publisher;

/**
 * The API schema that codegen-core derives, executed by graphql-java: every query and mutation
 * of every model wired to {@link DataService}, and relationship fields resolved from the store.
 */
final class GraphQlApi {
    private static final ObjectMapper JSON = ProtocolJson.JSON;
    private static final System.Logger LOG = System.getLogger(GraphQlApi.class.getName());

    private final GraphQL graphQl;
    private final DocumentCache documents = new DocumentCache();
    private final DataService service;
    private final Map<String, ModelDef> models = new LinkedHashMap<>();
    private final long maxResponseBytes;
    private final Metrics metrics;

    GraphQlApi(Schema schema, DataService service, Changes changes, int maxDepth, int maxComplexity, long maxResponseBytes,
            Metrics metrics) {
        this.service = service;
        this.maxResponseBytes = maxResponseBytes;
        this.metrics = metrics;
        schema.models().forEach(model -> models.put(model.name(), model));
        String sdl = AwsScalars.declarations() + Codegen.apiSchema(schema);
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring();
        AwsScalars.NAMES.forEach(name -> wiring.scalar(AwsScalars.scalar(name)));
        // replacing a built-in scalar is what strict wiring refuses; it stays strict for the rest
        wiring.strictMode(false).scalar(AwsScalars.finiteFloat()).strictMode(true);
        TypeRuntimeWiring.Builder query = TypeRuntimeWiring.newTypeWiring("Query");
        TypeRuntimeWiring.Builder mutation = TypeRuntimeWiring.newTypeWiring("Mutation");
        TypeRuntimeWiring.Builder subscription = TypeRuntimeWiring.newTypeWiring("Subscription");
        for (ModelDef model : schema.models()) {
            wireModel(model, query, mutation);
            wireSubscriptions(model, subscription, changes);
            TypeRuntimeWiring.Builder type = TypeRuntimeWiring.newTypeWiring(model.name());
            for (FieldDef field : model.fields()) {
                if (field.isRelation()) {
                    type.dataFetcher(field.name(), relation(model, field));
                }
            }
            wiring.type(type);
        }
        wiring.type(query).type(mutation).type(subscription);
        // FastSchemaGenerator (experimental in graphql-java 26.0) checks the types as SchemaGenerator
        // does and builds the same schema, without SchemaGenerator's walks over the whole of it: in
        // about half the time, which is most of a server's start on a schema of hundreds of models
        GraphQLSchema executable = new FastSchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring.build());
        this.graphQl = GraphQL.newGraphQL(executable).preparsedDocumentProvider(documents)
                .instrumentation(new QueryLimits(maxDepth, maxComplexity))
                .build();
    }

    /**
     * Runs a query or mutation for {@code identity}; its answer holds at most {@code maxResponseBytes}
     * of records. A subscription is refused: it is started over the real-time endpoint.
     */
    ExecutionResult execute(String query, Map<String, Object> variables, String operationName, Identity identity) {
        ExecutionResult result = execute(query, variables, operationName,
                Map.of(Identity.class, identity, ResponseBudget.class, new ResponseBudget(maxResponseBytes)));
        if (result.getErrors().stream().anyMatch(error -> SUBSCRIBED_BY_POST.equals(error.getMessage()))) {
            // refused by the field (counted there), answered as a refusal of the whole request
            return ExecutionResult.newExecutionResult().addError(new AppSyncError("BadRequest", SUBSCRIBED_BY_POST, null,
                    null, null)).build();
        }
        return result;
    }

    /** The answer to a subscription sent by POST, which has nowhere to send its events. */
    private static final String SUBSCRIBED_BY_POST = "a subscription is started over the real-time endpoint"
            + " (/graphql/realtime, AppSync's graphql-ws protocol), not by POST";

    /**
     * How much record data one request's answer may still take. Each record a field returns counts
     * (its size as JSON, about); once they reach the limit, every later field of the request fails
     * with {@code BadRequest} before it reads or writes anything. A page stops at about a MiB
     * ({@link DataService#PAGE_BYTES}), but one request may hold hundreds of fields (aliases of
     * one query, say) and records nest through relationships, and its whole answer is built in
     * memory. Subscriptions have none: each event is a record of its own.
     */
    private static final class ResponseBudget {
        private final long limit;
        private final AtomicLong used = new AtomicLong();

        ResponseBudget(long limit) {
            this.limit = limit;
        }

        void check() {
            if (used.get() >= limit) {
                String size = limit % (1 << 20) == 0 ? (limit >> 20) + " MiB" : limit + " bytes";
                throw new ApiException("BadRequest", "this request's answer has reached " + size + " of records, the"
                        + " most one request gets; ask for less at a time (smaller limits, fewer queries in one request)", null);
            }
        }

        void charge(long bytes) {
            used.addAndGet(bytes);
        }
    }

    /** A record as graphql-java takes it, counted against the request's {@link ResponseBudget}, if it has one. */
    private static Map<String, Object> answer(DataFetchingEnvironment env, ObjectNode record) {
        charge(env, ProtocolJson.approximateSize(record));
        return ProtocolJson.toMap(record);
    }

    /**
     * A mutation's answer, carrying to its relationship fields, as its local context, whether the
     * model's rules let the caller make the mutation ({@link #relation}).
     */
    private static DataFetcherResult<Object> mutationAnswer(DataFetchingEnvironment env, DataService.Answer answer) {
        return DataFetcherResult.newResult().data(answer(env, answer.record())).localContext(answer.byModelRules()).build();
    }

    /** Counts {@code bytes} of records against the request's {@link ResponseBudget}, if it has one. */
    private static void charge(DataFetchingEnvironment env, long bytes) {
        ResponseBudget budget = env.getGraphQlContext().get(ResponseBudget.class);
        if (budget != null) {
            budget.charge(bytes);
        }
    }

    private ExecutionResult execute(String query, Map<String, Object> variables, String operationName,
            Map<Object, Object> context) {
        return graphQl.execute(ExecutionInput.newExecutionInput().query(query)
                .variables(variables == null ? Map.of() : variables).operationName(operationName)
                .graphQLContext(context).build());
    }

    /**
     * A started subscription: graphql-java's result (errors, or a publisher of shaped events),
     * and when the selection is flat, the feed of records itself with the {@link Projection}
     * that shapes them without graphql-java.
     */
    record Started(ExecutionResult result, Publisher<Object> feed, Projection projection) {
        boolean direct() {
            return feed != null && projection != null;
        }
    }

    /**
     * Where the subscription data fetcher leaves the feed it made, for {@link #subscribe}; a request
     * by POST has none, and its subscription is refused ({@link #SUBSCRIBED_BY_POST}).
     */
    private static final class FeedHolder {
        Publisher<Object> feed;
    }

    Started subscribe(String query, Map<String, Object> variables, Identity identity) {
        FeedHolder holder = new FeedHolder();
        ExecutionResult result = execute(query, variables, null, Map.of(Identity.class, identity, FeedHolder.class, holder));
        Projection projection = result.getErrors().isEmpty() && holder.feed != null
                ? documents.document(query).flatMap(document -> Projection.of(graphQl.getGraphQLSchema(), document)).orElse(null)
                : null;
        return new Started(result, holder.feed, projection);
    }

    private static Identity identity(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(Identity.class);
    }

    private void wireModel(ModelDef model, TypeRuntimeWiring.Builder query, TypeRuntimeWiring.Builder mutation) {
        var ops = model.operations();
        Function<Metrics.Operation, Metrics.Counts> counts = operation -> metrics.operation(model.name(), operation);
        if (ops.get() != null) {
            query.dataFetcher(ops.get(), guarded(counts.apply(Metrics.Operation.GET),
                    env -> service.get(model, identity(env), JSON.valueToTree(env.getArguments()), AuthPolicy.Operation.GET)
                            .map(record -> answer(env, record)).orElse(null)));
        }
        if (ops.list() != null) {
            query.dataFetcher(ops.list(), guarded(counts.apply(Metrics.Operation.LIST),
                    env -> connection(env, service.query(model, identity(env), AuthPolicy.Operation.LIST,
                            keyQuery(env, model.primaryKey(), false), filter(env, "filter"), env.getArgument("limit"),
                            env.getArgument("nextToken")))));
        }
        query.dataFetcher(ops.sync(), guarded(counts.apply(Metrics.Operation.SYNC),
                env -> connection(env, service.sync(model, identity(env), filter(env, "filter"), env.getArgument("limit"),
                        env.getArgument("nextToken"), lastSync(env)))));
        for (var index : model.indexes()) {
            if (index.queryField() != null) {
                query.dataFetcher(index.queryField(), guarded(counts.apply(Metrics.Operation.QUERY),
                        env -> connection(env, service.query(model, identity(env), AuthPolicy.Operation.LIST,
                                keyQuery(env, index.fields(), true), filter(env, "filter"), env.getArgument("limit"),
                                env.getArgument("nextToken")))));
            }
        }
        if (ops.create() != null) {
            mutation.dataFetcher(ops.create(), guarded(counts.apply(Metrics.Operation.CREATE),
                    env -> mutationAnswer(env, service.create(model, identity(env), input(env), filter(env, "condition")))));
        }
        if (ops.update() != null) {
            mutation.dataFetcher(ops.update(), guarded(counts.apply(Metrics.Operation.UPDATE),
                    env -> mutationAnswer(env, service.update(model, identity(env), input(env), filter(env, "condition")))));
        }
        if (ops.delete() != null) {
            mutation.dataFetcher(ops.delete(), guarded(counts.apply(Metrics.Operation.DELETE),
                    env -> mutationAnswer(env, service.delete(model, identity(env), input(env), filter(env, "condition")))));
        }
    }

    /**
     * {@code onCreate/onUpdate/onDelete}: a feed of committed changes, filtered on the server by
     * the {@code filter} argument and, under owner auth, the {@code owner} argument.
     */
    private void wireSubscriptions(ModelDef model, TypeRuntimeWiring.Builder subscription, Changes changes) {
        var ops = model.operations();
        List<String> ownerArguments = model.ownerArguments();
        Map<String, Changes.Kind> kinds = new LinkedHashMap<>();
        if (ops.onCreate() != null) {
            kinds.put(ops.onCreate(), Changes.Kind.CREATE);
        }
        if (ops.onUpdate() != null) {
            kinds.put(ops.onUpdate(), Changes.Kind.UPDATE);
        }
        if (ops.onDelete() != null) {
            kinds.put(ops.onDelete(), Changes.Kind.DELETE);
        }
        Metrics.Counts subscribe = metrics.operation(model.name(), Metrics.Operation.SUBSCRIBE);
        kinds.forEach((field, kind) -> subscription.dataFetcher(field, guarded(subscribe, env -> {
            Identity identity = identity(env);
            if (!AuthPolicy.reaches(model, identity, AuthPolicy.Operation.LISTEN, null) && model.allAuthRules()
                    .noneMatch(rule -> rule.allow().equals("owner") || rule.groupsField() != null)) {
                throw AuthPolicy.denied(field, "Subscription"); // no rule could ever let this caller read one
            }
            FeedHolder holder = env.getGraphQlContext().get(FeedHolder.class);
            if (holder == null) { // sent by POST, not started by subscribe()
                throw new ApiException("BadRequest", SUBSCRIBED_BY_POST, null);
            }
            ObjectNode filter = JSON.createObjectNode();
            var and = filter.putArray("and");
            JsonNode given = filter(env, "filter");
            if (given != null && !given.isNull()) {
                and.add(given);
            }
            for (String ownerField : ownerArguments) {
                Object owner = env.getArgument(ownerField);
                if (owner != null) {
                    and.add(ownerCondition(model, ownerField, owner.toString(), identity));
                }
            }
            // a subscriber never receives a record it could not read
            Publisher<Object> feed = changes.feed(model.name(), kind, filter,
                    record -> AuthPolicy.reaches(model, identity, AuthPolicy.Operation.LISTEN, record),
                    record -> AuthPolicy.redact(model, identity, record));
            holder.feed = feed;
            return feed;
        })));
    }

    /**
     * The records a subscription's owner argument ({@code owner}, or the field an owner rule names)
     * asks for. Given one of the caller's own names, it asks for the caller's records, under
     * whichever of those names they are kept: Amplify's clients send the username (DataStore
     * takes the rule's {@code cognito:username} claim from the token) where records keep
     * {@code sub::username}. AppSync's resolvers leave an argument that is the caller's own, and
     * the only filter, to its matching of arguments against the record's field as written, so
     * that such a subscriber hears of none of them: the user's other devices learn of nothing
     * until they sync again. Any other value asks for the records that hold it, each still
     * delivered only to a caller who may read it. A condition of the subscription's filter, not a
     * test of the stored record, so that like every filter it sees only what the subscriber may
     * read of a record.
     */
    private static ObjectNode ownerCondition(ModelDef model, String ownerField, String owner, Identity identity) {
        String operator = model.field(ownerField).map(field -> field.type().list()).orElse(false) ? "contains" : "eq";
        Set<String> own = AuthPolicy.ownerNames(model, ownerField, identity);
        ObjectNode condition = JSON.createObjectNode();
        var any = condition.putArray("or");
        for (String name : own.contains(owner) ? own : Set.of(owner)) {
            any.addObject().putObject(ownerField).put(operator, name);
        }
        return condition;
    }

    /**
     * A parent ({@code @belongsTo}, or a has-one keyed here) or children (has-many, referenced
     * has-one) from the store; null where the field's rules keep it from the caller, as a field
     * holding a value is hidden ({@link AuthPolicy#readsRelation}).
     */
    private DataFetcher<Object> relation(ModelDef model, FieldDef field) {
        Relation relation = field.relation();
        ModelDef related = models.get(relation.relatedModel());
        return guarded(env -> {
            Map<String, Object> source = env.getSource();
            // a mutation's answer is /createPost, its relationship fields one level below, where
            // its local context says whether the model's rules let the caller make it (mutationAnswer)
            boolean answerByModelRules = env.getOperationDefinition().getOperation() == OperationDefinition.Operation.MUTATION
                    && env.getExecutionStepInfo().getPath().getLevel() == 2 && Boolean.TRUE.equals(env.getLocalContext());
            if (!AuthPolicy.readsRelation(model, field, identity(env), JSON.valueToTree(source), answerByModelRules)) {
                return null;
            }
            if (relation.foreignKeyOnThisModel()) {
                ObjectNode key = JSON.createObjectNode();
                for (int i = 0; i < relation.foreignKeyFields().size(); i++) {
                    Object value = source.get(relation.foreignKeyFields().get(i));
                    if (value == null) {
                        return null;
                    }
                    key.set(relation.relatedKeyFields().get(i), JSON.valueToTree(value));
                }
                return service.get(related, identity(env), key, AuthPolicy.Operation.READ).map(record -> answer(env, record))
                        .orElse(null);
            }
            Map<String, JsonNode> parent = new LinkedHashMap<>();
            for (int i = 0; i < relation.foreignKeyFields().size(); i++) {
                parent.put(relation.foreignKeyFields().get(i), JSON.valueToTree(source.get(relation.relatedKeyFields().get(i))));
            }
            List<String> sortFields = related.childSortFields(relation);
            // the sort key condition, where the API gives the field one (a has-many over a key of the children)
            JsonNode condition = sortFields.isEmpty() ? null : json(env, Names.sortKeyArgument(sortFields));
            KeyQuery children = new KeyQuery(parent, sortFields, condition, descending(env), relation.indexName() != null);
            DataService.Page page = service.query(related, identity(env), AuthPolicy.Operation.READ, children,
                    filter(env, "filter"), env.getArgument("limit"), env.getArgument("nextToken"));
            if (relation.kind() == Relation.Kind.HAS_ONE) {
                return page.items().isEmpty() ? null : answer(env, page.items().get(0));
            }
            return connection(env, page);
        });
    }

    /**
     * The key a {@code list} or index query reads by: its partition key argument and its sort key
     * condition and direction. A list without its partition key reads every record in key order
     * (index queries always have one: the schema requires it).
     */
    private static KeyQuery keyQuery(DataFetchingEnvironment env, List<String> key, boolean throughIndex) {
        Object partition = env.getArgument(key.get(0));
        List<String> sortFields = key.subList(1, key.size());
        JsonNode condition = sortFields.isEmpty() ? null : json(env, Names.sortKeyArgument(sortFields));
        if (partition == null) {
            if (condition != null && !condition.isNull()) {
                throw new ApiException("BadRequest", "a sort key condition needs a value for " + key.get(0), null);
            }
            return KeyQuery.ALL;
        }
        return new KeyQuery(Map.of(key.get(0), JSON.valueToTree(partition)), sortFields, condition, descending(env),
                throughIndex);
    }

    private static boolean descending(DataFetchingEnvironment env) {
        Object direction = env.getArgument("sortDirection");
        return direction != null && direction.toString().equals("DESC");
    }

    private static Long lastSync(DataFetchingEnvironment env) {
        Object value = env.getArgument("lastSync");
        return value == null ? null : ((Number) value).longValue(); // an AWSTimestamp: an integer
    }

    private static JsonNode json(DataFetchingEnvironment env, String argument) {
        Object value = env.getArgument(argument);
        return value == null ? null : JSON.valueToTree(value);
    }

    /** A {@code filter} or {@code condition} argument, refused when it is too large to evaluate ({@link Filters#checkSize}). */
    private static JsonNode filter(DataFetchingEnvironment env, String argument) {
        JsonNode filter = json(env, argument);
        Filters.checkSize(filter, argument);
        return filter;
    }

    private static ObjectNode input(DataFetchingEnvironment env) {
        return JSON.valueToTree(env.getArgument("input"));
    }

    /**
     * Refuses an argument holding text that no record can hold (see {@link StoredTypes#textProblem}),
     * whatever the field: a mutation would store it changed, and a read would look for it changed
     * (a key sent with half an emoji found the record whose key has a {@code ?} in its place).
     * Checked in every string argument, whatever its scalar, rather than by the {@code String}
     * scalar, which graphql-java's introspection needs as it is.
     */
    private static void checkText(Object value, String path) {
        if (value instanceof String text) {
            String problem = StoredTypes.textProblem(text);
            if (problem != null) {
                throw new ApiException("BadRequest", path + " holds " + problem, null);
            }
        } else if (value instanceof Map<?, ?> object) {
            object.forEach((name, field) -> checkText(field, path == null ? String.valueOf(name) : path + "." + name));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                checkText(list.get(i), path + "[" + i + "]");
            }
        }
    }

    private static Map<String, Object> connection(DataFetchingEnvironment env, DataService.Page page) {
        Map<String, Object> connection = new LinkedHashMap<>();
        charge(env, page.bytes()); // measured as the page filled
        connection.put("items", page.items().stream().map(ProtocolJson::toMap).toList());
        connection.put("nextToken", page.nextToken());
        connection.put("startedAt", page.startedAt());
        return connection;
    }

    /** {@link #guarded(Metrics.Counts, DataFetcher)} for a field that is not counted (a relation's). */
    private static DataFetcher<Object> guarded(DataFetcher<Object> fetcher) {
        return guarded(null, fetcher);
    }

    /**
     * Runs a field's fetcher after checking that the request may still read ({@link ResponseBudget})
     * and its arguments ({@link #checkText}). A refused request gets its {@link ApiException} in
     * the AppSync error shape; any other failure (of the database, a conflict resolver, the server
     * itself) gets {@code InternalFailure}, and its cause, stack trace and all, goes to the
     * server's log, where the operator looks for it. Data for the field stays null either way.
     * A root field's answer, its outcome and time, is counted in {@code counts}.
     */
    private static DataFetcher<Object> guarded(Metrics.Counts counts, DataFetcher<Object> fetcher) {
        return env -> {
            long started = System.nanoTime();
            String outcome = "ok";
            try {
                ResponseBudget budget = env.getGraphQlContext().get(ResponseBudget.class);
                if (budget != null) {
                    budget.check();
                }
                checkText(env.getArguments(), null);
                return fetcher.get(env);
            } catch (ApiException e) {
                outcome = e.errorType();
                return failed(env, e.errorType(), e.getMessage(), e.data());
            } catch (Exception | Error e) { // an AssertionError or a missing class of a conflict resolver, too
                outcome = "InternalFailure";
                if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                    throw e; // out of memory, say: the JVM's to deal with, but counted; a stack overflow is the request's own
                }
                LOG.log(System.Logger.Level.ERROR, env.getExecutionStepInfo().getPath() + " failed", e);
                return failed(env, "InternalFailure", e.getMessage() + " (the server's log has the cause)", null);
            } finally {
                if (counts != null) {
                    counts.answered(outcome, System.nanoTime() - started);
                }
            }
        };
    }

    private static DataFetcherResult<Object> failed(DataFetchingEnvironment env, String type, String message, JsonNode data) {
        SourceLocation at = env.getField().getSourceLocation(); // none only if the parser were told to keep none
        GraphQLError error = new AppSyncError(type, message, data, env.getExecutionStepInfo().getPath().toList(),
                at == null ? null : List.of(at));
        return DataFetcherResult.newResult().data(null).errors(List.of(error)).build();
    }
}
