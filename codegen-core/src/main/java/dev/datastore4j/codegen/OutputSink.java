package dev.datastore4j.codegen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Where generated files go; tests capture them in memory, front ends write a folder. */
@FunctionalInterface
public interface OutputSink {
    void write(GeneratedFile file) throws IOException;

    /**
     * Writes below {@code root}, leaving files whose content is unchanged untouched, so their
     * timestamps stay and incremental compilation stays incremental. Safe to call from several
     * threads for different files.
     */
    static OutputSink directory(Path root) {
        return file -> {
            Path target = root.resolve(file.path());
            byte[] bytes = file.content().getBytes(StandardCharsets.UTF_8);
            if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
                return;
            }
            Files.createDirectories(target.getParent());
            Files.write(target, bytes);
        };
    }
}
