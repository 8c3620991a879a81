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
 * API: a field named in capitals ({@code SO}, {@code URL}) would be named like its typed
 * constant, which a record cannot have beside its component, so the constant gets an underscore
 * after it; everywhere the generated code names a constant (a key, a relationship's predicate)
 * it uses that one.
 */
class FieldConstantsTest {
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
                  SKU: String! @index(name: "bySKU")
                  product: Product @belongsTo(fields: ["SKU"])
                }""")));
        assertThat(result.diagnostics()).as(result.render()).isEmpty();
        Map<String, String> files = Codegen.javaSources(result.schema().orElseThrow(), "com.example.orders").stream()
                .collect(Collectors.toMap(GeneratedFile::path, GeneratedFile::content));
        String order = files.get("com/example/orders/Order.java");
        assertThat(order).contains("ComparableField<Order, Integer> SO_ = ModelField.ofComparable(\"SO\"",
                "URL_ = ModelField.of", "StringField<Order> ITEM_NOTE =", "StringField<Order> TYPE =",
                "StringField<Order> SKU_ =", "Product.SKU_.eq(SKU)");
        assertThat(files.get("com/example/orders/Product.java")).contains(".primaryKey(SKU_)", "Order.SKU_.eq(SKU)");
        assertThat(TestJavac.compileGenerated(Codegen.javaSources(result.schema().orElseThrow(), "com.example.orders")))
                .as("javac on the generated models").isEmpty();
    }
}
