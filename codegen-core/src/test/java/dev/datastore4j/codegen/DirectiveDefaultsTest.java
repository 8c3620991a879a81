package dev.datastore4j.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.datastore4j.codegen.schema.FieldDef;
import dev.datastore4j.codegen.schema.IndexDef;
import dev.datastore4j.codegen.schema.ModelDef;
import dev.datastore4j.codegen.schema.Operations;
import dev.datastore4j.codegen.schema.SchemaSource;
import dev.datastore4j.codegen.validate.SchemaCompiler;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What Amplify's transformer makes of directives by default (its shouldDeepMergeDirectiveConfigDefaults
 * and enableAutoIndexQueryNames). {@code @model}'s operation maps are merged into its defaults:
 * a map renames or turns off ({@code null}) the operations it names and leaves the others;
 * {@code null} for a group, or subscription level {@code off}, turns the group off. Every
 * {@code @index} gets a query field unless it turns it off with {@code queryField: null}.
 */
class DirectiveDefaultsTest {
    private static ModelDef model(String type) {
        return SchemaCompiler.compile(List.of(new SchemaSource("s.graphql", type))).schema().orElseThrow().models().get(0);
    }

    private static Operations operations(String model) {
        return model(model + " { id: ID! }").operations();
    }

    @Test
    void aMapChangesOnlyTheOperationsItNames() {
        assertThat(operations("type Note @model(subscriptions: { level: public })"))
                .isEqualTo(new Operations("getNote", "listNotes", "syncNotes", "createNote", "updateNote", "deleteNote",
                        "onCreateNote", "onUpdateNote", "onDeleteNote"));
        assertThat(operations("type Note @model(queries: { get: \"fetchNote\" }, mutations: { delete: null },"
                + " subscriptions: { onCreate: [\"noteAdded\"], onUpdate: null })"))
                .isEqualTo(new Operations("fetchNote", "listNotes", "syncNotes", "createNote", "updateNote", null,
                        "noteAdded", null, "onDeleteNote"));
    }

    @Test
    void nullOrLevelOffTurnsAGroupOff() {
        assertThat(operations("type Note @model(queries: null, mutations: null, subscriptions: null)"))
                .isEqualTo(new Operations(null, null, "syncNotes", null, null, null, null, null, null));
        assertThat(operations("type Note @model(subscriptions: { level: off })"))
                .isEqualTo(new Operations("getNote", "listNotes", "syncNotes", "createNote", "updateNote", "deleteNote",
                        null, null, null));
    }

    /**
     * The key fields the transformer adds are on the wire, so they carry Amplify's names. The
     * bundled relations schema holds every way a relationship finds its records, on composite
     * keys: a has-many's go on the child as camelCase(parent, field, key field); a has-one's on the
     * parent as camelCase(parent, field, child's key field); a belongs-to beside a has-one adds its
     * own, camelCase(child, field, parent's key field), and beside a has-many shares the has-many's;
     * a join model's are each model's name with its partition key capitalized, then each sort key
     * field as written ({@code courseterm}: Amplify does not capitalize it), and its indexes get
     * query fields as every index does.
     */
    @Test
    void keyFieldsTheTransformerAddsCarryAmplifysNames() {
        List<ModelDef> models = Fixtures.compile(Fixtures.VALID, "relations").schema().orElseThrow().models();
        Map<String, List<String>> added = new TreeMap<>();
        for (ModelDef model : models) {
            List<String> keys = model.fields().stream().filter(f -> f.implicit() && !f.readOnly() && !f.name().equals("id"))
                    .map(FieldDef::name).toList();
            if (!keys.isEmpty()) {
                added.put(model.name(), keys);
            }
        }
        assertThat(added).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Track", List.of("albumTracksArtist", "albumTracksTitle"),
                "Desk", List.of("deskLampSerial", "deskLampModel"),
                "Lamp", List.of("lampDeskBuilding", "lampDeskNumber")));
        ModelDef join = models.stream().filter(ModelDef::joinModel).findFirst().orElseThrow();
        assertThat(join.indexes()).extracting(IndexDef::name, IndexDef::fields, IndexDef::queryField).containsExactly(
                tuple("byCourse", List.of("courseCode", "courseterm"), "enrollmentsByCourseCodeAndCourseterm"),
                tuple("byStudent", List.of("studentId", "studentname"), "enrollmentsByStudentIdAndStudentname"));
    }

    @Test
    void everyIndexGetsAQueryFieldUnlessItTurnsItOff() {
        ModelDef employee = model("""
                type Employee @model {
                  id: ID!
                  manager: ID! @index(name: "byManager", sortKeyFields: ["level"])
                  level: Int! @index
                  email: String! @index(queryField: "employeeByEmail")
                  team: String @index(name: "byTeam", queryField: null)
                }""");
        assertThat(employee.indexes()).extracting(IndexDef::name, IndexDef::queryField).containsExactly(
                tuple("byManager", "employeesByManagerAndLevel"),
                tuple("employeesByLevel", "employeesByLevel"),
                tuple("employeesByEmail", "employeeByEmail"),
                tuple("byTeam", null));
    }
}
