package dev.datastore4j.codegen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/** Where generated files go; tests capture them in memory, front ends write a folder. */
@FunctionalInterface
public interface OutputSink {
    void write(GeneratedFile file) throws IOException;

    /**
     * Writes below {@code root}, leaving files whose content is unchanged untouched, so their
     * timestamps stay and incremental compilation stays incremental. Each file is written whole
     * or not at all: to a hidden file beside it, then renamed over it, so that a write cut short
     * (a full disk, say) leaves the file as it was rather than a part of the new one, which the
     * compiler would report as errors in generated code. Safe to call from several threads for
     * different files.
     */
    static OutputSink directory(Path root) {
        return file -> {
            Path target = root.resolve(file.path());
            byte[] bytes = file.content().getBytes(StandardCharsets.UTF_8);
            if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
                return;
            }
            Files.createDirectories(target.getParent());
            writeWhole(target, bytes);
        };
    }

    private static void writeWhole(Path target, byte[] bytes) throws IOException {
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        try {
            Files.write(partial, bytes);
            try {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileSystemException e) { // it names the file moved; what is in the way is the target (a folder, say)
                throw new FileSystemException(target.toString(), null, e.getReason() != null ? e.getReason() : "cannot replace it");
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            // a write that failed part way says only why ("File too large"); say where too
            throw e instanceof FileSystemException ? e : new FileSystemException(target.toString(), null, e.getMessage());
        }
    }
}
