package dev.datastore4j.model;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;

/**
 * The GraphQL scalars a schema may use, with the Java type each maps to.
 *
 * <p>AWSEmail, AWSPhone and AWSIPAddress stay strings: the JDK has no type that holds every value
 * AppSync accepts (an AWSIPAddress may carry a CIDR suffix, for example) without changing it on a
 * round trip. AWSJSON is JSON text.
 */
public enum Scalar {
    ID("ID", String.class),
    STRING("String", String.class),
    INT("Int", Integer.class),
    FLOAT("Float", Double.class),
    BOOLEAN("Boolean", Boolean.class),
    AWS_DATE("AWSDate", LocalDate.class),
    AWS_TIME("AWSTime", LocalTime.class),
    AWS_DATE_TIME("AWSDateTime", OffsetDateTime.class),
    AWS_TIMESTAMP("AWSTimestamp", Instant.class),
    AWS_EMAIL("AWSEmail", String.class),
    AWS_JSON("AWSJSON", String.class),
    AWS_URL("AWSURL", URI.class),
    AWS_PHONE("AWSPhone", String.class),
    AWS_IP_ADDRESS("AWSIPAddress", String.class);

    private final String graphQlName;
    private final Class<?> javaType;

    Scalar(String graphQlName, Class<?> javaType) {
        this.graphQlName = graphQlName;
        this.javaType = javaType;
    }

    public String graphQlName() {
        return graphQlName;
    }

    public Class<?> javaType() {
        return javaType;
    }

    /**
     * What {@code value} of this scalar must be and is not, beyond its Java type, or null when it
     * is valid: a {@code Float} must be a finite number, a date or time must lie within the years
     * 0000-9999, an AWSEmail must be an address, and so on (what the sync server refuses).
     * Generated models check their fields with it.
     */
    public String problem(Object value) {
        return value == null ? null : ScalarRules.problem(this, value);
    }
}
