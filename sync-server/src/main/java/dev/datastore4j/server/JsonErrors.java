package dev.datastore4j.server;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself (a path the server does not serve, a URI or header it cannot
 * read, headers too large) in the JSON every other answer of the server has, instead of Jetty's
 * HTML pages; a path not served names the ones that are.
 */
final class JsonErrors extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        String text = code == HttpStatus.NOT_FOUND_404
                ? "nothing is served at " + request.getHttpURI().getPath()
                        + "; the API is POST /graphql, real time is at /graphql/realtime, health at GET /health"
                : message == null ? HttpStatus.getMessage(code) : message;
        ProtocolJson.reply(response, callback, code, ProtocolJson.error(type(code), text));
    }

    private static String type(int code) {
        return code == HttpStatus.NOT_FOUND_404 ? "NotFound"
                : code == HttpStatus.UNAUTHORIZED_401 ? "UnauthorizedException"
                : code >= 500 ? "InternalFailure" : "BadRequest";
    }
}
