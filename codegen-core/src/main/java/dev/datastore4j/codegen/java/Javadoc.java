package dev.datastore4j.codegen.java;

/** Schema descriptions as Javadoc text. */
final class Javadoc {
    private Javadoc() {}

    /** Keeps a description from ending the comment early or being read as HTML or a tag. */
    static String escape(String description) {
        return description.strip()
                .replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("*/", "*&#47;")
                .replace("@", "{@literal @}");
    }
}
