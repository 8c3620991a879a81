package com.example.relations;

import dev.datastore4j.model.ComparableField;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
import dev.datastore4j.model.HasMany;
import dev.datastore4j.model.Model;
import dev.datastore4j.model.ModelChecks;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelIdentifier;
import dev.datastore4j.model.ModelIds;
import dev.datastore4j.model.ModelOperations;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.Relationship;
import dev.datastore4j.model.StringField;
import java.time.OffsetDateTime;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Model {@code Student}; key: {@code id, name}.
 */
@Generated("dev.datastore4j.codegen")
public record Student(String id, String name, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) implements Model {
    /**
     * The field {@code id}: {@code ID!}.
     */
    public static final StringField<Student> ID = ModelField.ofString("id", FieldType.ID,
            Student::id, FieldFlag.REQUIRED);

    /**
     * The field {@code name}: {@code String!}.
     */
    public static final StringField<Student> NAME = ModelField.ofString("name", FieldType.STRING,
            Student::name, FieldFlag.REQUIRED);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Student, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Student::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Student, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Student::updatedAt, FieldFlag.READ_ONLY);

    /**
     * Metadata the runtime reads and builds {@code Student} instances through.
     */
    public static final ModelSchema<Student> SCHEMA = ModelSchema.builder(Student.class, "Student",
            "Students")
            .fields(ID, NAME, CREATED_AT, UPDATED_AT)
            .primaryKey(ID, NAME)
            .relationship(Relationship.hasMany("courses", "Enrollment", List.of("studentId",
                            "studentname")))
            .operations(new ModelOperations("getStudent", "listStudents", "syncStudents",
                    "createStudent", "updateStudent", "deleteStudent", "onCreateStudent",
                    "onUpdateStudent", "onDeleteStudent"))
            .factory(Student::fromValues)
            .build();

    public Student {
        ModelChecks.required("Student")
                .field("id", id)
                .field("name", name)
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

    /**
     * This instance's composite primary key.
     */
    public Identifier identifier() {
        return new Identifier(id, name);
    }

    /**
     * The {@code Enrollment} children of this model, queried only when loaded.
     */
    public HasMany<Enrollment> courses() {
        return HasMany.of(Enrollment.SCHEMA,
                Enrollment.STUDENT_ID.eq(id).and(Enrollment.STUDENTNAME.eq(name)));
    }

    private static Student fromValues(FieldValues values) {
        return new Student(
                values.get(ID),
                values.get(NAME),
                values.get(CREATED_AT),
                values.get(UPDATED_AT));
    }

    /**
     * The composite primary key of {@code Student}.
     */
    public record Identifier(String id, String name) implements ModelIdentifier<Student> {
        public Identifier {
            ModelChecks.required("Student.Identifier")
                    .field("id", id)
                    .field("name", name)
                    .check();
        }

        @Override
        public List<Object> values() {
            return List.of(id, name);
        }
    }

    /**
     * Builds {@link Student} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id = ModelIds.newId();

        private String name;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private Builder() {
        }

        private Builder(Student source) {
            this.id = source.id();
            this.name = source.name();
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

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public Student build() {
            return new Student(id, name, createdAt, updatedAt);
        }
    }
}
