package dev.datastore4j.codegen.schema;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Name transformations shared by the analyzer and the generators. */
public final class Names {
    private Names() {}

    /** Whether {@code text} is a GraphQL name: a letter or _, then letters, digits and _. */
    public static boolean isGraphQlName(String text) {
        if (text == null || text.isEmpty() || !(isLetter(text.charAt(0)) || text.charAt(0) == '_')) {
            return false;
        }
        return text.chars().allMatch(c -> isLetter(c) || c == '_' || (c >= '0' && c <= '9'));
    }

    private static boolean isLetter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    public static String upperFirst(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    public static String lowerFirst(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }

    /** Amplify's camel case of several words: {@code [Blog, posts, id] -> blogPostsId}. */
    public static String camelCase(String... words) {
        StringBuilder out = new StringBuilder();
        for (String word : words) {
            out.append(out.length() == 0 ? lowerFirst(word) : upperFirst(word));
        }
        return out.toString();
    }

    /**
     * The query argument that carries a condition on these sort key fields: the field's name, or
     * for a composite sort key the fields in camel case ({@code [status, placedAt] -> statusPlacedAt}).
     */
    public static String sortKeyArgument(List<String> sortKeyFields) {
        return camelCase(sortKeyFields.toArray(String[]::new));
    }

    /** {@code blogPostsId -> BLOG_POSTS_ID}, {@code _deleted -> _DELETED}, {@code URLs -> URLS}. */
    public static String constantCase(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean boundary = i > 0 && Character.isUpperCase(c)
                    && (Character.isLowerCase(name.charAt(i - 1)) || Character.isDigit(name.charAt(i - 1))
                            || (i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))
                                    && Character.isUpperCase(name.charAt(i - 1))));
            if (boundary && out.length() > 0 && out.charAt(out.length() - 1) != '_') {
                out.append('_');
            }
            out.append(c);
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    /**
     * The name of a field's typed constant: the field's name in {@link #constantCase}, with an
     * underscore after it when that is the field's own name ({@code SO}, {@code URL}), since a
     * record cannot have a static field named like one of its components. Such names are common
     * in schemas written for Amplify, and a field's name cannot change without changing the API.
     */
    public static String fieldConstant(String field) {
        String constant = constantCase(field);
        return constant.equals(field) ? constant + "_" : constant;
    }

    /** The closest of {@code candidates} to {@code name}, when close enough to be a likely typo. */
    public static String suggest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(1, Math.min(3, name.length() / 3));
        return bestDistance <= allowed ? best : null;
    }

    /** Levenshtein distance with adjacent transpositions counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
