package dev.datastore4j.codegen.validate;

import dev.datastore4j.codegen.schema.FieldDef;
import dev.datastore4j.codegen.schema.ModelDef;
import dev.datastore4j.codegen.schema.Relation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders models so that every model comes after the models its foreign keys point at, which is
 * the order a sync must fetch them in. Ties and cycles fall back to schema order.
 */
final class ModelOrder {
    private ModelOrder() {}

    static List<ModelDef> parentsFirst(List<ModelDef> models) {
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        for (ModelDef model : models) {
            parents.computeIfAbsent(model.name(), k -> new LinkedHashSet<>());
            for (FieldDef field : model.fields()) {
                Relation relation = field.relation();
                if (relation == null || relation.relatedModel().equals(model.name())) {
                    continue;
                }
                if (relation.foreignKeyOnThisModel()) {
                    parents.get(model.name()).add(relation.relatedModel());
                } else {
                    parents.computeIfAbsent(relation.relatedModel(), k -> new LinkedHashSet<>()).add(model.name());
                }
            }
        }
        List<ModelDef> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        List<ModelDef> remaining = new ArrayList<>(models);
        while (!remaining.isEmpty()) {
            ModelDef next = remaining.stream()
                    .filter(m -> placed.containsAll(parents.get(m.name())))
                    .findFirst()
                    .orElse(remaining.get(0)); // a cycle: keep schema order
            ordered.add(next);
            placed.add(next.name());
            remaining.remove(next);
        }
        return ordered;
    }
}
