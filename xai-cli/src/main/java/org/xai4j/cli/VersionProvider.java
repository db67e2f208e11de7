package org.xai4j.cli;

import org.xai4j.core.Versions;
import picocli.CommandLine.IVersionProvider;

/** {@code xai --version}: the library version and the Java runtime. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"xai4j " + Versions.library() + " (Java " + Versions.java() + ")"};
    }
}
