package dev.datastore4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * One WebSocket connection speaking AppSync's real-time protocol ({@code graphql-ws}):
 * {@code connection_init} → {@code connection_ack} with {@code connectionTimeoutMs}, then a
 * {@code ka} every keep-alive interval; {@code start} → {@code start_ack} (or {@code error}) and
 * {@code data} for every matching change; {@code stop} → {@code complete}. Public only because
 * Jetty invokes the listener methods through method handles; it has no public constructor.
 */
public final class RealtimeSession implements Session.Listener.AutoDemanding {
    private final ServedApi api;
    private final Authenticator authenticator;
    /**
     * The auth header the connection was opened with (null on a server that takes every request);
     * a start may name another caller in its {@code extensions.authorization}. Each start checks
     * its header again: a key withdrawn or a token expired since the connection opened starts
     * nothing more.
     */
    private final JsonNode connectionHeader;
    private final ScheduledExecutorService timers;
    private final long keepAliveMillis;
    /**
     * AppSync's default quota of subscriptions per connection. Each one costs the server memory
     * and work on every change, and without a bound one connection could hold any number.
     */
    static final int MAX_SUBSCRIPTIONS = 100;
    /**
     * The {@code connectionTimeoutMs} a client is told, in keep-alive intervals: a connection that
     * carries no frame for that long has failed, for the client and for the server alike.
     */
    static final int KEEP_ALIVES_PER_TIMEOUT = 5;

    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    /** When each subscription started with a token that expires ends ({@link #endAtExpiry}). */
    private final Map<String, ScheduledFuture<?>> expiries = new ConcurrentHashMap<>();
    /** What may wait to be sent on this connection before it is cut (see {@link #send}). */
    private final long maxUnsentBytes;
    private final AtomicLong unsentBytes = new AtomicLong();
    private final Metrics metrics;
    private volatile Session session;
    private volatile ScheduledFuture<?> keepAlive;

    RealtimeSession(ServedApi api, Authenticator authenticator, JsonNode connectionHeader, ScheduledExecutorService timers,
            long keepAliveMillis, long maxUnsentBytes, Metrics metrics) {
        this.api = api;
        this.authenticator = authenticator;
        this.connectionHeader = connectionHeader;
        this.timers = timers;
        this.keepAliveMillis = keepAliveMillis;
        this.maxUnsentBytes = maxUnsentBytes;
        this.metrics = metrics;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        metrics.connected(this);
    }

    @Override
    public void onWebSocketText(String text) {
        JsonNode message;
        try {
            message = ProtocolJson.JSON.readTree(text);
        } catch (IOException e) {
            send(error(null, "MalformedMessage", "the message is not JSON"));
            return;
        }
        String type = message.path("type").asText();
        String id = message.hasNonNull("id") ? message.get("id").asText() : null;
        switch (type) {
            case "connection_init" -> {
                ObjectNode ack = ProtocolJson.JSON.createObjectNode().put("type", "connection_ack");
                ack.putObject("payload").put("connectionTimeoutMs", keepAliveMillis * KEEP_ALIVES_PER_TIMEOUT);
                send(ack);
                keepAlive();
            }
            case "start" -> {
                keepAlive(); // connection_init is optional in AppSync's protocol
                start(id, message.path("payload"));
            }
            case "stop" -> {
                Subscription subscription = id == null ? null : subscriptions.remove(id);
                if (subscription != null) {
                    subscription.cancel();
                    forgetExpiry(id);
                }
                send(ProtocolJson.JSON.createObjectNode().put("type", "complete").put("id", id));
            }
            default -> send(error(id, "UnsupportedOperation", "unknown message type '" + type + "'"));
        }
    }

    /**
     * Starts the keep-alives, if they have not started: without them, a connection whose
     * subscriptions hear nothing would carry no frame, and be closed after the connection timeout.
     * Messages of one connection arrive one at a time, so it starts them once.
     */
    private void keepAlive() {
        if (keepAlive == null) {
            keepAlive = timers.scheduleAtFixedRate(() -> send(ProtocolJson.JSON.createObjectNode().put("type", "ka")),
                    keepAliveMillis, keepAliveMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Starts a subscription: {@code payload.data} is the JSON text of {@code {query, variables}}. */
    private void start(String id, JsonNode payload) {
        if (id == null || subscriptions.containsKey(id)) {
            refuse(id, "BadRequest", id == null ? "start needs an id" : "subscription id " + id + " is in use");
            return;
        }
        if (subscriptions.size() >= MAX_SUBSCRIPTIONS) { // messages of one connection arrive one at a time
            refuse(id, "LimitExceeded", "a connection holds at most " + MAX_SUBSCRIPTIONS
                    + " subscriptions; stop one, or open another connection");
            return;
        }
        JsonNode request;
        try {
            request = ProtocolJson.JSON.readTree(payload.path("data").asText());
        } catch (IOException e) {
            refuse(id, "BadRequest", "payload.data must be the JSON text of {query, variables}");
            return;
        }
        if (!request.path("query").isTextual()) {
            refuse(id, "BadRequest", "payload.data has no query");
            return;
        }
        JsonNode authorization = payload.path("extensions").path("authorization");
        JsonNode header = authorization.isObject() && !authorization.isEmpty() ? authorization : connectionHeader;
        Identity identity;
        try {
            identity = authenticate(authenticator, header);
        } catch (ApiException e) {
            refuse(id, e.errorType(), e.getMessage());
            return;
        }
        JsonNode given = request.path("variables");
        if (!given.isMissingNode() && !given.isNull() && !given.isObject()) {
            refuse(id, "BadRequest", "the variables in payload.data must be an object");
            return;
        }
        Map<String, Object> variables = given.isObject() ? ProtocolJson.toMap(given) : Map.of();
        GraphQlApi.Started started = api.subscribe(request.get("query").asText(), variables, identity);
        ExecutionResult result = started.result();
        if (!result.getErrors().isEmpty()) {
            ObjectNode error = ProtocolJson.JSON.createObjectNode().put("type", "error").put("id", id);
            error.putObject("payload").set("errors", GraphQlHandler.toJson(result).path("errors"));
            send(error);
            GraphQLError first = result.getErrors().get(0);
            if (!(first instanceof AppSyncError)) { // refused before its field ran: an invalid document
                metrics.refusedStart(String.valueOf(first.getErrorType()));
            }
            return;
        }
        if (!(result.getData() instanceof Publisher<?>)) {
            refuse(id, "BadRequest", "only subscription operations can be started");
            return;
        }
        synchronized (this) { // sends hold this lock too, so no data message overtakes the start_ack
            if (started.direct()) {
                // a flat selection: records are shaped here, not by executing the document per event
                Projection projection = started.projection();
                started.feed().subscribe(new Events<Object>(id, identity) {
                    @Override
                    @SuppressWarnings("unchecked")
                    void deliver(Object record) {
                        sendData(id, projection.apply((Map<String, Object>) record));
                    }
                });
            } else {
                Publisher<ExecutionResult> events = result.getData();
                events.subscribe(new Events<ExecutionResult>(id, identity) {
                    @Override
                    void deliver(ExecutionResult event) {
                        sendData(id, event.getData());
                    }
                });
            }
            send(ProtocolJson.JSON.createObjectNode().put("type", "start_ack").put("id", id));
            endAtExpiry(id, identity.expiresAtMillis());
        }
    }

    /**
     * Ends subscription {@code id} when the token it was started with expires, with an {@code
     * UnauthorizedException} error, on which a client connects again with a fresh token (Amplify's
     * does, for AppSync's errors of that type). Otherwise a token would go on receiving records for
     * as long as its connection stayed open, however long ago it expired.
     */
    private void endAtExpiry(String id, long expiresAtMillis) {
        Subscription subscription = subscriptions.get(id);
        if (subscription == null || expiresAtMillis == Long.MAX_VALUE) {
            return;
        }
        expiries.put(id, timers.schedule(
                () -> unauthorized(id, subscription, "the token has expired; subscribe again with a new one"),
                expiresAtMillis - System.currentTimeMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * Ends subscription {@code id} with an {@code UnauthorizedException} error saying {@code why},
     * unless it was stopped, or its id used again, since.
     */
    private void unauthorized(String id, Subscription subscription, String why) {
        if (subscriptions.remove(id, subscription)) {
            forgetExpiry(id);
            subscription.cancel();
            send(error(id, "UnauthorizedException", why));
        }
    }

    private void forgetExpiry(String id) {
        ScheduledFuture<?> expiry = expiries.remove(id);
        if (expiry != null) {
            expiry.cancel(false);
        }
    }

    /**
     * Receives one subscription's events and sends them as {@code data} messages; the first event
     * after the credentials it was started with are withdrawn (an API key, or the secret or key
     * that signed its token, from the server's files) ends it instead.
     */
    private abstract class Events<T> implements Subscriber<T> {
        private final String id;
        /** Who started the subscription. */
        private final Identity caller;
        private Subscription subscription;

        Events(String id, Identity caller) {
            this.id = id;
            this.caller = caller;
        }

        /** Sends {@code event} to the client. */
        abstract void deliver(T event);

        @Override
        public void onSubscribe(Subscription subscription) {
            this.subscription = subscription;
            subscriptions.put(id, subscription);
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(T event) {
            if (!caller.stillVouchedFor()) {
                unauthorized(id, subscription, caller.kind() == Identity.Kind.API_KEY
                        ? "the API key has been withdrawn; subscribe again with another"
                        : "the key that signed the token has been withdrawn; subscribe again with a new token");
            } else {
                deliver(event);
            }
        }

        @Override
        public void onError(Throwable failure) {
            subscriptions.remove(id);
            forgetExpiry(id);
            if (failure instanceof Changes.Interrupted interrupted) {
                send(error(id, "InternalFailure", interrupted.getMessage() + "; subscribe again, and sync what was missed"));
            } else { // not the client's doing: the operator needs the cause
                System.getLogger(RealtimeSession.class.getName()).log(System.Logger.Level.ERROR,
                        "subscription " + id + " failed", failure);
                send(error(id, "InternalFailure", "the subscription ended with an error"));
            }
        }

        @Override
        public void onComplete() {
            subscriptions.remove(id);
            forgetExpiry(id);
        }
    }

    private void sendData(String id, Object data) {
        ObjectNode message = ProtocolJson.JSON.createObjectNode().put("type", "data").put("id", id);
        message.putObject("payload").putPOJO("data", data); // written as it is, without a tree
        if (send(message)) {
            metrics.sent();
        }
    }

    /**
     * The caller named by an AppSync auth header object ({@code x-api-key} or {@code Authorization});
     * null for none, which only a server taking every request takes.
     */
    static Identity authenticate(Authenticator authenticator, JsonNode header) {
        if (header == null) {
            return authenticator.authenticate(null, null);
        }
        String apiKey = header.hasNonNull("x-api-key") ? header.get("x-api-key").asText() : null;
        String authorization = header.hasNonNull("Authorization") ? header.get("Authorization").asText()
                : header.hasNonNull("authorization") ? header.get("authorization").asText() : null;
        return authenticator.authenticate(apiKey, authorization);
    }

    /** Refuses the start of subscription {@code id} before its field runs, counting it by {@code errorType}. */
    private void refuse(String id, String errorType, String message) {
        metrics.refusedStart(errorType);
        send(error(id, errorType, message));
    }

    private static ObjectNode error(String id, String errorType, String message) {
        ObjectNode error = ProtocolJson.JSON.createObjectNode().put("type", "error");
        if (id != null) {
            error.put("id", id);
        }
        error.putObject("payload").putArray("errors").addObject().put("errorType", errorType).put("message", message);
        return error;
    }

    /**
     * Sends {@code message}, unless more than {@code maxUnsentBytes} would then wait to be sent: a
     * client that stops reading (or reads slower than changes come) would otherwise have the
     * server keep every message for it. Such a connection is cut, without a close frame that
     * would only queue behind the rest; its subscriptions end, and its client connects again and
     * syncs. Returns whether the message went to the connection.
     */
    private boolean send(ObjectNode message) {
        Session current = session;
        if (current == null || !current.isOpen()) {
            return false;
        }
        String text = message.toString();
        long size = text.length(); // characters: close enough to the bytes of the mostly ASCII JSON
        if (unsentBytes.addAndGet(size) > maxUnsentBytes) {
            unsentBytes.addAndGet(-size);
            metrics.cutSlowReader();
            current.disconnect();
            return false;
        }
        synchronized (this) { // one frame at a time per connection
            current.sendText(text, Callback.from(() -> unsentBytes.addAndGet(-size), failure -> unsentBytes.addAndGet(-size)));
        }
        return true;
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        end();
        callback.succeed();
    }

    /** A broken connection (the client vanished, the server is stopping): its subscriptions end with it. */
    @Override
    public void onWebSocketError(Throwable cause) {
        end();
    }

    /** How many subscriptions run on this connection now. */
    int subscriptionCount() {
        return subscriptions.size();
    }

    private void end() {
        metrics.disconnected(this);
        if (keepAlive != null) {
            keepAlive.cancel(false);
        }
        subscriptions.values().forEach(Subscription::cancel);
        subscriptions.clear();
        expiries.values().forEach(expiry -> expiry.cancel(false));
        expiries.clear();
    }
}
