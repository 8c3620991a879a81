package dev.datastore4j.server;

import java.util.Map;

/**
 * A server-side conflict handler for {@link ConflictStrategy#CUSTOM}, where AppSync would call a
 * Lambda. Called when an update's {@code _version} is not the stored one, with both records as
 * maps of schema field names to JSON values (strings, numbers, booleans, lists, maps, null). A
 * delete at a stale version is not handed to it (its answer is a record to write): it is refused
 * with {@code ConflictUnhandled}, as under {@link ConflictStrategy#OPTIMISTIC_CONCURRENCY}.
 * Implementations are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.datastore4j.server.ConflictResolver} on the server's class path.
 *
 * <p>The server calls it outside its writes, so a resolver may take its time (ask another
 * service, say) without holding up other requests; it is called from many threads at once. Its
 * answer is written only over the record it was given: should the record change meanwhile, the
 * resolver is called again with the new one, up to five times in all, after which the mutation is
 * refused with {@code ConflictUnhandled}.
 */
public interface ConflictResolver {
    /**
     * The fields to write over the stored record (which then gets the next {@code _version}), or
     * null to reject the mutation with {@code ConflictUnhandled}, as {@link
     * ConflictStrategy#OPTIMISTIC_CONCURRENCY} does. A field left out keeps its stored value (a
     * null clears it), so {@code incoming} itself lets the mutation's changes win, and the key
     * fields stay the stored record's whatever the answer says. A record that no mutation could
     * write (a field the model lacks, a value not of its field's type, a required field null, a
     * record larger than AppSync's DynamoDB takes) is not written: the mutation fails with
     * {@code InternalFailure}, and the server's log says what is wrong.
     *
     * @param model the model's name, such as {@code Post}
     * @param server the stored record
     * @param incoming the fields the mutation sent (without {@code _version})
     */
    Map<String, Object> resolve(String model, Map<String, Object> server, Map<String, Object> incoming);
}
