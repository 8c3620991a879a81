package dev.datastore4j.maven;

import dev.datastore4j.codegen.Codegen;
import dev.datastore4j.codegen.OutputSink;
import dev.datastore4j.codegen.diag.Diagnostic;
import dev.datastore4j.codegen.diag.DiagnosticRenderer;
import dev.datastore4j.codegen.schema.SchemaSource;
import dev.datastore4j.codegen.validate.CompileResult;
import dev.datastore4j.codegen.validate.SchemaCompiler;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Generates the Java models, typed query fields and sync metadata for a GraphQL schema with
 * Amplify directives, and adds them to the compile sources. Writes nothing when the schema and the
 * options are as they were at the last run; a type removed from the schema leaves no file behind.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public final class GenerateMojo extends AbstractMojo {
    /**
     * Schema files, or folders whose {@code .graphql} and {@code .graphqls} files (recursively) make
     * up the schema. Relative paths are resolved against the project folder. Default:
     * {@code src/main/graphql}.
     */
    @Parameter(property = "datastore4j.schemas")
    private List<String> schemas;

    /** The source root the generated files are written below; it becomes a compile source root. */
    @Parameter(property = "datastore4j.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/datastore4j", required = true)
    private File outputDirectory;

    /** The Java package of the generated types, such as {@code com.example.blog}. */
    @Parameter(property = "datastore4j.packageName", required = true)
    private String packageName;

    /** Skips generation (and does not add the output folder to the sources). */
    @Parameter(property = "datastore4j.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    private MojoExecution execution;

    /** This plugin, whose artifacts tell which generator runs (part of the up-to-date check). */
    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("datastore4j: skipped");
            return;
        }
        Optional<String> packageProblem = Codegen.packageProblem(packageName);
        if (packageProblem.isPresent()) {
            throw new MojoFailureException("datastore4j: packageName: " + packageProblem.get());
        }
        Path base = project.getBasedir().toPath();
        List<Path> files = schemaFiles(base);
        Path output = outputDirectory.toPath();
        Path stateFile = Path.of(project.getBuild().getDirectory(), "datastore4j", execution.getExecutionId() + ".state");
        try {
            List<SchemaSource> sources = new ArrayList<>();
            for (Path file : files) {
                sources.add(new SchemaSource(base.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8)));
            }
            List<Artifact> generator = new ArrayList<>(plugin.getArtifacts());
            generator.add(plugin.getPluginArtifact());
            GenerationState state = GenerationState.of(GeneratorIdentity.of(generator), packageName, output, sources);
            if (state.isUpToDate(stateFile)) {
                getLog().info("datastore4j: models are up to date in " + output);
            } else {
                generate(sources, state, output, stateFile);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new MojoExecutionException("datastore4j: " + e.getMessage(), e);
        }
        project.addCompileSourceRoot(output.toString());
    }

    private void generate(List<SchemaSource> sources, GenerationState state, Path output, Path stateFile)
            throws IOException, MojoFailureException {
        CompileResult result = SchemaCompiler.compile(sources);
        DiagnosticRenderer renderer = new DiagnosticRenderer(result.sourceLines());
        for (Diagnostic diagnostic : result.diagnostics()) {
            for (String line : renderer.render(List.of(diagnostic)).split("\n")) {
                if (diagnostic.isError()) {
                    getLog().error(line);
                } else {
                    getLog().warn(line);
                }
            }
        }
        if (!result.succeeded()) {
            throw new MojoFailureException("datastore4j: schema is invalid: " + result.summary()
                    + " (each is logged above with its location)");
        }
        List<String> written = Codegen.writeJavaSources(result.schema().orElseThrow(), packageName,
                OutputSink.directory(output));
        int removed = state.removeStaleFiles(stateFile, written);
        state.save(stateFile, written);
        int models = result.schemaOrNull().models().size();
        getLog().info("datastore4j: generated " + written.size() + " files for " + models + (models == 1 ? " model" : " models")
                + " in " + output + (removed == 0 ? "" : "; removed " + removed + " stale"));
    }

    private List<Path> schemaFiles(Path base) throws MojoFailureException {
        List<String> given = schemas == null || schemas.isEmpty() ? List.of("src/main/graphql") : schemas;
        Set<Path> files = new LinkedHashSet<>(); // a file named twice (or inside a named folder) counts once
        for (String name : given) {
            Path path = base.resolve(name.trim()).normalize();
            if (Files.isDirectory(path)) {
                files.addAll(SchemaSource.schemaFilesIn(path));
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new MojoFailureException("datastore4j: schema not found: " + path
                        + " (set <schemas> or put .graphql files in src/main/graphql)");
            }
        }
        if (files.isEmpty()) {
            throw new MojoFailureException("datastore4j: no .graphql files in " + given);
        }
        return List.copyOf(files);
    }
}
