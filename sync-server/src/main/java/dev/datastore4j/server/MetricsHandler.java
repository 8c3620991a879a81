package dev.datastore4j.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /metrics}, for a monitoring system such as Prometheus: {@link Metrics} in Prometheus's
 * text format. It needs no credentials, as {@code /health} does not; a proxy in front of the
 * server passes on only what it is told to (docs/self-hosting.md), and the server listens on
 * 127.0.0.1 unless told otherwise.
 */
final class MetricsHandler extends Handler.Abstract {
    private final Metrics metrics;

    MetricsHandler(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!"/metrics".equals(Request.getPathInContext(request))) {
            return false;
        }
        if (!"GET".equals(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            ProtocolJson.reply(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405,
                    ProtocolJson.error("BadRequest", "use GET /metrics"));
            return true;
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(metrics.render().getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
