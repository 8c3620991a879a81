package dev.datastore4j.server;

/**
 * The server could not start because of something outside it: its database cannot be opened or
 * reached, or holds records this schema cannot serve, or its address cannot be listened on. The
 * message says which, and why.
 */
public final class ServerStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
