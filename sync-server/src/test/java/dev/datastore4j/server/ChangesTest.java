package dev.datastore4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** Subscription feeds: a feed that cannot go on ends itself, never the mutation that published. */
class ChangesTest {
    /** The signals one subscriber got, in order. */
    private static final class Signals implements Subscriber<Object> {
        final BlockingQueue<String> heard = new LinkedBlockingQueue<>();

        @Override
        public void onSubscribe(Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Object item) {
            heard.add("item " + item);
        }

        @Override
        public void onError(Throwable throwable) {
            heard.add("error " + throwable.getMessage());
        }

        @Override
        public void onComplete() {
            heard.add("complete");
        }

        String next() throws InterruptedException {
            String signal = heard.poll(10, TimeUnit.SECONDS);
            assertThat(signal).as("a signal within 10 s").isNotNull();
            return signal;
        }
    }

    /** Matching stalled (here by a subscription's check), publishing waits once the backlog is full, and goes on after. */
    @Test
    void publishingWaitsWhileMatchingIsFarBehind() throws Exception {
        CountDownLatch stalled = new CountDownLatch(1);
        try (Changes changes = new Changes()) {
            changes.feed("Post", Changes.Kind.CREATE, null, record -> {
                try {
                    return stalled.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }, record -> record).subscribe(new Signals());
            ObjectNode record = ProtocolJson.JSON.createObjectNode().put("title", "t");
            Thread publisher = new Thread(() -> {
                for (int i = 0; i < Changes.MAX_WAITING + 2; i++) {
                    changes.publish("Post", Changes.Kind.CREATE, record);
                }
            });
            publisher.start();
            publisher.join(500);
            assertThat(publisher.isAlive()).as("publishing waits for room").isTrue();
            stalled.countDown();
            publisher.join(10_000);
            assertThat(publisher.isAlive()).as("publishing goes on once matching catches up").isFalse();
        }
    }

    @Test
    void aFeedWhoseFilterCannotBeReadEndsAloneAndTheMutationPublishes() throws Exception {
        try (Changes changes = new Changes()) {
            JsonNode unreadable = ProtocolJson.JSON.readTree("{\"title\": {\"bogus\": 1}}");
            Signals broken = new Signals();
            Signals working = new Signals();
            changes.feed("Post", Changes.Kind.CREATE, unreadable, record -> true, record -> record).subscribe(broken);
            changes.feed("Post", Changes.Kind.CREATE, null, record -> true, record -> record).subscribe(working);

            ObjectNode record = ProtocolJson.JSON.createObjectNode().put("title", "t");
            changes.publish("Post", Changes.Kind.CREATE, record); // does not throw
            assertThat(broken.next()).isEqualTo("error unknown filter operator: bogus");
            assertThat(working.next()).isEqualTo("item {title=t}");
            changes.publish("Post", Changes.Kind.CREATE, record);
            assertThat(working.next()).isEqualTo("item {title=t}");
            assertThat(broken.heard.poll(200, TimeUnit.MILLISECONDS)).isNull();
            assertThat(changes.subscriptions()).isEqualTo(1);
        }
    }
}
