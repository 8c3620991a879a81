package dev.datastore4j.cli;

import picocli.CommandLine;

/** The version recorded in the jar manifest at build time. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Datastore4j.class.getPackage().getImplementationVersion();
        return new String[] {"datastore4j " + (version == null ? "(development build)" : version)};
    }
}
