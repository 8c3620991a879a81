package dev.datastore4j.codegen.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/** Collects diagnostics while a schema is checked, so that every problem is reported at once. */
public final class Diagnostics {
    private static final Comparator<Diagnostic> ORDER = Comparator.comparing((Diagnostic d) -> d.position().source())
            .thenComparingInt(d -> d.position().line())
            .thenComparingInt(d -> d.position().column())
            .thenComparing(Diagnostic::code);

    private final List<Diagnostic> all = new ArrayList<>();

    public void add(Diagnostic diagnostic) {
        all.add(diagnostic);
    }

    public boolean hasErrors() {
        return all.stream().anyMatch(Diagnostic::isError);
    }

    public int errorCount() {
        return (int) all.stream().filter(Diagnostic::isError).count();
    }

    /** All diagnostics, sorted by source, line and column. */
    public List<Diagnostic> sorted() {
        return sorted(UnaryOperator.identity());
    }

    /** All diagnostics, each moved to {@code where} its position says, then sorted. */
    public List<Diagnostic> sorted(UnaryOperator<Position> where) {
        List<Diagnostic> copy = new ArrayList<>();
        for (Diagnostic d : all) {
            copy.add(new Diagnostic(d.severity(), d.code(), where.apply(d.position()), d.message(), d.hint()));
        }
        copy.sort(ORDER);
        return List.copyOf(copy);
    }
}
