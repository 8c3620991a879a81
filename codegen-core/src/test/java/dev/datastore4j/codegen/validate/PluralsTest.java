package dev.datastore4j.codegen.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Plural names are on the wire ({@code syncPeople}, {@code listPost5V2s}): a model whose plural
 * differs from AppSync's cannot be synced between this project's clients or server and Amplify's.
 * {@code plurals.tsv} holds 3,600 names with the plural that pluralize 8.0.0, the library Amplify's
 * transformer forms them with, gives: a sample of English words, each alone and after another
 * word, in capitals, and names models are often given.
 */
class PluralsTest {
    @Test
    void pluralsAreTheOnesAppSyncGives() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        try (InputStream in = PluralsTest.class.getResourceAsStream("/plurals.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] pair = line.split("\t");
                    expected.put(pair[0], pair[1]);
                }
            }
        }
        List<String> wrong = new ArrayList<>();
        expected.forEach((name, plural) -> {
            if (!Plurals.plural(name).equals(plural)) {
                wrong.add(name + ": " + Plurals.plural(name) + " instead of " + plural);
            }
        });
        assertThat(expected).hasSizeGreaterThan(3000);
        assertThat(wrong).isEmpty();
    }

    @Test
    void namesOftenGivenToModels() {
        assertThat(Plurals.plural("Person")).isEqualTo("People");
        assertThat(Plurals.plural("SalesPerson")).isEqualTo("SalesPeople");
        assertThat(Plurals.plural("Post5V2")).as("the s after a digit is lower case").isEqualTo("Post5V2s");
        assertThat(Plurals.plural("URL")).isEqualTo("URLS");
        assertThat(Plurals.plural("Software")).as("the same only as a whole name").isEqualTo("Software");
        assertThat(Plurals.plural("ClientSoftware")).isEqualTo("ClientSoftwares");
        assertThat(Plurals.plural("Feedback")).isEqualTo("Feedbacks");
        assertThat(Plurals.plural("Alias")).isEqualTo("Aliases");
        assertThat(Plurals.plural("Medium")).isEqualTo("Mediums");
        assertThat(Plurals.plural("Curriculum")).isEqualTo("Curricula");
        assertThat(Plurals.plural("UserSettings")).isEqualTo("UserSettings");
    }
}
