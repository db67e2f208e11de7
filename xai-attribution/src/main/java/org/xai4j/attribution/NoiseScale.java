package org.xai4j.attribution;

/** What {@link NoiseTunnelConfig#noise()} measures. */
public enum NoiseScale {
    /** The noise's standard deviation itself (Captum's {@code stdevs}). */
    ABSOLUTE,
    /**
     * A fraction of each input row's range: σ_i = noise · (max_j x_ij − min_j x_ij), the "noise level" of
     * Smilkov et al.'s SmoothGrad paper (they recommend 10–20 %).
     */
    FRACTION_OF_RANGE
}
