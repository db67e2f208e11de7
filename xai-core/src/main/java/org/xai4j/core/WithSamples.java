package org.xai4j.core;

/**
 * Settings of a method that draws random samples. Every such record spells the setting the same way,
 * {@code samples}; what one sample is (a noisy copy, a perturbation, a coalition, a random baseline) is in the
 * {@link Help} of the record's component.
 */
public interface WithSamples extends ExplainerConfig {
    /**
     * The number of samples.
     *
     * @return how many samples the method draws (per row or per feature, as the record's component says)
     */
    int samples();

    /**
     * A copy with another number of samples, the other settings unchanged.
     *
     * @param samples how many samples the method draws
     * @return the copy, of the record's own type
     * @throws InvalidConfigException if the record refuses {@code samples}
     */
    WithSamples withSamples(int samples);
}
