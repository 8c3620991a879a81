package dev.datastore4j.server;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Requests made by web pages. A browser names the page's origin in an {@code Origin} header on
 * every WebSocket upgrade and on every request but a GET; most apps and command-line clients send
 * none, and some WebSocket libraries (React Native's, say) send the server's own origin. A request
 * naming another origin than the server's, and not one the server was told to allow, is refused
 * before anything else sees it: otherwise any web site a developer visits could write to a
 * server running on their machine without auth (a cross-site POST needs no permission to be
 * sent, only to be read), or read its changes through a WebSocket, which browsers open to any
 * origin. The allowed origins get the CORS protocol (preflights answered, responses readable)
 * from Jetty's {@link CrossOriginHandler}.
 */
final class WebOrigins extends Handler.Wrapper {
    /** The headers AppSync clients send: the body's type, the two credentials, and Amplify's own. */
    private static final Set<String> CLIENT_HEADERS = Set.of("Content-Type", "X-Api-Key", "Authorization",
            "X-Amz-Date", "X-Amz-User-Agent", "X-Amz-Security-Token");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern ORIGIN = Pattern.compile("[a-z][a-z0-9+.-]*://[^/?#@\\s]+");

    private final List<String> allowed;
    private final boolean any;
    private final boolean open;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final Metrics metrics;

    /**
     * {@code origins}: as {@link #normalize} returns them; {@code "*"} allows every origin.
     * {@code open}: whether the server takes requests without credentials. Refusals are counted in {@code metrics}.
     */
    WebOrigins(List<String> origins, boolean open, Metrics metrics, Handler handler) {
        this.open = open;
        this.metrics = metrics;
        this.allowed = List.copyOf(origins);
        this.any = allowed.contains("*");
        if (allowed.isEmpty()) {
            setHandler(handler);
        } else {
            CrossOriginHandler cors = new CrossOriginHandler();
            // patterns: a dot quoted, so that app.example.com does not match appxexample.com
            cors.setAllowedOriginPatterns(any ? Set.of(".*") : allowed.stream().map(Pattern::quote).collect(Collectors.toSet()));
            cors.setAllowedMethods(Set.of("POST"));
            cors.setAllowedHeaders(CLIENT_HEADERS);
            cors.setPreflightMaxAge(Duration.ofDays(1));
            cors.setDeliverPreflightRequests(false);
            // which origins are taken is decided above (the server's own is, without CORS)
            cors.setDeliverNonAllowedOriginRequests(true);
            cors.setDeliverNonAllowedOriginWebSocketUpgradeRequests(true);
            cors.setHandler(handler);
            setHandler(cors);
        }
    }

    /**
     * Each of {@code origins} as a browser sends it (scheme and host in lower case, no trailing
     * slash), or {@code "*"}; an argument that is not an origin is refused, naming it.
     */
    static List<String> normalize(Iterable<String> origins) {
        Set<String> normalized = new LinkedHashSet<>();
        for (String origin : origins) {
            String text = origin.strip().toLowerCase(Locale.ROOT);
            if (text.endsWith("/") && text.indexOf("://") > 0) {
                text = text.substring(0, text.length() - 1);
            }
            if (!text.equals("*") && !ORIGIN.matcher(text).matches()) {
                throw new IllegalArgumentException("not a web origin: '" + origin + "'; an origin is a scheme, a host and"
                        + " maybe a port, such as http://localhost:3000 or https://app.example.com, or * for any");
            }
            normalized.add(text);
        }
        return List.copyOf(normalized);
    }

    /**
     * Whether {@code origin} is the server's own, as the client reached it: its host and port are
     * the request's {@code Host}. Taken only where no web site can have sent it. Through DNS
     * rebinding a site's page reaches a server on its visitor's machine under the site's own name
     * (which the site then points at 127.0.0.1), so that its origin is the server's too; an
     * address (an IP, or localhost, which browsers resolve themselves) cannot be rebound, and a
     * server that requires credentials gives such a page nothing, since it has none.
     */
    private boolean isOwn(String origin, Request request) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        int authority = origin.indexOf("://") + 3;
        if (host == null || authority < 3 || !origin.substring(authority).equalsIgnoreCase(host)) {
            return false;
        }
        String name = Request.getServerName(request).toLowerCase(Locale.ROOT);
        return !open || name.indexOf(':') >= 0 /* IPv6 */ || IPV4.matcher(name).matches() || name.equals("localhost")
                || name.endsWith(".localhost");
    }

    /**
     * What would let pages of {@code origin} call the server. A page opened from a file, or in a
     * sandboxed frame of any site, has the origin "null", which cannot be allowed without letting
     * every such frame in: it has to be served from a web server whose origin is allowed.
     */
    private static String advice(String origin) {
        return origin.equals("null")
                ? "a page opened from a file, or in a sandboxed frame, has no origin to allow: serve the page from a web server,"
                        + " and allow that origin (datastore4j serve --allow-origin http://localhost:3000, say)"
                : "allow the origin where the server starts (datastore4j serve --allow-origin " + origin + ")";
    }

    /**
     * Says in the server's log that pages of {@code origin} were refused, the first time only: a
     * browser shows a page's script nothing of why its WebSocket failed, and the developer looking
     * at the server's console learns which option to give. At most 100 origins are remembered.
     */
    private void warnOnce(String origin) {
        if (warned.size() < 100 && warned.add(origin)) {
            System.getLogger(WebOrigins.class.getName()).log(System.Logger.Level.WARNING, "refused requests from web"
                    + " pages of " + origin + "; " + advice(origin));
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin == null || any || allowed.contains(origin.toLowerCase(Locale.ROOT)) || isOwn(origin, request)) {
            return super.handle(request, response, callback);
        }
        warnOnce(origin);
        metrics.refusedOrigin();
        // Answered before the body is read, so the connection ends (as GraphQlHandler's early replies do).
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        ProtocolJson.reply(response, callback, HttpStatus.FORBIDDEN_403, ProtocolJson.error("UnauthorizedException",
                "this server does not take requests from web pages of " + origin + "; " + advice(origin)));
        return true;
    }
}
