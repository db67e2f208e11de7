package org.xai4j.metrics.similarity;

import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.Withers;
import org.xai4j.core.util.Checks;

/** Settings of {@link Ssim} (Wang et al. 2004). */
@Withers
public record SsimConfig(
        @Help("uniform or gaussian weights over the local window") Window window,
        @Help("side of the uniform window, odd; the Gaussian window's side is 2·floor(3.5σ + 0.5) + 1 "
                + "(11 for σ = 1.5) and this value is then ignored") int windowSize,
        @Help("standard deviation of the Gaussian window in elements") double sigma,
        @Help("constant K1") double k1,
        @Help("constant K2") double k2,
        @Help("the data range L in C1 = (K1·L)², C2 = (K2·L)²; NaN means the joint range of each pair of rows")
        double dataRange,
        @Help("(co)variances use the N/(N-1) correction, N = window elements, as scikit-image")
        boolean sampleCovariance) implements ExplainerConfig, SsimConfigWithers {
    /** Scikit-image truncates the Gaussian at 3.5 standard deviations. */
    public static final double GAUSSIAN_TRUNCATE = 3.5;
    /** scikit-image's {@code structural_similarity} defaults: uniform 7×7 window, K1 = 0.01, K2 = 0.03, the joint data
     * range of each pair, sample covariance. */
    public static final SsimConfig DEFAULTS = new SsimConfig(Window.UNIFORM, 7, 1.5, 0.01, 0.03, Double.NaN, true);
    /** The weighting of the local window. */
    public enum Window {
        /** Equal weights over a square window ({@code gaussian_weights=False}). */
        UNIFORM,
        /** Gaussian weights, truncated at 3.5σ ({@code gaussian_weights=True}). */
        GAUSSIAN
    }
    /** @param window see {@link #window()}
     * @param windowSize see {@link #windowSize()}
     * @param sigma see {@link #sigma()}
     * @param k1 see {@link #k1()}
     * @param k2 see {@link #k2()}
     * @param dataRange see {@link #dataRange()}
     * @param sampleCovariance see {@link #sampleCovariance()}
     * @throws InvalidConfigException if {@code window} is null, {@code windowSize} is even or below 3, or a constant or
     *     range is not positive */
    public SsimConfig {
        Checks.requireNonNull(window, "window");
        if (windowSize < 3 || windowSize % 2 == 0) {
            throw new InvalidConfigException("SSIM windowSize must be odd and at least 3 but was " + windowSize);
        }
        Checks.requirePositive(sigma, "SSIM sigma");
        Checks.requirePositive(k1, "SSIM k1");
        Checks.requirePositive(k2, "SSIM k2");
        if (!Double.isNaN(dataRange)) {
            Checks.requirePositive(dataRange, "SSIM dataRange");
        }
    }
    /** {@return whether the data range comes from each pair of rows: {@link #dataRange()} is NaN} */
    public boolean jointDataRange() { return Double.isNaN(dataRange); }
    /** {@return the window's side: {@link #windowSize()} if uniform, 2·floor(3.5σ + 0.5) + 1 if Gaussian} */
    public int effectiveWindowSize() {
        if (window == Window.GAUSSIAN) {
            return 2 * (int) (GAUSSIAN_TRUNCATE * sigma + 0.5) + 1;
        }
        return windowSize;
    }
    /** {@return a copy with the Gaussian window and {@code sigma} replaced}
     * @param sigma the standard deviation in elements, &gt; 0 */
    public SsimConfig withGaussian(double sigma) {
        return new SsimConfig(Window.GAUSSIAN, windowSize, sigma, k1, k2, dataRange, sampleCovariance);
    }
}
