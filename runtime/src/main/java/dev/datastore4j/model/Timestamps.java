package dev.datastore4j.model;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Times for new records, as generated builders start a timestamp the schema declares required
 * with them ({@code createdAt: AWSDateTime!}, declared to be an index's sort key, say): the
 * current time in UTC, to the millisecond, as AppSync writes its own. A record must hold a value
 * for a required field from the moment it is built, offline too (where it sorts by it at once),
 * and the server keeps a timestamp a create gives it. One the schema leaves optional starts
 * empty, for the server to set.
 */
public final class Timestamps {
    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'");

    private Timestamps() {}

    /** The current time for an {@code AWSDateTime} timestamp. */
    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    /** The current time for a timestamp kept as text ({@code createdAt: String!}): {@code 2026-11-28T17:40:00.123Z}. */
    public static String nowText() {
        return TEXT.format(now());
    }
}
