package dev.datastore4j.codegen.java;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.Map;

/**
 * Names of the runtime types generated code uses, and the Java type of each scalar. The runtime is
 * not a dependency of the generator (apps must not ship a schema parser, and the generator must
 * not need the runtime); the golden tests compile the output against the runtime to keep the two
 * in step.
 */
final class RuntimeTypes {
    private static final String MODEL = "dev.datastore4j.model";

    static final ClassName MODEL_INTERFACE = ClassName.get(MODEL, "Model");
    static final ClassName MODEL_SCHEMA = ClassName.get(MODEL, "ModelSchema");
    static final ClassName EMBEDDED_SCHEMA = ClassName.get(MODEL, "EmbeddedSchema");
    static final ClassName MODEL_REGISTRY = ClassName.get(MODEL, "ModelRegistry");
    static final ClassName MODEL_FIELD = ClassName.get(MODEL, "ModelField");
    static final ClassName EQUALITY_FIELD = ClassName.get(MODEL, "EqualityField");
    static final ClassName COMPARABLE_FIELD = ClassName.get(MODEL, "ComparableField");
    static final ClassName STRING_FIELD = ClassName.get(MODEL, "StringField");
    static final ClassName LIST_FIELD = ClassName.get(MODEL, "ListField");
    static final ClassName FIELD_TYPE = ClassName.get(MODEL, "FieldType");
    static final ClassName FIELD_FLAG = ClassName.get(MODEL, "FieldFlag");
    static final ClassName FIELD_VALUES = ClassName.get(MODEL, "FieldValues");
    static final ClassName MODEL_CHECKS = ClassName.get(MODEL, "ModelChecks");
    static final ClassName INDEX_INFO = ClassName.get(MODEL, "IndexInfo");
    static final ClassName RELATIONSHIP = ClassName.get(MODEL, "Relationship");
    static final ClassName AUTH_RULE = ClassName.get(MODEL, "AuthRule");
    static final ClassName MODEL_OPERATIONS = ClassName.get(MODEL, "ModelOperations");
    static final ClassName MODEL_REFERENCE = ClassName.get(MODEL, "ModelReference");
    static final ClassName HAS_MANY = ClassName.get(MODEL, "HasMany");
    static final ClassName MODEL_IDENTIFIER = ClassName.get(MODEL, "ModelIdentifier");
    static final ClassName MODEL_IDS = ClassName.get(MODEL, "ModelIds");
    static final ClassName TIMESTAMPS = ClassName.get(MODEL, "Timestamps");
    static final ClassName SCALAR = ClassName.get(MODEL, "Scalar");

    static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");
    static final ClassName LIST = ClassName.get("java.util", "List");

    /**
     * Java type and FieldType constant of each scalar; mirrors the runtime's {@code Scalar} enum.
     * {@code checked}: the runtime's {@code ModelChecks.valid} has a rule for its values beyond
     * the Java type (a finite Float, a date within the years 0000-9999, an AWSEmail that is an
     * address, ...).
     */
    record ScalarInfo(TypeName javaType, String constant, FieldKind kind, boolean checked) {
        ScalarInfo(TypeName javaType, String constant, FieldKind kind) {
            this(javaType, constant, kind, false);
        }
    }

    /** Which typed field class a value gets, and so which operators compile against it. */
    enum FieldKind {
        STRING,
        COMPARABLE,
        EQUALITY
    }

    private static final ClassName STRING = ClassName.get(String.class);

    static final Map<String, ScalarInfo> SCALARS = Map.ofEntries(
            Map.entry("ID", new ScalarInfo(STRING, "ID", FieldKind.STRING)),
            Map.entry("String", new ScalarInfo(STRING, "STRING", FieldKind.STRING)),
            Map.entry("Int", new ScalarInfo(ClassName.get(Integer.class), "INT", FieldKind.COMPARABLE)),
            Map.entry("Float", new ScalarInfo(ClassName.get(Double.class), "FLOAT", FieldKind.COMPARABLE, true)),
            Map.entry("Boolean", new ScalarInfo(ClassName.get(Boolean.class), "BOOLEAN", FieldKind.EQUALITY)),
            Map.entry("AWSDate", new ScalarInfo(ClassName.get("java.time", "LocalDate"), "AWS_DATE",
                    FieldKind.COMPARABLE, true)),
            Map.entry("AWSTime", new ScalarInfo(ClassName.get("java.time", "LocalTime"), "AWS_TIME",
                    FieldKind.COMPARABLE)),
            Map.entry("AWSDateTime", new ScalarInfo(ClassName.get("java.time", "OffsetDateTime"), "AWS_DATE_TIME",
                    FieldKind.COMPARABLE, true)),
            Map.entry("AWSTimestamp", new ScalarInfo(ClassName.get("java.time", "Instant"), "AWS_TIMESTAMP",
                    FieldKind.COMPARABLE, true)),
            Map.entry("AWSEmail", new ScalarInfo(STRING, "AWS_EMAIL", FieldKind.STRING, true)),
            Map.entry("AWSJSON", new ScalarInfo(STRING, "AWS_JSON", FieldKind.STRING, true)),
            Map.entry("AWSURL", new ScalarInfo(ClassName.get("java.net", "URI"), "AWS_URL", FieldKind.EQUALITY, true)),
            Map.entry("AWSPhone", new ScalarInfo(STRING, "AWS_PHONE", FieldKind.STRING, true)),
            Map.entry("AWSIPAddress", new ScalarInfo(STRING, "AWS_IP_ADDRESS", FieldKind.STRING, true)));

    private RuntimeTypes() {}
}
