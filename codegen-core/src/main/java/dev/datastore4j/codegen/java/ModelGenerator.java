package dev.datastore4j.codegen.java;

import static dev.datastore4j.codegen.java.RuntimeTypes.AUTH_RULE;
import static dev.datastore4j.codegen.java.RuntimeTypes.LIST;
import static dev.datastore4j.codegen.java.RuntimeTypes.MODEL_SCHEMA;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.datastore4j.codegen.schema.AuthRuleDef;
import dev.datastore4j.codegen.schema.FieldDef;
import dev.datastore4j.codegen.schema.IndexDef;
import dev.datastore4j.codegen.schema.ModelDef;
import dev.datastore4j.codegen.schema.Names;
import dev.datastore4j.codegen.schema.Operations;
import dev.datastore4j.codegen.schema.Relation;
import dev.datastore4j.codegen.schema.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/** One {@code @model} type → an immutable record with typed field constants, schema and builder. */
final class ModelGenerator {
    private final String packageName;
    private final Schema schema;

    ModelGenerator(String packageName, Schema schema) {
        this.packageName = packageName;
        this.schema = schema;
    }

    TypeSpec generate(ModelDef model) {
        List<FieldDef> fields = model.valueFields();
        RecordParts parts = new RecordParts(packageName, model.name(), fields);
        ClassName self = parts.self();
        TypeSpec.Builder type = TypeSpec.recordBuilder(self)
                .addModifiers(Modifier.PUBLIC)
                .alwaysQualify(parts.typeShadowingNames())
                .addSuperinterface(RuntimeTypes.MODEL_INTERFACE)
                .addAnnotation(JavaGenerator.generatedAnnotation())
                .addJavadoc(classJavadoc(model))
                .recordConstructor(parts.recordConstructor().build());
        for (FieldDef field : fields) {
            type.addField(parts.constant(field));
        }
        type.addField(schema(model, self, parts));
        Map<String, CodeBlock> initializers = initializers(model, parts);
        // a required updatedAt of the schema's own starts afresh in a copy too: the copy is a change
        Set<String> restarted = initializers.containsKey(model.updatedAtField()) ? Set.of(model.updatedAtField()) : Set.of();
        parts.builderMethods(restarted).forEach(type::addMethod);
        if (model.hasCompositeKey()) {
            type.addType(identifierType(model, parts));
            type.addMethod(identifierMethod(model, self));
        }
        for (FieldDef field : model.fields()) {
            if (field.isRelation()) {
                type.addMethod(relationAccessor(field));
            }
        }
        type.addMethod(parts.fromValues());
        type.addType(parts.builder(initializers, restarted, parentSetters(model, self)));
        return type.build();
    }

    private static CodeBlock classJavadoc(ModelDef model) {
        CodeBlock.Builder doc = CodeBlock.builder();
        if (model.description() != null) {
            doc.add("$L\n\n", Javadoc.escape(model.description()));
        } else if (model.joinModel()) {
            doc.add("Join model that {@code @manyToMany} creates between its two sides.\n\n");
        }
        doc.add(model.description() == null && !model.joinModel() ? "" : "<p>").add("Model {@code $L}; key: {@code $L}.\n", model.name(), String.join(", ", model.primaryKey()));
        for (FieldDef field : model.valueFields()) {
            if (field.description() != null) {
                doc.add("\n@param $L $L", field.name(), Javadoc.escape(field.description()));
            }
        }
        return doc.build();
    }

    private FieldSpec schema(ModelDef model, ClassName self, RecordParts parts) {
        CodeBlock.Builder init = CodeBlock.builder()
                .add("$T.builder($T.class,$W$S,$W$S)$>$>", MODEL_SCHEMA, self, model.name(), model.pluralName());
        init.add("\n.fields($L)", constants(model.valueFields().stream().map(FieldDef::name).toList()));
        init.add("\n.primaryKey($L)", constants(model.primaryKey()));
        for (FieldDef field : model.valueFields()) {
            if (field.defaultValue() != null) {
                init.add("\n.defaultValue($N,$W$L)", RecordParts.constantName(field), parts.defaultValue(field));
            }
        }
        for (IndexDef index : model.indexes()) {
            init.add("\n.index(new $T($S,$W$L,$W$S))", RuntimeTypes.INDEX_INFO, index.name(),
                    strings(index.fields()), index.queryField());
        }
        for (FieldDef field : model.fields()) {
            if (field.isRelation()) {
                init.add("\n.relationship($L)", relationship(field));
            }
        }
        if (!model.authRules().isEmpty()) {
            init.add("\n.authRules($L)", authRules(model.authRules()));
        }
        for (FieldDef field : model.fields()) {
            if (!field.authRules().isEmpty()) {
                init.add("\n.fieldAuthRules($S,$W$L)", field.name(), authRules(field.authRules()));
            }
        }
        Operations ops = model.operations();
        init.add("\n.operations(new $T($S,$W$S,$W$S,$W$S,$W$S,$W$S,$W$S,$W$S,$W$S))", RuntimeTypes.MODEL_OPERATIONS,
                ops.get(), ops.list(), ops.sync(), ops.create(), ops.update(), ops.delete(), ops.onCreate(),
                ops.onUpdate(), ops.onDelete());
        init.add("\n.factory($T::fromValues)\n.build()$<$<", self);
        return FieldSpec.builder(ParameterizedTypeName.get(MODEL_SCHEMA, self), "SCHEMA",
                        Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("Metadata the runtime reads and builds {@code $L} instances through.\n", model.name())
                .initializer(init.build())
                .build();
    }

    private static CodeBlock relationship(FieldDef field) {
        Relation relation = field.relation();
        String factory = switch (relation.kind()) {
            case BELONGS_TO -> "belongsTo";
            case HAS_MANY -> "hasMany";
            case HAS_ONE -> relation.foreignKeyOnThisModel() ? "hasOne" : "hasOneReferenced";
        };
        return CodeBlock.of("$T.$N($S,$W$S,$W$L)", RuntimeTypes.RELATIONSHIP, factory, field.name(),
                relation.relatedModel(), strings(relation.foreignKeyFields()));
    }

    private static CodeBlock authRules(List<AuthRuleDef> rules) {
        CodeBlock.Builder list = CodeBlock.builder();
        for (int i = 0; i < rules.size(); i++) {
            list.add(i == 0 ? "$>$>" : ",\n").add(authRule(rules.get(i)));
        }
        return list.add("$<$<").build();
    }

    private static CodeBlock authRule(AuthRuleDef rule) {
        CodeBlock provider = CodeBlock.of("$T.Provider.$N", AUTH_RULE, constant(rule.provider()));
        // Like strings(): a list that wraps continues deeper than the line it starts on.
        CodeBlock.Builder operations = CodeBlock.builder().add("$T.of($>$>", LIST);
        for (int i = 0; i < rule.operations().size(); i++) {
            operations.add(i == 0 ? "$T.Operation.$N" : ",$W$T.Operation.$N", AUTH_RULE,
                    rule.operations().get(i).toUpperCase(Locale.ROOT));
        }
        CodeBlock ops = operations.add(")$<$<").build();
        return switch (rule.allow()) {
            case "owner" -> CodeBlock.of("$T.owner($L,$W$S,$W$S,$W$L)", AUTH_RULE, provider, rule.ownerField(),
                    rule.identityClaim(), ops);
            case "groups" -> CodeBlock.of("$T.groups($L,$W$S,$W$L,$W$S,$W$L)", AUTH_RULE, provider, rule.groupClaim(),
                    strings(rule.groups()), rule.groupsField(), ops);
            case "private" -> CodeBlock.of("$T.privateAccess($L,$W$L)", AUTH_RULE, provider, ops);
            case "public" -> CodeBlock.of("$T.publicAccess($L,$W$L)", AUTH_RULE, provider, ops);
            default -> CodeBlock.of("$T.custom($L,$W$L)", AUTH_RULE, provider, ops);
        };
    }

    /** {@code userPools -> USER_POOLS}. */
    private static String constant(String camel) {
        return Names.constantCase(camel);
    }

    private MethodSpec relationAccessor(FieldDef field) {
        Relation relation = field.relation();
        ClassName related = ClassName.get(packageName, relation.relatedModel());
        boolean many = relation.kind() == Relation.Kind.HAS_MANY;
        // The predicate pairs the key fields on the child side with values held by this model.
        List<String> keysOnRelated = relation.foreignKeyOnThisModel() ? relation.relatedKeyFields()
                : relation.foreignKeyFields();
        List<String> valuesHere = relation.foreignKeyOnThisModel() ? relation.foreignKeyFields()
                : relation.relatedKeyFields();
        CodeBlock.Builder predicate = CodeBlock.builder();
        for (int i = 0; i < keysOnRelated.size(); i++) {
            predicate.add(i == 0 ? "$T.$N.eq($N)" : ".and($T.$N.eq($N))", related,
                    Names.fieldConstant(keysOnRelated.get(i)), valuesHere.get(i));
        }
        MethodSpec.Builder method = MethodSpec.methodBuilder(field.name()).addModifiers(Modifier.PUBLIC);
        if (field.description() != null) {
            method.addJavadoc("$L\n\n", Javadoc.escape(field.description()));
        }
        if (many) {
            List<String> sortFields = schema.model(relation.relatedModel()).orElseThrow().childSortFields(relation);
            method.returns(ParameterizedTypeName.get(RuntimeTypes.HAS_MANY, related))
                    .addJavadoc("The {@code $L} children of this model, queried only when loaded.\n",
                            relation.relatedModel());
            if (sortFields.isEmpty()) {
                method.addStatement("return $T.of($T.SCHEMA,$W$L)", RuntimeTypes.HAS_MANY, related, predicate.build());
            } else {
                CodeBlock sort = CodeBlock.join(sortFields.stream()
                        .map(f -> CodeBlock.of("$T.$N.ascending()", related, Names.fieldConstant(f))).toList(), ",$W");
                method.addJavadoc("They come sorted by {@code $L}, then by key.\n", String.join(", ", sortFields))
                        .addStatement("return $T.of($T.SCHEMA,$W$L,$W$T.of($L))", RuntimeTypes.HAS_MANY, related,
                                predicate.build(), ClassName.get(List.class), sort);
            }
        } else {
            method.returns(ParameterizedTypeName.get(RuntimeTypes.MODEL_REFERENCE, related))
                    .addJavadoc("The related {@code $L}, loaded only when asked for.\n", relation.relatedModel());
            if (relation.foreignKeyOnThisModel()) {
                CodeBlock absent = CodeBlock.join(valuesHere.stream().map(v -> CodeBlock.of("$N == null", v))
                        .toList(), " || ");
                method.addStatement("return $T.of($T.SCHEMA,$W$L ? null :$W$L)", RuntimeTypes.MODEL_REFERENCE, related,
                        absent, predicate.build());
            } else {
                method.addStatement("return $T.of($T.SCHEMA,$W$L)", RuntimeTypes.MODEL_REFERENCE, related,
                        predicate.build());
            }
        }
        return method.build();
    }

    private static Map<String, CodeBlock> initializers(ModelDef model, RecordParts parts) {
        Map<String, CodeBlock> initializers = new LinkedHashMap<>();
        if (model.field("id").map(f -> f.type().name().equals("ID") && !f.type().list()).orElse(false)) {
            initializers.put("id", CodeBlock.of("$T.newId()", RuntimeTypes.MODEL_IDS));
        }
        for (FieldDef field : model.valueFields()) {
            if (field.defaultValue() != null) {
                initializers.put(field.name(), parts.defaultValue(field));
            }
            // a timestamp the schema declares required starts as the time of building (see Timestamps)
            if (model.isTimestamp(field.name()) && !field.readOnly() && field.type().required()) {
                initializers.put(field.name(), CodeBlock.of(field.type().name().equals("String") ? "$T.nowText()" : "$T.now()",
                        RuntimeTypes.TIMESTAMPS));
            }
        }
        return initializers;
    }

    /** {@code Comment.builder().post(post)} sets the foreign key fields from the parent's key. */
    private List<MethodSpec> parentSetters(ModelDef model, ClassName self) {
        List<MethodSpec> setters = new ArrayList<>();
        for (FieldDef field : model.fields()) {
            Relation relation = field.relation();
            if (relation == null || !relation.foreignKeyOnThisModel()) {
                continue;
            }
            ClassName parent = ClassName.get(packageName, relation.relatedModel());
            String parameter = field.name();
            MethodSpec.Builder setter = MethodSpec.methodBuilder(field.name())
                    .addModifiers(Modifier.PUBLIC)
                    .returns(self.nestedClass("Builder"))
                    .addParameter(parent, parameter)
                    .addJavadoc("Sets {@code $L} from the key of {@code $N}; null clears it.\n",
                            String.join("}, {@code ", relation.foreignKeyFields()), parameter);
            for (int i = 0; i < relation.foreignKeyFields().size(); i++) {
                setter.addStatement("this.$N = $N == null ? null : $N.$N()", relation.foreignKeyFields().get(i),
                        parameter, parameter, relation.relatedKeyFields().get(i));
            }
            setters.add(setter.addStatement("return this").build());
        }
        return setters;
    }

    private static TypeSpec identifierType(ModelDef model, RecordParts parts) {
        ClassName self = parts.self();
        ClassName identifier = self.nestedClass("Identifier");
        MethodSpec.Builder constructor = MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC);
        CodeBlock.Builder check = CodeBlock.builder()
                .add("$T.required($S)", RuntimeTypes.MODEL_CHECKS, model.name() + ".Identifier");
        for (String key : model.primaryKey()) {
            FieldDef field = model.field(key).orElseThrow();
            constructor.addParameter(parts.javaType(field.type()), key);
            check.add("\n.field($S, $N)", key, key);
        }
        constructor.addStatement("$L\n.check()", check.build());
        return TypeSpec.recordBuilder(identifier)
                .addModifiers(Modifier.PUBLIC)
                .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.MODEL_IDENTIFIER, self))
                .addJavadoc("The composite primary key of {@code $L}.\n", model.name())
                .recordConstructor(constructor.build())
                .addMethod(MethodSpec.methodBuilder("values")
                        .addAnnotation(Override.class)
                        .addModifiers(Modifier.PUBLIC)
                        .returns(ParameterizedTypeName.get(LIST, ClassName.get(Object.class)))
                        .addStatement("return $T.of($L)", LIST, String.join(", ", model.primaryKey()))
                        .build())
                .build();
    }

    private static MethodSpec identifierMethod(ModelDef model, ClassName self) {
        return MethodSpec.methodBuilder("identifier")
                .addModifiers(Modifier.PUBLIC)
                .returns(self.nestedClass("Identifier"))
                .addJavadoc("This instance's composite primary key.\n")
                .addStatement("return new Identifier($L)", String.join(", ", model.primaryKey()))
                .build();
    }

    private static CodeBlock constants(List<String> fieldNames) {
        return CodeBlock.join(fieldNames.stream()
                .map(n -> CodeBlock.of("$N", Names.fieldConstant(n))).toList(), ",$W");
    }

    /** {@code List.of("a", "b")}; a list that wraps continues deeper than the line it starts on. */
    static CodeBlock strings(List<String> values) {
        return CodeBlock.of("$T.of($>$>$L$<$<)", LIST,
                CodeBlock.join(values.stream().map(v -> CodeBlock.of("$S", v)).toList(), ",$W"));
    }
}
