package dev.datastore4j.codegen.diag;

import java.util.Locale;

public enum Severity {
    ERROR,
    WARNING;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
