package dev.datastore4j.codegen.validate;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * English plurals as Amplify forms them for operation names ({@code syncPeople},
 * {@code listCategories}). Only the last word of a CamelCase name changes, and its capitalisation
 * is kept.
 */
final class Plurals {
    private static final Map<String, String> IRREGULAR = Map.ofEntries(
            Map.entry("person", "people"),
            Map.entry("man", "men"),
            Map.entry("woman", "women"),
            Map.entry("child", "children"),
            Map.entry("tooth", "teeth"),
            Map.entry("foot", "feet"),
            Map.entry("mouse", "mice"),
            Map.entry("goose", "geese"),
            Map.entry("ox", "oxen"),
            Map.entry("datum", "data"),
            Map.entry("medium", "media"),
            Map.entry("criterion", "criteria"),
            Map.entry("cactus", "cacti"),
            Map.entry("quiz", "quizzes"),
            Map.entry("index", "indices"),
            Map.entry("matrix", "matrices"),
            Map.entry("vertex", "vertices"));

    private static final Set<String> UNCOUNTABLE = Set.of(
            "sheep", "fish", "deer", "series", "species", "news", "equipment", "information", "rice",
            "money", "moose", "aircraft", "police", "data", "media", "metadata", "software", "feedback",
            "staff", "people", "children", "men", "women", "bison", "salmon", "traffic", "music", "weather");

    private static final Set<String> F_TO_VES = Set.of(
            "leaf", "loaf", "wolf", "half", "shelf", "calf", "thief", "knife", "life", "wife", "elf", "self");

    private static final List<String> O_TO_OES = List.of("hero", "potato", "tomato", "echo", "veto", "buffalo");

    private Plurals() {}

    static String plural(String name) {
        int start = lastWordStart(name);
        String head = name.substring(0, start);
        String word = name.substring(start);
        String lower = word.toLowerCase(Locale.ROOT);
        return head + matchCase(word, pluralWord(lower));
    }

    private static String pluralWord(String word) {
        if (UNCOUNTABLE.contains(word)) {
            return word;
        }
        String irregular = IRREGULAR.get(word);
        if (irregular != null) {
            return irregular;
        }
        if (F_TO_VES.contains(word)) {
            return word.endsWith("fe") ? word.substring(0, word.length() - 2) + "ves"
                    : word.substring(0, word.length() - 1) + "ves";
        }
        if (O_TO_OES.contains(word)) {
            return word + "es";
        }
        if (word.endsWith("y") && word.length() > 1 && !isVowel(word.charAt(word.length() - 2))) {
            return word.substring(0, word.length() - 1) + "ies";
        }
        if (word.endsWith("sis")) {
            return word.substring(0, word.length() - 2) + "es";
        }
        if (word.endsWith("ss") || word.endsWith("us") || word.endsWith("x") || word.endsWith("z")
                || word.endsWith("ch") || word.endsWith("sh")) {
            return word + "es";
        }
        if (word.endsWith("s")) {
            return word; // already plural ("Posts", "Settings")
        }
        return word + "s";
    }

    private static int lastWordStart(String name) {
        for (int i = name.length() - 1; i > 0; i--) {
            if (Character.isUpperCase(name.charAt(i)) && !Character.isUpperCase(name.charAt(i - 1))) {
                return i;
            }
        }
        return 0;
    }

    private static String matchCase(String original, String plural) {
        if (original.equals(original.toUpperCase(Locale.ROOT)) && original.length() > 1) {
            return plural.toUpperCase(Locale.ROOT);
        }
        if (Character.isUpperCase(original.charAt(0))) {
            return Character.toUpperCase(plural.charAt(0)) + plural.substring(1);
        }
        return plural;
    }

    private static boolean isVowel(char c) {
        return "aeiou".indexOf(c) >= 0;
    }
}
