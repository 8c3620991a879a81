package dev.datastore4j.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A subscriber that requests everything and collects what a publisher emits, each item as {@code
 * onItem} makes it (on the delivery thread), and an error as itself.
 */
final class Collector<T> implements Flow.Subscriber<T> {
    static final Duration WAIT = Duration.ofSeconds(10);

    final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
    final CountDownLatch completed = new CountDownLatch(1);
    private final Function<T, Object> onItem;
    volatile Flow.Subscription subscription;

    Collector(Function<T, Object> onItem) {
        this.onItem = onItem;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(T item) {
        items.add(onItem.apply(item));
    }

    @Override
    public void onError(Throwable throwable) {
        items.add(throwable);
    }

    @Override
    public void onComplete() {
        completed.countDown();
    }

    Object next() throws InterruptedException {
        Object item = items.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(item).as("an item within %s", WAIT).isNotNull();
        return item;
    }

    void expectNothing() throws InterruptedException {
        assertThat(items.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }
}
