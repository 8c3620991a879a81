package com.example.folders;

import dev.datastore4j.model.EmbeddedSchema;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
import dev.datastore4j.model.ModelChecks;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.StringField;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Non-model type {@code Tab}, stored inside the models that use it.
 */
@Generated("dev.datastore4j.codegen")
public record Tab(String label, Panel content) {
    /**
     * Metadata the runtime reads and builds {@code Tab} values through.
     */
    public static final EmbeddedSchema<Tab> SCHEMA = EmbeddedSchema.of("Tab", Tab.class,
            () -> List.of(Tab.LABEL, Tab.CONTENT), Tab::fromValues);

    /**
     * The field {@code label}: {@code String!}.
     */
    public static final StringField<Tab> LABEL = ModelField.ofString("label", FieldType.STRING,
            Tab::label, FieldFlag.REQUIRED);

    /**
     * The field {@code content}: {@code Panel}.
     */
    public static final ModelField<Tab, Panel> CONTENT = ModelField.of("content",
            FieldType.embedded(Panel.SCHEMA), Tab::content);

    public Tab {
        ModelChecks.required("Tab")
                .field("label", label)
                .check();
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

    private static Tab fromValues(FieldValues values) {
        return new Tab(
                values.get(LABEL),
                values.get(CONTENT));
    }

    /**
     * Builds {@link Tab} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String label;

        private Panel content;

        private Builder() {
        }

        private Builder(Tab source) {
            this.label = source.label();
            this.content = source.content();
        }

        public Builder label(String label) {
            this.label = label;
            return this;
        }

        public Builder content(Panel content) {
            this.content = content;
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public Tab build() {
            return new Tab(label, content);
        }
    }
}
