package dev.datastore4j.store;

import com.example.blog.DataStoreModels;
import com.example.blog.Post;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link CrashTest}: saves posts in a loop and prints each id once its save
 * has returned, until the parent kills it.
 */
public final class CrashWorker {
    private CrashWorker() {}

    public static void main(String[] args) {
        DataStore store = DataStore.open(DataStoreModels.REGISTRY, Path.of(args[0]));
        for (int i = 0; ; i++) {
            Post post = store.save(Post.builder().title("crash " + args[1] + "-" + i).rating(i).build());
            if (i % 7 == 3) {
                store.save(post.toBuilder().content("edited").build()); // merged into the create
            }
            System.out.println(post.id());
            System.out.flush();
        }
    }
}
