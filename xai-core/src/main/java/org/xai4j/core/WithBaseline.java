package org.xai4j.core;

import org.xai4j.core.baseline.Baseline;

/**
 * Settings of a method measured against a reference input ("the feature absent"). Every such record spells the
 * setting the same way, {@code baseline}.
 */
public interface WithBaseline extends ExplainerConfig {
    /**
     * The reference input.
     *
     * @return the baseline; never null
     */
    Baseline baseline();

    /**
     * A copy with another reference input, the other settings unchanged.
     *
     * @param baseline the reference input: zeros, a constant, a blur, random rows or a background set; not null
     * @return the copy, of the record's own type
     * @throws InvalidConfigException if {@code baseline} is null
     */
    WithBaseline withBaseline(Baseline baseline);
}
