package org.xai4j.core;

import java.util.Map;

/**
 * A method's immutable configuration. Implementations are records with defaults and builders; {@link #toMap}
 * lists every setting (enum values by name) in a fixed order for provenance and the CLI.
 */
public interface ExplainerConfig {
    /** Every setting as text, in declaration order. */
    Map<String, String> toMap();
}
