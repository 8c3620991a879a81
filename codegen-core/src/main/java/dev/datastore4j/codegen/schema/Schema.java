package dev.datastore4j.codegen.schema;

import java.util.List;
import java.util.Optional;

/**
 * A validated schema: models in dependency order (parents before children), enums and embedded
 * types in schema order. Everything the generators need is resolved here; they never look at the
 * GraphQL syntax tree.
 */
public record Schema(List<ModelDef> models, List<EnumDef> enums, List<EmbeddedDef> embeddedTypes) {
    public Schema {
        models = List.copyOf(models);
        enums = List.copyOf(enums);
        embeddedTypes = List.copyOf(embeddedTypes);
    }

    public Optional<ModelDef> model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
