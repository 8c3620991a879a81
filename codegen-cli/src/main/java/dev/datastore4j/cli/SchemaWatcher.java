package dev.datastore4j.cli;

import dev.datastore4j.codegen.schema.SchemaSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Tells when a schema's files change: the files named, and the {@code .graphql} and
 * {@code .graphqls} files in the folders named, below them too. Editors save in bursts (a write,
 * a rename, a backup file), so a change is reported once the files have been quiet for {@value
 * #QUIET_MILLIS} ms, and only when what they hold differs from what they held at the last change
 * (or when the watcher began): a file saved again as it was is no change.
 */
final class SchemaWatcher implements AutoCloseable {
    static final long QUIET_MILLIS = 200;

    private final WatchService service;
    /** The files named on their own, watched through their folders. */
    private final Set<Path> files = new HashSet<>();
    /** Every folder watched, by its key. */
    private final Map<WatchKey, Path> folders = new HashMap<>();
    /** The folders all of whose schema files count: those named, and those below them. */
    private final Set<Path> trees = new HashSet<>();

    private final List<Path> schemas;
    /** What the schema's files held at the last change; null when one could not be read. */
    private List<SchemaSource> seen;

    /**
     * Watches {@code schemas}, each a file or folder that exists, from now on: made before the
     * schema is first read, it misses no change after that read.
     */
    SchemaWatcher(List<Path> schemas) throws IOException {
        this.schemas = List.copyOf(schemas);
        service = FileSystems.getDefault().newWatchService();
        try {
            for (Path schema : schemas) {
                add(schema.toAbsolutePath().normalize());
            }
        } catch (IOException e) {
            service.close();
            throw e;
        }
        seen = read();
    }

    private void add(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            watchTree(path);
        } else {
            files.add(path);
            watch(path.getParent());
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for a change to the schema's files, then for them to be
     * quiet; true when what they hold changed, or one of them cannot be read (compiling says why).
     */
    boolean awaitChange(long timeoutMillis) throws InterruptedException, IOException {
        WatchKey key = service.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (key == null) {
            return false;
        }
        boolean touched = handle(key);
        for (WatchKey more = service.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS); more != null;
                more = service.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) {
            touched |= handle(more);
        }
        if (!touched) {
            return false;
        }
        List<SchemaSource> now = read();
        boolean changed = now == null || !now.equals(seen);
        seen = now;
        return changed;
    }

    private List<SchemaSource> read() {
        try {
            return SchemaSource.read(schemas);
        } catch (UncheckedIOException e) {
            return null;
        }
    }

    private boolean handle(WatchKey key) throws IOException {
        Path folder = folders.get(key);
        boolean changed = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW || folder == null) {
                changed = true;
                continue;
            }
            Path path = folder.resolve((Path) event.context());
            if (trees.contains(folder)) {
                if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(path)) {
                    watchTree(path); // a new folder's schema files count too
                    changed = true;
                }
                String name = path.getFileName().toString();
                changed |= name.endsWith(".graphql") || name.endsWith(".graphqls");
            } else {
                changed |= files.contains(path);
            }
        }
        key.reset();
        return changed;
    }

    private void watchTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path folder : walk.filter(Files::isDirectory).toList()) {
                trees.add(folder);
                watch(folder);
            }
        }
    }

    private void watch(Path folder) throws IOException {
        WatchKey key = folder.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
        folders.put(key, folder);
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}
