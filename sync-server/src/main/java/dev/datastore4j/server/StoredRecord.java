package dev.datastore4j.server;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One record as the server keeps it: the model's fields as JSON (schema field names), and the
 * sync metadata. {@code key} is the primary key as a JSON array of its values.
 */
record StoredRecord(String model, String key, ObjectNode data, int version, boolean deleted, long lastChangedAt) {

    /** The record as the API returns it: its fields plus {@code _version}, {@code _deleted}, {@code _lastChangedAt}. */
    ObjectNode toApi() {
        ObjectNode api = data.deepCopy();
        api.put("_version", version);
        if (deleted) {
            api.put("_deleted", true);
        } else {
            api.putNull("_deleted");
        }
        api.put("_lastChangedAt", lastChangedAt);
        return api;
    }
}
