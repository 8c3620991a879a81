package dev.datastore4j.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's identity, from artifacts with real files. */
class GeneratorIdentityTest {
    @TempDir
    Path temp;

    @Test
    void aSnapshotRebuiltWithOtherContentIsAnotherGenerator() throws Exception {
        Path jar = Files.write(temp.resolve("core.jar"), new byte[] {1, 2, 3});
        String before = GeneratorIdentity.of(List.of(artifact("datastore4j-codegen-core", "0.1.0-SNAPSHOT", jar)));

        Files.setLastModifiedTime(jar, FileTime.fromMillis(0));
        assertThat(GeneratorIdentity.of(List.of(artifact("datastore4j-codegen-core", "0.1.0-SNAPSHOT", jar))))
                .as("the same bytes, touched").isEqualTo(before);

        Files.write(jar, new byte[] {1, 2, 4});
        assertThat(GeneratorIdentity.of(List.of(artifact("datastore4j-codegen-core", "0.1.0-SNAPSHOT", jar))))
                .as("rebuilt, same version").isNotEqualTo(before);
    }

    @Test
    void aSnapshotFolderIsKnownByItsFilesAndTheirNames() throws Exception {
        Path classes = Files.createDirectories(temp.resolve("classes/dev/datastore4j"));
        Files.write(classes.resolve("A.class"), new byte[] {1});
        Path folder = temp.resolve("classes");
        String before = GeneratorIdentity.of(List.of(artifact("plugin", "0.1.0-SNAPSHOT", folder)));

        Files.write(classes.resolve("A.class"), new byte[] {2});
        String changed = GeneratorIdentity.of(List.of(artifact("plugin", "0.1.0-SNAPSHOT", folder)));
        assertThat(changed).isNotEqualTo(before);

        Files.move(classes.resolve("A.class"), classes.resolve("B.class"));
        assertThat(GeneratorIdentity.of(List.of(artifact("plugin", "0.1.0-SNAPSHOT", folder))))
                .as("the same bytes under another name").isNotEqualTo(changed);
    }

    @Test
    void aReleaseIsKnownByItsCoordinatesAlone() throws Exception {
        Path missing = temp.resolve("not-read.jar"); // a release's file is not read
        String release = GeneratorIdentity.of(List.of(artifact("graphql-java", "26.0", missing)));
        assertThat(release).isEqualTo("com.example:graphql-java:jar:26.0");
        assertThat(GeneratorIdentity.of(List.of(artifact("graphql-java", "26.1", missing)))).isNotEqualTo(release);
    }

    @Test
    void orderAndRepetitionDoNotMatter() throws Exception {
        Path jar = Files.write(temp.resolve("core.jar"), new byte[] {7});
        Artifact core = artifact("datastore4j-codegen-core", "0.1.0-SNAPSHOT", jar);
        Artifact poet = artifact("javapoet", "0.22.0", temp.resolve("javapoet.jar"));
        assertThat(GeneratorIdentity.of(List.of(core, poet, core))).isEqualTo(GeneratorIdentity.of(List.of(poet, core)));
    }

    private static Artifact artifact(String artifactId, String version, Path file) {
        Artifact artifact = new DefaultArtifact("com.example", artifactId, version, "runtime", "jar", null,
                new DefaultArtifactHandler("jar"));
        artifact.setFile(file.toFile());
        return artifact;
    }
}
