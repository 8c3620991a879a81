package dev.datastore4j.server;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link ServerCrashTest}: serves the blog schema on a SQLite file, on a
 * free loopback port that it prints, until the parent kills it.
 */
public final class ServerCrashWorker {
    private ServerCrashWorker() {}

    public static void main(String[] args) throws Exception {
        SyncServer server = SyncServer.builder(ProtocolTest.BLOG).port(0).database(Path.of(args[0])).start();
        System.out.println("port " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
