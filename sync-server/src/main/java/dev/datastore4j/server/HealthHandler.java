package dev.datastore4j.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /health}, for a load balancer or an orchestrator: 200 {@code {"status":"ok"}} while
 * the database answers a query on a read connection within {@value #WAIT_MILLIS} ms, 503 {@code
 * {"status":"unavailable"}} otherwise. It needs no credentials and says nothing more; why the
 * database did not answer goes to the server's log, once each time the answer changes.
 *
 * <p>A probe that outlasts the wait (a read pool retrying a database that is gone waits up to its
 * connection timeout) keeps running, and the requests meanwhile wait on it rather than starting
 * more.
 */
final class HealthHandler extends Handler.Abstract {
    static final long WAIT_MILLIS = 2_000;
    private static final System.Logger LOG = System.getLogger(HealthHandler.class.getName());

    private final RecordStore store;
    private final ExecutorService probes = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "datastore4j-health");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<Void> probe; // guarded by this
    private boolean healthy = true; // guarded by this: what the last answer was

    HealthHandler(RecordStore store) {
        this.store = store;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!"/health".equals(Request.getPathInContext(request))) {
            return false;
        }
        if (!"GET".equals(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            ProtocolJson.reply(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405,
                    ProtocolJson.error("BadRequest", "use GET /health"));
            return true;
        }
        boolean ok = check();
        response.setStatus(ok ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        String body = ok ? "{\"status\":\"ok\"}" : "{\"status\":\"unavailable\"}";
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    private boolean check() {
        String problem;
        try {
            currentProbe().get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            problem = null;
        } catch (TimeoutException e) {
            problem = "the database did not answer within " + WAIT_MILLIS + " ms";
        } catch (ExecutionException e) {
            problem = "the database did not answer: " + e.getCause().getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
        synchronized (this) {
            if (healthy != (problem == null)) {
                healthy = problem == null;
                LOG.log(healthy ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                        healthy ? "health: the database answers again" : "health: " + problem);
            }
        }
        return problem == null;
    }

    /** The probe running now, or a new one. */
    private synchronized CompletableFuture<Void> currentProbe() {
        if (probe == null || probe.isDone()) {
            probe = CompletableFuture.runAsync(store::ping, probes);
        }
        return probe;
    }

    @Override
    protected void doStop() throws Exception {
        probes.shutdownNow();
        super.doStop();
    }
}
