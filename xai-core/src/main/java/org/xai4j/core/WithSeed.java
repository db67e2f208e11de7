package org.xai4j.core;

/**
 * Settings of a method that draws random numbers (samples, noise, random baselines, splits). Every such record
 * spells the setting the same way, {@code seed}: the same seed gives the same result.
 */
public interface WithSeed extends ExplainerConfig {
    /**
     * The seed the method's random draws start from.
     *
     * @return the seed
     */
    long seed();

    /**
     * A copy with another seed, the other settings unchanged.
     *
     * @param seed the seed the method's random draws start from
     * @return the copy, of the record's own type
     */
    WithSeed withSeed(long seed);
}
