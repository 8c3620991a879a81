package dev.datastore4j.codegen.java;

/** Schema descriptions as Javadoc text. */
final class Javadoc {
    private Javadoc() {}

    /**
     * Keeps a description from ending the comment early, from being read as HTML or a tag, and
     * from reaching javac as a Unicode escape: javac reads {@code \}{@code u} followed by four hex
     * digits as a character even in a comment (so a path such as {@code C:\}{@code users} would not
     * compile, and an escaped star and slash would end the comment).
     */
    static String escape(String description) {
        return description.strip()
                .replace("&", "&amp;")
                .replace("\\", "&#92;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("*/", "*&#47;")
                .replace("@", "{@literal @}");
    }
}
