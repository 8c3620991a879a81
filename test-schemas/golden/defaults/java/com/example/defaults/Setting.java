package com.example.defaults;

import dev.datastore4j.model.ComparableField;
import dev.datastore4j.model.EqualityField;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
import dev.datastore4j.model.Model;
import dev.datastore4j.model.ModelChecks;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelIds;
import dev.datastore4j.model.ModelOperations;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.Scalar;
import dev.datastore4j.model.StringField;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import javax.annotation.processing.Generated;

/**
 * Model {@code Setting}; key: {@code id}.
 */
@Generated("dev.datastore4j.codegen")
public record Setting(String id, String name, Integer count, Double ratio, Boolean enabled,
        Level level, LocalDate day, LocalTime alarm, OffsetDateTime since, Instant stamp,
        String email, String options, URI help, String phone, String network,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) implements Model {
    /**
     * The field {@code id}: {@code ID!}.
     */
    public static final StringField<Setting> ID = ModelField.ofString("id", FieldType.ID,
            Setting::id, FieldFlag.REQUIRED);

    /**
     * The field {@code name}: {@code String!}; default "unnamed".
     */
    public static final StringField<Setting> NAME = ModelField.ofString("name", FieldType.STRING,
            Setting::name, FieldFlag.REQUIRED);

    /**
     * The field {@code count}: {@code Int!}; default 3.
     */
    public static final ComparableField<Setting, Integer> COUNT = ModelField.ofComparable("count",
            FieldType.INT, Setting::count, FieldFlag.REQUIRED);

    /**
     * The field {@code ratio}: {@code Float!}; default 0.5.
     */
    public static final ComparableField<Setting, Double> RATIO = ModelField.ofComparable("ratio",
            FieldType.FLOAT, Setting::ratio, FieldFlag.REQUIRED);

    /**
     * The field {@code enabled}: {@code Boolean!}; default true.
     */
    public static final EqualityField<Setting, Boolean> ENABLED = ModelField.ofEquality("enabled",
            FieldType.BOOLEAN, Setting::enabled, FieldFlag.REQUIRED);

    /**
     * The field {@code level}: {@code Level!}; default LOW.
     */
    public static final EqualityField<Setting, Level> LEVEL = ModelField.ofEquality("level",
            FieldType.ofEnum("Level", Level.class, Level.values()), Setting::level,
            FieldFlag.REQUIRED);

    /**
     * The field {@code day}: {@code AWSDate!}; default "2026-01-31".
     */
    public static final ComparableField<Setting, LocalDate> DAY = ModelField.ofComparable("day",
            FieldType.AWS_DATE, Setting::day, FieldFlag.REQUIRED);

    /**
     * The field {@code alarm}: {@code AWSTime!}; default "07:30".
     */
    public static final ComparableField<Setting, LocalTime> ALARM = ModelField.ofComparable("alarm",
            FieldType.AWS_TIME, Setting::alarm, FieldFlag.REQUIRED);

    /**
     * The field {@code since}: {@code AWSDateTime!}; default "2026-01-31T07:30:00+01:00".
     */
    public static final ComparableField<Setting, OffsetDateTime> SINCE = ModelField.ofComparable(
            "since", FieldType.AWS_DATE_TIME, Setting::since, FieldFlag.REQUIRED);

    /**
     * The field {@code stamp}: {@code AWSTimestamp!}; default 1767225600.
     */
    public static final ComparableField<Setting, Instant> STAMP = ModelField.ofComparable("stamp",
            FieldType.AWS_TIMESTAMP, Setting::stamp, FieldFlag.REQUIRED);

    /**
     * The field {@code email}: {@code AWSEmail!}; default "nobody{@literal @}example.com".
     */
    public static final StringField<Setting> EMAIL = ModelField.ofString("email",
            FieldType.AWS_EMAIL, Setting::email, FieldFlag.REQUIRED);

    /**
     * The field {@code options}: {@code AWSJSON!}; default "{"theme": ["dark"]}".
     */
    public static final StringField<Setting> OPTIONS = ModelField.ofString("options",
            FieldType.AWS_JSON, Setting::options, FieldFlag.REQUIRED);

    /**
     * The field {@code help}: {@code AWSURL!}; default "https://example.com/help".
     */
    public static final EqualityField<Setting, URI> HELP = ModelField.ofEquality("help",
            FieldType.AWS_URL, Setting::help, FieldFlag.REQUIRED);

    /**
     * The field {@code phone}: {@code AWSPhone!}; default "+1 555 0100".
     */
    public static final StringField<Setting> PHONE = ModelField.ofString("phone",
            FieldType.AWS_PHONE, Setting::phone, FieldFlag.REQUIRED);

    /**
     * The field {@code network}: {@code AWSIPAddress!}; default "192.0.2.0/24".
     */
    public static final StringField<Setting> NETWORK = ModelField.ofString("network",
            FieldType.AWS_IP_ADDRESS, Setting::network, FieldFlag.REQUIRED);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Setting, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Setting::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Setting, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Setting::updatedAt, FieldFlag.READ_ONLY);

    /**
     * Metadata the runtime reads and builds {@code Setting} instances through.
     */
    public static final ModelSchema<Setting> SCHEMA = ModelSchema.builder(Setting.class, "Setting",
            "Settings")
            .fields(ID, NAME, COUNT, RATIO, ENABLED, LEVEL, DAY, ALARM, SINCE, STAMP, EMAIL,
                    OPTIONS, HELP, PHONE, NETWORK, CREATED_AT, UPDATED_AT)
            .primaryKey(ID)
            .defaultValue(NAME, "unnamed")
            .defaultValue(COUNT, 3)
            .defaultValue(RATIO, 0.5)
            .defaultValue(ENABLED, true)
            .defaultValue(LEVEL, Level.LOW)
            .defaultValue(DAY, LocalDate.parse("2026-01-31"))
            .defaultValue(ALARM, LocalTime.parse("07:30"))
            .defaultValue(SINCE, OffsetDateTime.parse("2026-01-31T07:30:00+01:00"))
            .defaultValue(STAMP, Instant.ofEpochSecond(1767225600L))
            .defaultValue(EMAIL, "nobody@example.com")
            .defaultValue(OPTIONS, "{\"theme\": [\"dark\"]}")
            .defaultValue(HELP, URI.create("https://example.com/help"))
            .defaultValue(PHONE, "+1 555 0100")
            .defaultValue(NETWORK, "192.0.2.0/24")
            .operations(new ModelOperations("getSetting", "listSettings", "syncSettings",
                    "createSetting", "updateSetting", "deleteSetting", "onCreateSetting",
                    "onUpdateSetting", "onDeleteSetting"))
            .factory(Setting::fromValues)
            .build();

    public Setting {
        ModelChecks.required("Setting")
                .field("id", id)
                .field("name", name)
                .field("count", count)
                .field("ratio", ratio)
                .field("enabled", enabled)
                .field("level", level)
                .field("day", day)
                .field("alarm", alarm)
                .field("since", since)
                .field("stamp", stamp)
                .field("email", email)
                .field("options", options)
                .field("help", help)
                .field("phone", phone)
                .field("network", network)
                .check();
        ModelChecks.valid("Setting", "ratio", Scalar.FLOAT, ratio);
        ModelChecks.valid("Setting", "day", Scalar.AWS_DATE, day);
        ModelChecks.valid("Setting", "since", Scalar.AWS_DATE_TIME, since);
        ModelChecks.valid("Setting", "stamp", Scalar.AWS_TIMESTAMP, stamp);
        ModelChecks.valid("Setting", "email", Scalar.AWS_EMAIL, email);
        ModelChecks.valid("Setting", "options", Scalar.AWS_JSON, options);
        ModelChecks.valid("Setting", "help", Scalar.AWS_URL, help);
        ModelChecks.valid("Setting", "phone", Scalar.AWS_PHONE, phone);
        ModelChecks.valid("Setting", "network", Scalar.AWS_IP_ADDRESS, network);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts from this instance's values.
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static Setting fromValues(FieldValues values) {
        return new Setting(
                values.get(ID),
                values.get(NAME),
                values.get(COUNT),
                values.get(RATIO),
                values.get(ENABLED),
                values.get(LEVEL),
                values.get(DAY),
                values.get(ALARM),
                values.get(SINCE),
                values.get(STAMP),
                values.get(EMAIL),
                values.get(OPTIONS),
                values.get(HELP),
                values.get(PHONE),
                values.get(NETWORK),
                values.get(CREATED_AT),
                values.get(UPDATED_AT));
    }

    /**
     * Builds {@link Setting} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id = ModelIds.newId();

        private String name = "unnamed";

        private Integer count = 3;

        private Double ratio = 0.5;

        private Boolean enabled = true;

        private Level level = Level.LOW;

        private LocalDate day = LocalDate.parse("2026-01-31");

        private LocalTime alarm = LocalTime.parse("07:30");

        private OffsetDateTime since = OffsetDateTime.parse("2026-01-31T07:30:00+01:00");

        private Instant stamp = Instant.ofEpochSecond(1767225600L);

        private String email = "nobody@example.com";

        private String options = "{\"theme\": [\"dark\"]}";

        private URI help = URI.create("https://example.com/help");

        private String phone = "+1 555 0100";

        private String network = "192.0.2.0/24";

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private Builder() {
        }

        private Builder(Setting source) {
            this.id = source.id();
            this.name = source.name();
            this.count = source.count();
            this.ratio = source.ratio();
            this.enabled = source.enabled();
            this.level = source.level();
            this.day = source.day();
            this.alarm = source.alarm();
            this.since = source.since();
            this.stamp = source.stamp();
            this.email = source.email();
            this.options = source.options();
            this.help = source.help();
            this.phone = source.phone();
            this.network = source.network();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder count(Integer count) {
            this.count = count;
            return this;
        }

        public Builder ratio(Double ratio) {
            this.ratio = ratio;
            return this;
        }

        public Builder enabled(Boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        public Builder level(Level level) {
            this.level = level;
            return this;
        }

        public Builder day(LocalDate day) {
            this.day = day;
            return this;
        }

        public Builder alarm(LocalTime alarm) {
            this.alarm = alarm;
            return this;
        }

        public Builder since(OffsetDateTime since) {
            this.since = since;
            return this;
        }

        public Builder stamp(Instant stamp) {
            this.stamp = stamp;
            return this;
        }

        public Builder email(String email) {
            this.email = email;
            return this;
        }

        public Builder options(String options) {
            this.options = options;
            return this;
        }

        public Builder help(URI help) {
            this.help = help;
            return this;
        }

        public Builder phone(String phone) {
            this.phone = phone;
            return this;
        }

        public Builder network(String network) {
            this.network = network;
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         * @throws IllegalArgumentException naming a field whose value it cannot hold (a list with a null,
         *     a Float that is not a finite number, an AWSEmail that is no address, ...)
         */
        public Setting build() {
            return new Setting(id, name, count, ratio, enabled, level, day, alarm, since, stamp,
                    email, options, help, phone, network, createdAt, updatedAt);
        }
    }
}
