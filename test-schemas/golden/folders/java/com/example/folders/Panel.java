package com.example.folders;

import dev.datastore4j.model.EmbeddedSchema;
import dev.datastore4j.model.EqualityField;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
import dev.datastore4j.model.ListField;
import dev.datastore4j.model.ModelChecks;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.Scalar;
import dev.datastore4j.model.StringField;
import java.net.URI;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Non-model type {@code Panel}, stored inside the models that use it.
 */
@Generated("dev.datastore4j.codegen")
public record Panel(String title, List<Panel> panels, List<Tab> tabs, URI link) {
    /**
     * Metadata the runtime reads and builds {@code Panel} values through.
     */
    public static final EmbeddedSchema<Panel> SCHEMA = EmbeddedSchema.of("Panel", Panel.class,
            () -> List.of(Panel.TITLE, Panel.PANELS, Panel.TABS, Panel.LINK), Panel::fromValues);

    /**
     * The field {@code title}: {@code String!}.
     */
    public static final StringField<Panel> TITLE = ModelField.ofString("title", FieldType.STRING,
            Panel::title, FieldFlag.REQUIRED);

    /**
     * The field {@code panels}: {@code [Panel!]}.
     */
    public static final ListField<Panel, Panel> PANELS = ModelField.ofList("panels",
            FieldType.listOf(FieldType.embedded(Panel.SCHEMA), true), Panel::panels);

    /**
     * The field {@code tabs}: {@code [Tab!]}.
     */
    public static final ListField<Panel, Tab> TABS = ModelField.ofList("tabs",
            FieldType.listOf(FieldType.embedded(Tab.SCHEMA), true), Panel::tabs);

    /**
     * The field {@code link}: {@code AWSURL}.
     */
    public static final EqualityField<Panel, URI> LINK = ModelField.ofEquality("link",
            FieldType.AWS_URL, Panel::link);

    public Panel {
        ModelChecks.required("Panel")
                .field("title", title)
                .check();
        panels = ModelChecks.immutableList("Panel", "panels", panels, true);
        tabs = ModelChecks.immutableList("Panel", "tabs", tabs, true);
        ModelChecks.valid("Panel", "link", Scalar.AWS_URL, link);
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

    private static Panel fromValues(FieldValues values) {
        return new Panel(
                values.get(TITLE),
                values.get(PANELS),
                values.get(TABS),
                values.get(LINK));
    }

    /**
     * Builds {@link Panel} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String title;

        private List<Panel> panels;

        private List<Tab> tabs;

        private URI link;

        private Builder() {
        }

        private Builder(Panel source) {
            this.title = source.title();
            this.panels = source.panels();
            this.tabs = source.tabs();
            this.link = source.link();
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder panels(List<Panel> panels) {
            this.panels = panels;
            return this;
        }

        public Builder tabs(List<Tab> tabs) {
            this.tabs = tabs;
            return this;
        }

        public Builder link(URI link) {
            this.link = link;
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         * @throws IllegalArgumentException naming a field whose value it cannot hold (a list with a null,
         *     a Float that is not a finite number, an AWSEmail that is no address, ...)
         */
        public Panel build() {
            return new Panel(title, panels, tabs, link);
        }
    }
}
