package org.xai4j.core;

/**
 * The result of an {@link Explainer}: immutable, owning its arrays (copied off any workspace), and
 * carrying the {@link Provenance} that says how it was made. {@link Attribution} is the common case;
 * CAM maps, surrogate weights and concept scores are others.
 */
public interface Explanation {
    /**
     * How this explanation was made.
     *
     * @return the provenance: method, settings, model, target, baseline, seed and software versions
     */
    Provenance provenance();
}
