package dev.datastore4j.server;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.Locale;

/** Why an operation on a file failed, in words a log line or an error can end with. */
final class IoReasons {
    private IoReasons() {}

    /**
     * Why the file system refused, in its words ("Read-only file system", "Is a directory"), or
     * from the exception's kind ("no such file", "access denied"): a {@code NoSuchFileException}'s
     * message is the file's name alone. Other failures (a parser's, say) give their message.
     */
    static String of(IOException e) {
        if (!(e instanceof FileSystemException refused)) {
            return String.valueOf(e.getMessage());
        }
        return refused.getReason() != null ? refused.getReason()
                : refused.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                        .toLowerCase(Locale.ROOT);
    }
}
