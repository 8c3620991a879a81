package com.example.chat;

import dev.datastore4j.model.ComparableField;
import dev.datastore4j.model.EmbeddedSchema;
import dev.datastore4j.model.EqualityField;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
import dev.datastore4j.model.ModelChecks;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.Scalar;
import dev.datastore4j.model.StringField;
import java.net.URI;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * A file sent with a message.
 *
 * <p>Non-model type {@code Attachment}, stored inside the models that use it.
 *
 * @param size Size in bytes.
 */
@Generated("dev.datastore4j.codegen")
public record Attachment(URI url, String name, Integer size, AttachmentKind kind) {
    /**
     * Metadata the runtime reads and builds {@code Attachment} values through.
     */
    public static final EmbeddedSchema<Attachment> SCHEMA = EmbeddedSchema.of("Attachment",
            Attachment.class, () -> List.of(Attachment.URL, Attachment.NAME, Attachment.SIZE,
            Attachment.KIND), Attachment::fromValues);

    /**
     * The field {@code url}: {@code AWSURL!}.
     */
    public static final EqualityField<Attachment, URI> URL = ModelField.ofEquality("url",
            FieldType.AWS_URL, Attachment::url, FieldFlag.REQUIRED);

    /**
     * The field {@code name}: {@code String}.
     */
    public static final StringField<Attachment> NAME = ModelField.ofString("name", FieldType.STRING,
            Attachment::name);

    /**
     * The field {@code size}: {@code Int}.
     */
    public static final ComparableField<Attachment, Integer> SIZE = ModelField.ofComparable("size",
            FieldType.INT, Attachment::size);

    /**
     * The field {@code kind}: {@code AttachmentKind}.
     */
    public static final EqualityField<Attachment, AttachmentKind> KIND = ModelField.ofEquality(
            "kind",
            FieldType.ofEnum("AttachmentKind", AttachmentKind.class, AttachmentKind.values()),
            Attachment::kind);

    public Attachment {
        ModelChecks.required("Attachment")
                .field("url", url)
                .check();
        ModelChecks.valid("Attachment", "url", Scalar.AWS_URL, url);
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

    private static Attachment fromValues(FieldValues values) {
        return new Attachment(
                values.get(URL),
                values.get(NAME),
                values.get(SIZE),
                values.get(KIND));
    }

    /**
     * Builds {@link Attachment} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private URI url;

        private String name;

        private Integer size;

        private AttachmentKind kind;

        private Builder() {
        }

        private Builder(Attachment source) {
            this.url = source.url();
            this.name = source.name();
            this.size = source.size();
            this.kind = source.kind();
        }

        public Builder url(URI url) {
            this.url = url;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * Size in bytes.
         */
        public Builder size(Integer size) {
            this.size = size;
            return this;
        }

        public Builder kind(AttachmentKind kind) {
            this.kind = kind;
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         * @throws IllegalArgumentException naming a field whose value it cannot hold (a list with a null,
         *     a Float that is not a finite number, an AWSEmail that is no address, ...)
         */
        public Attachment build() {
            return new Attachment(url, name, size, kind);
        }
    }
}
