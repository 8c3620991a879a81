package dev.datastore4j.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.datastore4j.codegen.schema.SchemaSource;
import dev.datastore4j.codegen.validate.CompileResult;
import dev.datastore4j.codegen.validate.SchemaCompiler;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Field names as schemas written for Amplify have them, which cannot change without changing the
 * API. A field named in capitals ({@code SO}, {@code URL}) would be named like its typed
 * constant, which a record cannot have beside its component, so the constant gets an underscore
 * after it; everywhere the generated code names a constant (a key, a relationship's predicate)
 * it uses that one. A relationship field may be named like a type ({@code Icon: Icon @hasOne}):
 * it is no record component, only an accessor.
 */
class AmplifyFieldNamesTest {
    @Test
    void aFieldNamedInCapitalsGetsAConstantWithAnUnderscore() {
        CompileResult result = SchemaCompiler.compile(List.of(new SchemaSource("orders.graphql", """
                type Product @model {
                  SKU: String! @primaryKey
                  orders: [Order] @hasMany(indexName: "bySKU", fields: ["SKU"])
                }
                type Order @model {
                  id: ID!
                  SO: Int
                  URL: AWSURL
                  ItemNote: String
                  Type: String @default(value: "Orders")
                  SKU: String! @index(name: "bySKU", sortKeyFields: ["SO"])
                  product: Product @belongsTo(fields: ["SKU"])
                  STATUS: OrderStatus! @default(value: "OPEN")
                }
                enum OrderStatus { OPEN SHIPPED }""")));
        List<GeneratedFile> sources = generated(result, "com.example.orders");
        Map<String, String> files = sources.stream().collect(Collectors.toMap(GeneratedFile::path, GeneratedFile::content));
        String order = files.get("com/example/orders/Order.java");
        assertThat(order).contains("ComparableField<Order, Integer> SO_ = ModelField.ofComparable(\"SO\"",
                "URL_ = ModelField.of", "StringField<Order> ITEM_NOTE =", "StringField<Order> TYPE =",
                "StringField<Order> SKU_ =", "Product.SKU_.eq(SKU)", ".defaultValue(STATUS_, OrderStatus.OPEN)");
        assertThat(files.get("com/example/orders/Product.java"))
                .contains(".primaryKey(SKU_)", "Order.SKU_.eq(SKU)", "Order.SO_.ascending()");
        assertThat(TestJavac.compileGenerated(sources)).as("javac on the generated models").isEmpty();
    }

    @Test
    void aRelationshipFieldMayBeNamedLikeAType() {
        CompileResult result = SchemaCompiler.compile(List.of(new SchemaSource("site.graphql", """
                type User @model {
                  id: ID!
                  Referrals: [UserReferrals] @hasMany(indexName: "byUser", fields: ["id"])
                  Headshot: Headshot @hasOne
                }
                type Referrals @model {
                  id: ID!
                  users: [UserReferrals] @hasMany(indexName: "byReferrals", fields: ["id"])
                }
                type UserReferrals @model {
                  id: ID!
                  userId: ID! @index(name: "byUser")
                  referralsId: ID! @index(name: "byReferrals")
                  User: User! @belongsTo(fields: ["userId"])
                  Referrals: Referrals! @belongsTo(fields: ["referralsId"])
                }
                type Headshot @model {
                  id: ID!
                  src: String!
                }
                type Icon @model {
                  id: ID!
                  alt: String
                }
                type Services @model {
                  id: ID!
                  Icon: Icon @hasOne
                  Headshot: Icon @hasOne
                }""")));
        List<GeneratedFile> sources = generated(result, "com.example.site");
        Map<String, String> files = sources.stream().collect(Collectors.toMap(GeneratedFile::path, GeneratedFile::content));
        assertThat(files.get("com/example/site/Services.java"))
                .contains("public ModelReference<Icon> Icon()", "public ModelReference<Icon> Headshot()");
        assertThat(TestJavac.compileGenerated(sources)).as("javac on the generated models").isEmpty();
    }

    /** The Java sources of a schema that compiled without a diagnostic. */
    private static List<GeneratedFile> generated(CompileResult result, String packageName) {
        assertThat(result.diagnostics()).as(result.render()).isEmpty();
        return Codegen.javaSources(result.schema().orElseThrow(), packageName);
    }
}
