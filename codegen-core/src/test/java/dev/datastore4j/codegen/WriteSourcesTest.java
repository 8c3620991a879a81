package dev.datastore4j.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.datastore4j.codegen.schema.Schema;
import dev.datastore4j.codegen.schema.SchemaSource;
import dev.datastore4j.codegen.validate.SchemaCompiler;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link Codegen#writeJavaSources}: files are written on every core, and a failure leaves nothing half-done. */
class WriteSourcesTest {
    /**
     * When one file cannot be written, the call reports it only once every write already under
     * way has ended: a front end that exits on the error (the CLI) would otherwise cut those
     * writes short and leave their hidden partial files in the user's source folder, and a build
     * that goes on (Maven) would find files still changing after the generator failed. Here the
     * calling thread's write fails while another thread's is under way.
     */
    @Test
    void aFailedWriteIsReportedOnceTheWritesUnderWayHaveEnded() throws Exception {
        Schema schema = SchemaCompiler.compile(List.of(new SchemaSource("many.graphql", IntStream.range(0, 30)
                .mapToObj(i -> "type M" + i + " @model { id: ID! }").collect(Collectors.joining("\n"))))).schema().orElseThrow();
        Thread caller = Thread.currentThread();
        AtomicInteger underWay = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        Set<String> started = ConcurrentHashMap.newKeySet();
        Set<String> ended = ConcurrentHashMap.newKeySet();
        Throwable failure = catchThrowable(() -> Codegen.writeJavaSources(schema, "com.example", file -> {
            if (Thread.currentThread() == caller && underWay.get() > 0 && failed.compareAndSet(false, true)) {
                throw new IOException("no room for " + file.path());
            }
            started.add(file.path());
            underWay.incrementAndGet();
            try {
                Thread.sleep(50); // a slow disk
            } catch (InterruptedException e) {
                throw new InterruptedIOException();
            } finally {
                underWay.decrementAndGet();
            }
            ended.add(file.path());
        }));
        if (!failed.get()) {
            System.out.println("no write ran beside the calling thread's (one core?): nothing to check");
            return;
        }
        assertThat(failure).isInstanceOf(IOException.class).hasMessageStartingWith("no room for com/example/");
        assertThat(ended).as("writes ended before the failure was reported").containsExactlyInAnyOrderElementsOf(started);
    }
}
