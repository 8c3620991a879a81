package dev.datastore4j.codegen.java;

import static dev.datastore4j.codegen.java.RuntimeTypes.FIELD_FLAG;
import static dev.datastore4j.codegen.java.RuntimeTypes.FIELD_TYPE;
import static dev.datastore4j.codegen.java.RuntimeTypes.FIELD_VALUES;
import static dev.datastore4j.codegen.java.RuntimeTypes.LIST;
import static dev.datastore4j.codegen.java.RuntimeTypes.MODEL_CHECKS;
import static dev.datastore4j.codegen.java.RuntimeTypes.MODEL_FIELD;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.datastore4j.codegen.java.RuntimeTypes.FieldKind;
import dev.datastore4j.codegen.java.RuntimeTypes.ScalarInfo;
import dev.datastore4j.codegen.schema.FieldDef;
import dev.datastore4j.codegen.schema.Names;
import dev.datastore4j.codegen.schema.TypeRef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * The parts every generated record shares, models and embedded types alike: components, typed
 * field constants, the validating compact constructor, the builder and the factory the runtime
 * builds instances with.
 */
final class RecordParts {
    private final String packageName;
    private final ClassName self;
    private final List<FieldDef> fields;

    RecordParts(String packageName, String typeName, List<FieldDef> fields) {
        this.packageName = packageName;
        this.self = ClassName.get(packageName, typeName);
        this.fields = fields;
    }

    ClassName self() {
        return self;
    }

    TypeName javaType(TypeRef type) {
        TypeName element = elementType(type);
        return type.list() ? ParameterizedTypeName.get(LIST, element) : element;
    }

    private TypeName elementType(TypeRef type) {
        return switch (type.kind()) {
            case SCALAR -> RuntimeTypes.SCALARS.get(type.name()).javaType();
            case ENUM, EMBEDDED, MODEL -> ClassName.get(packageName, type.name());
        };
    }

    /**
     * Field names that could hide a type the generated code refers to by its simple name (a field
     * {@code List} hides {@code java.util.List}); such types are written fully qualified instead.
     */
    String[] typeShadowingNames() {
        return fields.stream().map(FieldDef::name).filter(n -> Character.isUpperCase(n.charAt(0))).toArray(String[]::new);
    }

    static String constantName(FieldDef field) {
        return Names.fieldConstant(field.name());
    }

    /** Required fields must be present in every instance; server-set fields never are. */
    static boolean isRequired(FieldDef field) {
        return field.type().required() && !field.readOnly();
    }

    /**
     * The scalar of {@code field} when its values are checked beyond what the Java type rules out
     * (see {@link ScalarInfo#checked}); null otherwise, and for server-set fields, which come
     * from the server checked.
     */
    private static ScalarInfo checkedScalar(FieldDef field) {
        ScalarInfo scalar = field.type().kind() == TypeRef.Kind.SCALAR ? RuntimeTypes.SCALARS.get(field.type().name()) : null;
        return scalar != null && scalar.checked() && !field.readOnly() ? scalar : null;
    }

    MethodSpec.Builder recordConstructor() {
        MethodSpec.Builder constructor = MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC);
        for (FieldDef field : fields) {
            constructor.addParameter(javaType(field.type()), field.name());
        }
        List<FieldDef> required = fields.stream().filter(RecordParts::isRequired).toList();
        if (!required.isEmpty()) {
            CodeBlock.Builder check = CodeBlock.builder().add("$T.required($S)", MODEL_CHECKS, self.simpleName());
            for (FieldDef field : required) {
                check.add("\n.field($S, $N)", field.name(), field.name());
            }
            constructor.addStatement("$L\n.check()", check.build());
        }
        for (FieldDef field : fields) {
            if (field.type().list()) {
                constructor.addStatement("$N = $T.immutableList($S, $S, $N, $L)", field.name(), MODEL_CHECKS,
                        self.simpleName(), field.name(), field.name(), field.type().elementRequired());
            }
            // a list is checked as copied, where the caller can no longer change it
            ScalarInfo scalar = checkedScalar(field);
            if (scalar != null) {
                constructor.addStatement("$T.valid($S, $S,$W$T.$N,$W$N)", MODEL_CHECKS, self.simpleName(), field.name(),
                        RuntimeTypes.SCALAR, scalar.constant(), field.name());
            }
        }
        return constructor;
    }

    FieldSpec constant(FieldDef field) {
        TypeRef type = field.type();
        TypeName valueType = elementType(type);
        CodeBlock typeExpression = fieldType(type);
        CodeBlock flags = flags(field);
        String name = field.name();
        TypeName constantType;
        CodeBlock init;
        if (type.list()) {
            constantType = ParameterizedTypeName.get(RuntimeTypes.LIST_FIELD, self, valueType);
            init = CodeBlock.of("$T.ofList($Z$S,$W$L,$W$T::$N$L)", MODEL_FIELD, name, typeExpression, self, name, flags);
        } else {
            FieldKind kind = switch (type.kind()) {
                case SCALAR -> RuntimeTypes.SCALARS.get(type.name()).kind();
                case ENUM -> FieldKind.EQUALITY;
                case EMBEDDED, MODEL -> null;
            };
            if (kind == null) {
                constantType = ParameterizedTypeName.get(MODEL_FIELD, self, valueType);
                init = CodeBlock.of("$T.of($Z$S,$W$L,$W$T::$N$L)", MODEL_FIELD, name, typeExpression, self, name, flags);
            } else {
                String factory = switch (kind) {
                    case STRING -> "ofString";
                    case COMPARABLE -> "ofComparable";
                    case EQUALITY -> "ofEquality";
                };
                constantType = switch (kind) {
                    case STRING -> ParameterizedTypeName.get(RuntimeTypes.STRING_FIELD, self);
                    case COMPARABLE -> ParameterizedTypeName.get(RuntimeTypes.COMPARABLE_FIELD, self, valueType);
                    case EQUALITY -> ParameterizedTypeName.get(RuntimeTypes.EQUALITY_FIELD, self, valueType);
                };
                init = CodeBlock.of("$T.$N($Z$S,$W$L,$W$T::$N$L)", MODEL_FIELD, factory, name, typeExpression, self, name,
                        flags);
            }
        }
        FieldSpec.Builder constant = FieldSpec.builder(constantType, constantName(field),
                Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL).initializer(init);
        if (field.defaultValue() == null) {
            constant.addJavadoc("The field {@code $L}: {@code $L}.\n", name, type.sdl());
        } else {
            boolean text = type.kind() == TypeRef.Kind.SCALAR
                    && !List.of("Int", "Float", "Boolean", "AWSTimestamp").contains(type.name());
            constant.addJavadoc("The field {@code $L}: {@code $L}; default $L.\n", name, type.sdl(),
                    Javadoc.escape(text ? '"' + field.defaultValue() + '"' : field.defaultValue()));
        }
        return constant.build();
    }

    private CodeBlock fieldType(TypeRef type) {
        CodeBlock element = switch (type.kind()) {
            case SCALAR -> CodeBlock.of("$T.$N", FIELD_TYPE, RuntimeTypes.SCALARS.get(type.name()).constant());
            case ENUM -> {
                ClassName enumType = ClassName.get(packageName, type.name());
                yield CodeBlock.of("$T.ofEnum($S, $T.class, $T.values())", FIELD_TYPE, type.name(), enumType,
                        enumType);
            }
            case EMBEDDED, MODEL -> CodeBlock.of("$T.embedded($T.SCHEMA)", FIELD_TYPE,
                    ClassName.get(packageName, type.name()));
        };
        return type.list() ? CodeBlock.of("$T.listOf($L, $L)", FIELD_TYPE, element, type.elementRequired()) : element;
    }

    private static CodeBlock flags(FieldDef field) {
        if (field.readOnly()) {
            return CodeBlock.of(",$W$T.READ_ONLY", FIELD_FLAG);
        }
        return isRequired(field) ? CodeBlock.of(",$W$T.REQUIRED", FIELD_FLAG) : CodeBlock.of("");
    }

    /** {@code private static Post fromValues(FieldValues values)}, the factory the schema hands out. */
    MethodSpec fromValues() {
        CodeBlock.Builder arguments = CodeBlock.builder();
        for (int i = 0; i < fields.size(); i++) {
            arguments.add(i == 0 ? "\n" : ",\n")
                    .add("values.get($N)", constantName(fields.get(i)));
        }
        return MethodSpec.methodBuilder("fromValues")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(self)
                .addParameter(FIELD_VALUES, "values")
                .addStatement("return new $T($L)", self, arguments.build())
                .build();
    }

    /**
     * The nested {@code Builder}: a setter per writable field, {@code initializers} for fields with
     * a starting value (defaults, generated ids), and any {@code extraSetters}. A builder made from
     * a record copies its values, but for the fields named in {@code restarted}, which keep their
     * starting value (a required {@code updatedAt}: the time of building).
     */
    TypeSpec builder(Map<String, CodeBlock> initializers, Set<String> restarted, List<MethodSpec> extraSetters) {
        ClassName builder = self.nestedClass("Builder");
        TypeSpec.Builder type = TypeSpec.classBuilder(builder)
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .alwaysQualify(typeShadowingNames())
                .addJavadoc("Builds {@link $T} instances; {@link #build()} names every missing required field.\n",
                        self);
        MethodSpec.Builder copy = MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE)
                .addParameter(self, "source");
        CodeBlock.Builder arguments = CodeBlock.builder();
        for (FieldDef field : fields) {
            FieldSpec.Builder spec = FieldSpec.builder(javaType(field.type()), field.name(), Modifier.PRIVATE);
            if (initializers.containsKey(field.name())) {
                spec.initializer(initializers.get(field.name()));
            }
            type.addField(spec.build());
            if (restarted.contains(field.name())) {
                copy.addComment("$N starts as the time of building, not the source's: what is built is a change", field.name());
            } else {
                copy.addStatement("this.$N = source.$N()", field.name(), field.name());
            }
            arguments.add(arguments.isEmpty() ? "$N" : ",$W$N", field.name());
        }
        type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        type.addMethod(copy.build());
        for (FieldDef field : fields) {
            if (!field.readOnly()) {
                type.addMethod(setter(builder, field));
            }
        }
        extraSetters.forEach(type::addMethod);
        MethodSpec.Builder build = MethodSpec.methodBuilder("build")
                .addModifiers(Modifier.PUBLIC)
                .returns(self)
                .addJavadoc("@throws IllegalStateException naming every required field that is not set\n");
        if (fields.stream().anyMatch(f -> checkedScalar(f) != null || f.type().list() && f.type().elementRequired())) {
            build.addJavadoc("@throws IllegalArgumentException naming a field whose value it cannot hold (a list with a null,\n"
                    + "    a Float that is not a finite number, an AWSEmail that is no address, ...)\n");
        }
        type.addMethod(build.addStatement("return new $T($L)", self, arguments.build()).build());
        return type.build();
    }

    private MethodSpec setter(ClassName builder, FieldDef field) {
        MethodSpec.Builder setter = MethodSpec.methodBuilder(field.name())
                .addModifiers(Modifier.PUBLIC)
                .returns(builder)
                .addParameter(javaType(field.type()), field.name())
                .addStatement("this.$N = $N", field.name(), field.name())
                .addStatement("return this");
        if (field.description() != null) {
            setter.addJavadoc("$L\n", Javadoc.escape(field.description()));
        }
        return setter.build();
    }

    /** {@code builder()} and {@code toBuilder()} on the record itself; {@code restarted} as {@link #builder}. */
    List<MethodSpec> builderMethods(Set<String> restarted) {
        ClassName builder = self.nestedClass("Builder");
        CodeBlock copyDoc = restarted.isEmpty() ? CodeBlock.of("A builder that starts from this instance's values.\n")
                : CodeBlock.of("A builder that starts from this instance's values, but for {@code $L}, which starts as the\n"
                        + "time of building, as in a new builder: the record it builds is a change of this one.\n",
                        String.join("}, {@code ", restarted));
        return List.of(
                MethodSpec.methodBuilder("builder")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .returns(builder)
                        .addStatement("return new $T()", builder)
                        .build(),
                MethodSpec.methodBuilder("toBuilder")
                        .addModifiers(Modifier.PUBLIC)
                        .returns(builder)
                        .addJavadoc(copyDoc)
                        .addStatement("return new $T(this)", builder)
                        .build());
    }

    /** The value a builder starts with for an {@code @default} field. */
    CodeBlock defaultValue(FieldDef field) {
        String value = field.defaultValue();
        TypeRef type = field.type();
        if (type.kind() == TypeRef.Kind.ENUM) {
            return CodeBlock.of("$T.$N", ClassName.get(packageName, type.name()), value);
        }
        ScalarInfo scalar = RuntimeTypes.SCALARS.get(type.name());
        return switch (type.name()) {
            case "Int" -> CodeBlock.of("$L", Integer.parseInt(value));
            case "Float" -> CodeBlock.of("$L", Double.toString(Double.parseDouble(value)));
            case "Boolean" -> CodeBlock.of("$L", Boolean.parseBoolean(value));
            case "AWSTimestamp" -> CodeBlock.of("$T.ofEpochSecond($LL)", scalar.javaType(), Long.parseLong(value));
            case "AWSURL" -> CodeBlock.of("$T.create($S)", scalar.javaType(), value);
            case "AWSDate", "AWSTime", "AWSDateTime" -> CodeBlock.of("$T.parse($S)", scalar.javaType(), value);
            default -> CodeBlock.of("$S", value);
        };
    }
}
