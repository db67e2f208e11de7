package org.xai4j.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/** The versions recorded in provenance. */
public final class Versions {
    private static final String LIBRARY = readLibraryVersion();
    private static volatile String backend;

    private Versions() {
    }

    /**
     * xai4j's version, from the build.
     *
     * @return the version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} outside a build
     */
    public static String library() {
        return LIBRARY;
    }

    /**
     * The ND4J backend class in use, e.g. {@code CpuBackend}.
     *
     * @return the simple class name of the backend
     */
    public static String backend() {
        String b = backend;
        if (b == null) { // ND4J picks its backend once per JVM, so the name is read once
            b = Nd4j.getBackend().getClass().getSimpleName();
            backend = b;
        }
        return b;
    }

    /**
     * The running Java version.
     *
     * @return the value of {@code java.version}
     */
    public static String java() {
        return System.getProperty("java.version");
    }

    private static String readLibraryVersion() {
        try (InputStream in = Versions.class.getResourceAsStream("/org/xai4j/core/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
