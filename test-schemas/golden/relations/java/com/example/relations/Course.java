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
import dev.datastore4j.model.ModelOperations;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.Relationship;
import dev.datastore4j.model.StringField;
import java.time.OffsetDateTime;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Courses and students, each keyed by two fields, joined by a model the transformer makes.
 *
 * <p>Model {@code Course}; key: {@code code, term}.
 */
@Generated("dev.datastore4j.codegen")
public record Course(String code, String term, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) implements Model {
    /**
     * The field {@code code}: {@code String!}.
     */
    public static final StringField<Course> CODE = ModelField.ofString("code", FieldType.STRING,
            Course::code, FieldFlag.REQUIRED);

    /**
     * The field {@code term}: {@code String!}.
     */
    public static final StringField<Course> TERM = ModelField.ofString("term", FieldType.STRING,
            Course::term, FieldFlag.REQUIRED);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Course, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Course::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Course, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Course::updatedAt, FieldFlag.READ_ONLY);

    /**
     * Metadata the runtime reads and builds {@code Course} instances through.
     */
    public static final ModelSchema<Course> SCHEMA = ModelSchema.builder(Course.class, "Course",
            "Courses")
            .fields(CODE, TERM, CREATED_AT, UPDATED_AT)
            .primaryKey(CODE, TERM)
            .relationship(Relationship.hasMany("students", "Enrollment", List.of("courseCode",
                            "courseterm")))
            .operations(new ModelOperations("getCourse", "listCourses", "syncCourses",
                    "createCourse", "updateCourse", "deleteCourse", "onCreateCourse",
                    "onUpdateCourse", "onDeleteCourse"))
            .factory(Course::fromValues)
            .build();

    public Course {
        ModelChecks.required("Course")
                .field("code", code)
                .field("term", term)
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
        return new Identifier(code, term);
    }

    /**
     * The {@code Enrollment} children of this model, queried only when loaded.
     */
    public HasMany<Enrollment> students() {
        return HasMany.of(Enrollment.SCHEMA,
                Enrollment.COURSE_CODE.eq(code).and(Enrollment.COURSETERM.eq(term)));
    }

    private static Course fromValues(FieldValues values) {
        return new Course(
                values.get(CODE),
                values.get(TERM),
                values.get(CREATED_AT),
                values.get(UPDATED_AT));
    }

    /**
     * The composite primary key of {@code Course}.
     */
    public record Identifier(String code, String term) implements ModelIdentifier<Course> {
        public Identifier {
            ModelChecks.required("Course.Identifier")
                    .field("code", code)
                    .field("term", term)
                    .check();
        }

        @Override
        public List<Object> values() {
            return List.of(code, term);
        }
    }

    /**
     * Builds {@link Course} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String code;

        private String term;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private Builder() {
        }

        private Builder(Course source) {
            this.code = source.code();
            this.term = source.term();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
        }

        public Builder code(String code) {
            this.code = code;
            return this;
        }

        public Builder term(String term) {
            this.term = term;
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public Course build() {
            return new Course(code, term, createdAt, updatedAt);
        }
    }
}
