package dev.datastore4j.server;

import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.IO;

/**
 * A {@link ServerConnector} that leaves no connection open once it has stopped, so that a client
 * connecting as the server stops is answered or told the connection closed, never left waiting.
 * Two ways of losing such a connection are closed off:
 *
 * <ul>
 *   <li>No acceptor threads: connections are accepted by the selectors that serve them. Jetty
 *       stops an acceptor thread by interrupting it, and when the interrupt lands as a blocking
 *       {@code ServerSocketChannel.accept()} returns, the JDK throws {@code
 *       ClosedByInterruptException} without closing the connection it accepted (read in the JDK
 *       25.0.3 sources), which then stays open, unread, until the process ends.</li>
 *   <li>Every connection accepted is remembered until it closes, and any still open when the
 *       connector has stopped (one handed to a selector that was stopping, say) is closed then;
 *       one accepted after the stop began is closed at once.</li>
 * </ul>
 *
 * <p>Seen with Jetty 12.1.14, on Java 25 with the CPU busy, and once on Java 17
 * ({@code ServerStopTest}).
 */
final class ClosingConnector extends ServerConnector {
    private final Set<SocketChannel> accepted = ConcurrentHashMap.newKeySet();
    /** The size at which {@link #accepted} is next cleared of closed connections: twice what was left, so pruning costs O(1) a connection. */
    private volatile int pruneAt = 64;

    ClosingConnector(Server server, ConnectionFactory... factories) {
        super(server, 0, -1, factories); // no acceptor threads; selectors as Jetty chooses
    }

    @Override
    protected void configure(Socket socket) { // called with each connection accepted, before it is served
        super.configure(socket);
        SocketChannel channel = socket.getChannel();
        accepted.add(channel);
        if (isStopping() || isStopped()) { // doStop may have closed the others already (starting is fine)
            IO.close(channel);
        }
        if (accepted.size() >= pruneAt) {
            synchronized (accepted) {
                accepted.removeIf(known -> !known.isOpen());
                pruneAt = Math.max(64, 2 * accepted.size());
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop(); // its selectors have stopped: a connection open now is served by nobody
        accepted.forEach(IO::close);
        accepted.clear();
    }
}
