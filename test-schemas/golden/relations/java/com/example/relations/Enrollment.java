package com.example.relations;

import dev.datastore4j.model.ComparableField;
import dev.datastore4j.model.FieldFlag;
import dev.datastore4j.model.FieldType;
import dev.datastore4j.model.FieldValues;
import dev.datastore4j.model.IndexInfo;
import dev.datastore4j.model.Model;
import dev.datastore4j.model.ModelChecks;
import dev.datastore4j.model.ModelField;
import dev.datastore4j.model.ModelIds;
import dev.datastore4j.model.ModelOperations;
import dev.datastore4j.model.ModelReference;
import dev.datastore4j.model.ModelSchema;
import dev.datastore4j.model.Relationship;
import dev.datastore4j.model.StringField;
import java.time.OffsetDateTime;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Join model that {@code @manyToMany} creates between its two sides.
 *
 * <p>Model {@code Enrollment}; key: {@code id}.
 */
@Generated("dev.datastore4j.codegen")
public record Enrollment(String id, String courseCode, String courseterm, String studentId,
        String studentname, OffsetDateTime createdAt, OffsetDateTime updatedAt) implements Model {
    /**
     * The field {@code id}: {@code ID!}.
     */
    public static final StringField<Enrollment> ID = ModelField.ofString("id", FieldType.ID,
            Enrollment::id, FieldFlag.REQUIRED);

    /**
     * The field {@code courseCode}: {@code String!}.
     */
    public static final StringField<Enrollment> COURSE_CODE = ModelField.ofString("courseCode",
            FieldType.STRING, Enrollment::courseCode, FieldFlag.REQUIRED);

    /**
     * The field {@code courseterm}: {@code String!}.
     */
    public static final StringField<Enrollment> COURSETERM = ModelField.ofString("courseterm",
            FieldType.STRING, Enrollment::courseterm, FieldFlag.REQUIRED);

    /**
     * The field {@code studentId}: {@code ID!}.
     */
    public static final StringField<Enrollment> STUDENT_ID = ModelField.ofString("studentId",
            FieldType.ID, Enrollment::studentId, FieldFlag.REQUIRED);

    /**
     * The field {@code studentname}: {@code String!}.
     */
    public static final StringField<Enrollment> STUDENTNAME = ModelField.ofString("studentname",
            FieldType.STRING, Enrollment::studentname, FieldFlag.REQUIRED);

    /**
     * The field {@code createdAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Enrollment, OffsetDateTime> CREATED_AT = ModelField.ofComparable(
            "createdAt", FieldType.AWS_DATE_TIME, Enrollment::createdAt, FieldFlag.READ_ONLY);

    /**
     * The field {@code updatedAt}: {@code AWSDateTime!}.
     */
    public static final ComparableField<Enrollment, OffsetDateTime> UPDATED_AT = ModelField.ofComparable(
            "updatedAt", FieldType.AWS_DATE_TIME, Enrollment::updatedAt, FieldFlag.READ_ONLY);

    /**
     * Metadata the runtime reads and builds {@code Enrollment} instances through.
     */
    public static final ModelSchema<Enrollment> SCHEMA = ModelSchema.builder(Enrollment.class,
            "Enrollment", "Enrollments")
            .fields(ID, COURSE_CODE, COURSETERM, STUDENT_ID, STUDENTNAME, CREATED_AT, UPDATED_AT)
            .primaryKey(ID)
            .index(new IndexInfo("byCourse", List.of("courseCode", "courseterm"),
                    "enrollmentsByCourseCodeAndCourseterm"))
            .index(new IndexInfo("byStudent", List.of("studentId", "studentname"),
                    "enrollmentsByStudentIdAndStudentname"))
            .relationship(Relationship.belongsTo("course", "Course", List.of("courseCode",
                            "courseterm")))
            .relationship(Relationship.belongsTo("student", "Student", List.of("studentId",
                            "studentname")))
            .operations(new ModelOperations("getEnrollment", "listEnrollments", "syncEnrollments",
                    "createEnrollment", "updateEnrollment", "deleteEnrollment",
                    "onCreateEnrollment", "onUpdateEnrollment", "onDeleteEnrollment"))
            .factory(Enrollment::fromValues)
            .build();

    public Enrollment {
        ModelChecks.required("Enrollment")
                .field("id", id)
                .field("courseCode", courseCode)
                .field("courseterm", courseterm)
                .field("studentId", studentId)
                .field("studentname", studentname)
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
     * The related {@code Course}, loaded only when asked for.
     */
    public ModelReference<Course> course() {
        return ModelReference.of(Course.SCHEMA, courseCode == null || courseterm == null ? null :
                Course.CODE.eq(courseCode).and(Course.TERM.eq(courseterm)));
    }

    /**
     * The related {@code Student}, loaded only when asked for.
     */
    public ModelReference<Student> student() {
        return ModelReference.of(Student.SCHEMA, studentId == null || studentname == null ? null :
                Student.ID.eq(studentId).and(Student.NAME.eq(studentname)));
    }

    private static Enrollment fromValues(FieldValues values) {
        return new Enrollment(
                values.get(ID),
                values.get(COURSE_CODE),
                values.get(COURSETERM),
                values.get(STUDENT_ID),
                values.get(STUDENTNAME),
                values.get(CREATED_AT),
                values.get(UPDATED_AT));
    }

    /**
     * Builds {@link Enrollment} instances; {@link #build()} names every missing required field.
     */
    public static final class Builder {
        private String id = ModelIds.newId();

        private String courseCode;

        private String courseterm;

        private String studentId;

        private String studentname;

        private OffsetDateTime createdAt;

        private OffsetDateTime updatedAt;

        private Builder() {
        }

        private Builder(Enrollment source) {
            this.id = source.id();
            this.courseCode = source.courseCode();
            this.courseterm = source.courseterm();
            this.studentId = source.studentId();
            this.studentname = source.studentname();
            this.createdAt = source.createdAt();
            this.updatedAt = source.updatedAt();
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder courseCode(String courseCode) {
            this.courseCode = courseCode;
            return this;
        }

        public Builder courseterm(String courseterm) {
            this.courseterm = courseterm;
            return this;
        }

        public Builder studentId(String studentId) {
            this.studentId = studentId;
            return this;
        }

        public Builder studentname(String studentname) {
            this.studentname = studentname;
            return this;
        }

        /**
         * Sets {@code courseCode}, {@code courseterm} from the key of {@code course}; null clears it.
         */
        public Builder course(Course course) {
            this.courseCode = course == null ? null : course.code();
            this.courseterm = course == null ? null : course.term();
            return this;
        }

        /**
         * Sets {@code studentId}, {@code studentname} from the key of {@code student}; null clears it.
         */
        public Builder student(Student student) {
            this.studentId = student == null ? null : student.id();
            this.studentname = student == null ? null : student.name();
            return this;
        }

        /**
         * @throws IllegalStateException naming every required field that is not set
         */
        public Enrollment build() {
            return new Enrollment(id, courseCode, courseterm, studentId, studentname, createdAt,
                    updatedAt);
        }
    }
}
