package dev.datastore4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.blog.Post;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher under the streams: one listener's failure ends its own stream and no other; a
 * snapshot is read and emitted only when it may have changed.
 */
class ChangesTest {
    private static final StoreChange<Post> CHANGE = new StoreChange<>(Post.SCHEMA, StoreChange.Type.CREATE,
            Post.builder().title("t").build());

    /** What a subscriber heard: items, and the error's message, in order. */
    private static final class Heard implements Flow.Subscriber<String> {
        final BlockingQueue<String> signals = new LinkedBlockingQueue<>();

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String item) {
            signals.add(item);
        }

        @Override
        public void onError(Throwable throwable) {
            signals.add("error: " + throwable.getMessage());
        }

        @Override
        public void onComplete() {
            signals.add("complete");
        }

        String next() throws InterruptedException {
            String signal = signals.poll(10, TimeUnit.SECONDS);
            assertThat(signal).as("a signal within 10 s").isNotNull();
            return signal;
        }
    }

    @Test
    void aFailingListenerEndsOnlyItsOwnStream() throws Exception {
        try (Changes changes = new Changes()) {
            Heard broken = new Heard();
            Heard failingFirst = new Heard();
            Heard working = new Heard();
            changes.<String>publisher(emit -> reaction(() -> emit.accept("first"), group -> {
                throw new IllegalStateException("cannot read the snapshot");
            })).subscribe(broken);
            changes.<String>publisher(emit -> reaction(() -> {
                throw new IllegalStateException("no first snapshot");
            }, group -> { })).subscribe(failingFirst);
            changes.<String>publisher(emit -> reaction(() -> emit.accept("first"), group -> emit.accept(group.size() + " change")))
                    .subscribe(working);
            assertThat(broken.next()).isEqualTo("first");
            assertThat(failingFirst.next()).isEqualTo("error: no first snapshot");
            assertThat(working.next()).isEqualTo("first");

            changes.committed(List.of(CHANGE));
            assertThat(broken.next()).isEqualTo("error: cannot read the snapshot");
            assertThat(working.next()).isEqualTo("1 change"); // listed after the broken one, still served
            changes.committed(List.of(CHANGE, CHANGE));
            assertThat(working.next()).isEqualTo("2 change");
        }
    }

    /**
     * A snapshot is read only after a commit that may change the last one a subscriber got, and
     * emitted only when it differs from that one.
     */
    @Test
    void snapshotsAreReadWhenACommitMayChangeThemAndEmittedWhenTheyDid() throws Exception {
        try (Changes changes = new Changes()) {
            AtomicReference<String> state = new AtomicReference<>("a");
            BlockingQueue<String> reads = new LinkedBlockingQueue<>();
            Heard heard = new Heard();
            changes.<String>snapshots((group, last) -> group.size() > 1, () -> { // a stand-in for "may change `last`"
                String read = state.get();
                reads.add(read);
                return read;
            }, String::equals).subscribe(heard);
            assertThat(heard.next()).isEqualTo("a");
            assertThat(reads.take()).isEqualTo("a");

            changes.committed(List.of(CHANGE)); // cannot change it: not read again
            changes.committed(List.of(CHANGE, CHANGE));
            assertThat(reads.poll(10, TimeUnit.SECONDS)).isEqualTo("a"); // read, the same: not emitted
            state.set("b");
            changes.committed(List.of(CHANGE, CHANGE));
            assertThat(heard.next()).isEqualTo("b");
            assertThat(reads.take()).isEqualTo("b");
            changes.committed(List.of(CHANGE));
            assertThat(heard.signals.poll(200, TimeUnit.MILLISECONDS)).isNull();
            assertThat(reads).isEmpty();
        }
    }

    @Test
    void aCommitReportedWhileClosingIsNotTheWritersFailure() throws Exception {
        Changes changes = new Changes();
        Heard heard = new Heard();
        changes.<String>publisher(emit -> reaction(() -> emit.accept("first"), group -> emit.accept("change"))).subscribe(heard);
        assertThat(heard.next()).isEqualTo("first");
        changes.close();
        assertThat(heard.next()).isEqualTo("complete");
        changes.committed(List.of(CHANGE)); // a writer that committed just as the store closed
        changes.cleared();
        assertThat(heard.signals.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    /** A listener's reaction that runs {@code start} first, then {@code changed} for each commit. */
    private static Changes.Reaction reaction(Runnable start, Consumer<List<StoreChange<?>>> changed) {
        return new Changes.Reaction() {
            @Override
            public void changed(List<StoreChange<?>> group) {
                changed.accept(group);
            }

            @Override
            public void start() {
                start.run();
            }
        };
    }
}
