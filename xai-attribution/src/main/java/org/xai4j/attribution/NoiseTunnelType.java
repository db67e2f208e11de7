package org.xai4j.attribution;

/** How {@link NoiseTunnel} combines the attributions of the noisy copies (Captum's {@code nt_type}). */
public enum NoiseTunnelType {
    /** The mean of the attributions (SmoothGrad; Smilkov et al. 2017). Captum's {@code smoothgrad}, the default. */
    SMOOTHGRAD,
    /** The mean of the squared attributions. Captum's {@code smoothgrad_sq}. */
    SMOOTHGRAD_SQ,
    /**
     * The variance of the attributions, mean of squares minus square of the mean (VarGrad; Adebayo et al.,
     * "Local Explanation Methods for Deep Neural Networks Lack Sensitivity to Parameter Values", 2018).
     * Captum's {@code vargrad}.
     */
    VARGRAD
}
