package dev.datastore4j.codegen.validate;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * English plurals as AppSync's operation names have them ({@code syncPeople},
 * {@code listCategories}): Amplify's transformer forms them with the pluralize library, and a
 * client and a server that disagree on one name cannot talk about that model. This class was
 * written from that library's observed behaviour (compared over some 275,000 English words,
 * alone and at the end of a compound name), not from its code: a few words are changed only when
 * they are the whole name ({@code Tooth}, but {@code BlueTooths}), endings by rules that look at
 * the end of the whole name ({@code Salesman}, {@code Post5V2}), and what replaces an ending takes
 * the case of what it replaces, or of the character before it when only something is added
 * ({@code Post5V2s}, {@code URLS}).
 */
final class Plurals {
    /** Names that stay as they are, but only as a whole name ({@code Software}; {@code UserSoftwares}). */
    private static final Set<String> SAME_AS_WHOLE = Set.of(
            "adulthood", "advice", "aid", "aircraft", "alcohol", "ammo", "anime", "audio", "bison", "blood", "bream",
            "buffalo", "butter", "carp", "cash", "chassis", "chess", "clothing", "cod", "commerce", "cooperation", "debris",
            "digestion", "elk", "energy", "equipment", "excretion", "expertise", "firmware", "flounder", "fun",
            "garbage", "graffiti", "hardware", "health", "homework", "housework", "information", "justice", "labour",
            "literature", "machinery", "mackerel", "mail", "manga", "media", "moose", "mud", "music", "personnel",
            "pike", "plankton", "police", "pollution", "rain", "research", "rice", "salmon", "sewage", "shrimp",
            "software", "staff", "swine", "traffic", "transportation", "trout", "tuna", "viscera", "wealth",
            "welfare", "whiting", "wildebeest", "wildlife",
            // plurals of the irregular words below, as a whole name
            "anathemata", "dice", "dogmata", "feet", "geese", "genera", "lemmata", "lice", "mice", "oxen",
            "passersby", "schemata", "stigmata", "stomata", "teeth", "titmice");

    /** Irregular plurals of whole names ({@code Mouse}; {@code ComputerMouses}). */
    private static final Map<String, String> IRREGULAR_AS_WHOLE = Map.ofEntries(
            Map.entry("anathema", "anathemata"), Map.entry("die", "dice"), Map.entry("dingo", "dingoes"),
            Map.entry("dogma", "dogmata"), Map.entry("echo", "echoes"), Map.entry("foot", "feet"),
            Map.entry("genus", "genera"), Map.entry("goose", "geese"), Map.entry("human", "humans"),
            Map.entry("lemma", "lemmata"), Map.entry("looey", "looies"), Map.entry("louse", "lice"),
            Map.entry("mouse", "mice"), Map.entry("ox", "oxen"), Map.entry("passerby", "passersby"), Map.entry("quiz", "quizzes"),
            Map.entry("schema", "schemata"), Map.entry("stigma", "stigmata"), Map.entry("stoma", "stomata"),
            Map.entry("thief", "thieves"), Map.entry("titmouse", "titmice"), Map.entry("tooth", "teeth"),
            Map.entry("tornado", "tornadoes"), Map.entry("torpedo", "torpedoes"), Map.entry("viscus", "viscera"),
            Map.entry("volcano", "volcanoes"));

    /** Stems of Latin words in -us whose plural is in -i ({@code Radius}, {@code Radii}). */
    private static final String LATIN_US = "vir|bacill|strat|alumn|cact|foc|fung|loc|nucle|radi|stimul|syllab|termin|uter";

    /** Stems of Latin words in -um whose plural is in -a ({@code Curriculum}, {@code Curricula}). */
    private static final String LATIN_UM = "addend|agend|bacteri|millenni|candelabr|curricul|dat|desiderat|errat"
            + "|extrem|nov|ov|quor|strat|symposi";

    /** Stems of Greek words in -on whose plural is in -a ({@code Criterion}, {@code Criteria}). */
    private static final String GREEK_ON = "criteri|asyndet|automat|hedr|phenomen|noumen|prolegomen|hyperbat|organ"
            + "|apheli|periheli";

    /**
     * Endings, tried in this order: the first whose pattern finds the end of the lower-case name
     * replaces what its group 1 matched with its replacement.
     */
    private static final List<Ending> ENDINGS = List.of(
            // already plural, or the same in the plural
            same("(sheep|fish|deer|series|species|news|pox|data|people|children|men|pokemon|measles|kudos|means"
                    + "|corps|headquarters|o[iu]s|[^aeiou]ese|(?:alg|alumn|hidalg|vertebr)ae|eaux|aus|uus|menus|emus"
                    + "|venus|parvenus|detenus|ingenus|silenus|scalenus|genus|cherubim|seraphim|william)"),
            same("(?:" + LATIN_US + ")(i)"),
            same("(?:" + LATIN_UM + ")(a)"),
            same("(?:" + GREEK_ON + ")(a)"),
            ending("(person)", "people"),
            ending("(?:cherub|seraph)()", "im"),
            ending("(child)", "children"),
            ending("(man)", "men"),
            ending("(?:bail|balon|bolon|bon|fol|gingel|gool|goon|hool|kil|lin|loon|mein|mon|mool|pin|pion|pol|pon|ren"
                    + "|ril|sheen|smil|spoon|ston|sween|tabool|ton|ven|win)(ey)", "ies"),
            // Latin and Greek endings on the words that keep them
            ending("(?:" + LATIN_US + ")(us)", "i"),
            ending("(?:" + LATIN_UM + ")(um)", "a"),
            ending("(?:" + GREEK_ON + ")(on)", "a"),
            ending("(?:alg|alumn|hidalg|vertebr)a()", "e"),
            ending("(?:append|cod|ind|matr|mur|sil|vert)(ix|ex)", "ices"),
            ending("(?:ax|test)(is)", "es"),
            ending("(sis)", "ses"),
            ending("ris()", "es"),
            ending("(?:alias|gas|tlas|tmas)()", "es"),
            // f and fe that become ves
            ending("(?:l|ar|ea|oa)(f)", "ves"),
            ending("(?:kn|w|l)(ife)", "ives"),
            ending("(?:ho|cho|who|e)(of)", "oves"),
            ending("(?:ato|hero|gro|chero)()", "es"),
            // y after a consonant (qu counts as one)
            ending("(?:[^aeiouy]|qu)(y)", "ies"),
            ending("(?:ch|sh|ss|x|zz)()", "es"),
            ending("(?:us)()", "es"),
            same("(s)"),
            ending("()", "s"));

    private Plurals() {}

    static String plural(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (SAME_AS_WHOLE.contains(lower)) {
            return name;
        }
        String irregular = IRREGULAR_AS_WHOLE.get(lower);
        if (irregular != null) {
            return inCaseOf(name, irregular);
        }
        for (Ending ending : ENDINGS) {
            Matcher matcher = ending.pattern.matcher(lower);
            if (matcher.find()) {
                if (ending.replacement == null) {
                    return name;
                }
                // the matched ending, the letters before the replaced part included, is put in the
                // case it had; an empty match takes the case of the character before it
                int start = matcher.start();
                String matched = name.substring(start, matcher.end());
                String like = matched.isEmpty() ? name.substring(Math.max(0, start - 1), start) : matched;
                String plural = name.substring(start, matcher.start(1)) + ending.replacement;
                return name.substring(0, start) + inCaseOf(like, plural);
            }
        }
        throw new AssertionError("the last ending matches every name");
    }

    /**
     * {@code text} in the case of {@code model}: upper case, capitalised, or else lower case (as
     * for a digit, or mixed case that starts in lower case).
     */
    private static String inCaseOf(String model, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (model.equals(model.toLowerCase(Locale.ROOT))) {
            return lower;
        }
        if (model.equals(model.toUpperCase(Locale.ROOT))) {
            return text.toUpperCase(Locale.ROOT);
        }
        return Character.isUpperCase(model.charAt(0)) ? Character.toUpperCase(lower.charAt(0)) + lower.substring(1) : lower;
    }

    private static Ending ending(String regex, String replacement) {
        return new Ending(Pattern.compile(regex + "$"), replacement);
    }

    private static Ending same(String regex) {
        return new Ending(Pattern.compile(regex + "$"), null);
    }

    /** An ending: what its pattern's group 1 matched becomes {@code replacement}; null keeps the name. */
    private record Ending(Pattern pattern, String replacement) {}
}
