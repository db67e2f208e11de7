package org.xai4j.core;

import java.util.Map;

/** A method's immutable settings: a {@code record} whose components are the settings, validated in its compact
 * constructor, with a {@code public static final DEFAULTS} (each default written there once) and {@code withX(...)}
 * copies; the settings many methods share come through {@link WithBatch}, {@link WithSeed}, {@link WithBaseline},
 * {@link WithLayer} and {@link WithSamples}. {@link #toMap} is derived from the components ({@link Settings#toMap}),
 * so provenance, {@code xai methods} and the docs list exactly the record's settings. */
public interface ExplainerConfig {
    /** Every setting as text, in declaration order: by default the record's components ({@link Settings}).
     * @return an insertion-ordered map of setting name → value as text
     * @throws UnsupportedOperationException if the implementation is not a record and does not override this method */
    default Map<String, String> toMap() {
        if (this instanceof Record r) {
            return Settings.toMap(r);
        }
        throw new UnsupportedOperationException(getClass().getName() + " is not a record: override toMap()");
    }
}
