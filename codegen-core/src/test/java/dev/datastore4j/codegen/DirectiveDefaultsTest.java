package dev.datastore4j.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.datastore4j.codegen.schema.IndexDef;
import dev.datastore4j.codegen.schema.ModelDef;
import dev.datastore4j.codegen.schema.Operations;
import dev.datastore4j.codegen.schema.SchemaSource;
import dev.datastore4j.codegen.validate.SchemaCompiler;
import java.util.List;
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
     * A join model's key fields are on the wire, so they carry Amplify's names: the partition key's
     * capitalized after the model's name, the sort key's as written ({@code ...Keytitle}).
     */
    @Test
    void aJoinModelNamesCompositeKeysAsAmplifyDoes() {
        List<ModelDef> models = SchemaCompiler.compile(List.of(new SchemaSource("s.graphql", """
                type PostWithTagsCompositeKey @model {
                  postId: ID! @primaryKey(sortKeyFields: ["title"])
                  title: String!
                  tags: [TagWithCompositeKey] @manyToMany(relationName: "PostTagsWithCompositeKey")
                }
                type TagWithCompositeKey @model {
                  id: ID! @primaryKey(sortKeyFields: ["name"])
                  name: String!
                  posts: [PostWithTagsCompositeKey] @manyToMany(relationName: "PostTagsWithCompositeKey")
                }"""))).schema().orElseThrow().models();
        ModelDef join = models.stream().filter(ModelDef::joinModel).findFirst().orElseThrow();
        assertThat(join.indexes()).extracting(IndexDef::name, IndexDef::fields).containsExactly(
                tuple("byPostWithTagsCompositeKey", List.of("postWithTagsCompositeKeyPostId", "postWithTagsCompositeKeytitle")),
                tuple("byTagWithCompositeKey", List.of("tagWithCompositeKeyId", "tagWithCompositeKeyname")));
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
