package dev.datastore4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Predicates are checked by the compiler: the right ones compile, the wrong ones do not. */
class TypedPredicateCompileTest {
    @TempDir
    Path classes;

    @ParameterizedTest(name = "{0} compiles: {1}")
    @CsvSource(delimiter = '|', value = {
        "Post.RATING.gt(3)                                   | true",
        "Post.TITLE.beginsWith(\"Hi\")                        | true",
        "Post.RATING.gt(3).and(Post.TITLE.contains(\"x\")).not() | true",
        "Post.STATUS.eq(PostStatus.DRAFT)                    | true",
        "Post.RATING.gt(\"x\")                                | false",
        "Post.TITLE.gt(3)                                    | false",
        "Post.RATING.beginsWith(\"1\")                        | false",
        "Post.STATUS.gt(PostStatus.DRAFT)                    | false",
        "Comment.CONTENT.eq(\"x\")                            | false",
        "Post.RATING.gt(3).and(Comment.CONTENT.eq(\"x\"))      | false",
    })
    void predicateOverPost(String expression, boolean compiles) {
        String source = "package check;\nimport com.example.blog.*;\nimport dev.datastore4j.query.QueryPredicate;\n"
                + "class Check { QueryPredicate<Post> p = " + expression + "; }\n";
        assertThat(compile(source, classes)).as(expression).isEqualTo(compiles);
    }

    private static boolean compile(String source, Path out) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///check/Check.java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString());
        return compiler.getTask(null, null, new DiagnosticCollector<>(), options, null, List.of(file)).call();
    }
}
