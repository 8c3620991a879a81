package dev.datastore4j.maven;

/** This plugin's version, part of the up-to-date check so a new generator always regenerates. */
final class PluginVersion {
    private PluginVersion() {}

    static String get() {
        String version = PluginVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
