package org.xai4j.metrics.similarity;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.util.Checks;

/**
 * Settings of {@link Ssim}; the defaults are scikit-image's {@code structural_similarity} defaults.
 *
 * @param window           {@link Window#UNIFORM} (default) or {@link Window#GAUSSIAN}
 * @param windowSize       side of the uniform window, odd, default 7; for the Gaussian window the side is
 *                         derived from {@code sigma} as 2·⌊3.5σ + 0.5⌋ + 1 (11 for σ = 1.5) and this
 *                         value is ignored
 * @param sigma            standard deviation of the Gaussian window in elements, default 1.5
 * @param k1               constant K1, default 0.01
 * @param k2               constant K2, default 0.03
 * @param dataRange        the data range L in C1 = (K1·L)², C2 = (K2·L)²; {@code NaN} (default) means the
 *                         joint range of each pair of rows: max of both − min of both
 * @param sampleCovariance whether (co)variances use the N/(N−1) correction, N = window elements (default
 *                         true, as scikit-image)
 */
public record SsimConfig(Window window, int windowSize, double sigma, double k1, double k2, double dataRange,
                         boolean sampleCovariance) {
    /** The weighting of the local window. */
    public enum Window {
        /** Equal weights over a square window ({@code gaussian_weights=False}). */
        UNIFORM,
        /** Gaussian weights, truncated at 3.5σ ({@code gaussian_weights=True}). */
        GAUSSIAN
    }

    /** Scikit-image truncates the Gaussian at 3.5 standard deviations. */
    public static final double GAUSSIAN_TRUNCATE = 3.5;

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

    /** The defaults. */
    public static SsimConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether the data range comes from each pair of rows. */
    public boolean jointDataRange() {
        return Double.isNaN(dataRange);
    }

    /** The side of the window actually used (derived from sigma for the Gaussian window). */
    public int effectiveWindowSize() {
        if (window == Window.GAUSSIAN) {
            return 2 * (int) (GAUSSIAN_TRUNCATE * sigma + 0.5) + 1;
        }
        return windowSize;
    }

    /** Every setting as text. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("window", window.name());
        m.put("windowSize", Integer.toString(effectiveWindowSize()));
        m.put("sigma", Double.toString(sigma));
        m.put("k1", Double.toString(k1));
        m.put("k2", Double.toString(k2));
        m.put("dataRange", jointDataRange() ? "joint" : Double.toString(dataRange));
        m.put("sampleCovariance", Boolean.toString(sampleCovariance));
        return m;
    }

    /** Builder with scikit-image's defaults. */
    public static final class Builder {
        private Window window = Window.UNIFORM;
        private int windowSize = 7;
        private double sigma = 1.5;
        private double k1 = 0.01;
        private double k2 = 0.03;
        private double dataRange = Double.NaN;
        private boolean sampleCovariance = true;

        private Builder() {
        }

        public Builder window(Window window) {
            this.window = window;
            return this;
        }

        /** Gaussian weights with standard deviation {@code sigma}. */
        public Builder gaussian(double sigma) {
            this.window = Window.GAUSSIAN;
            this.sigma = sigma;
            return this;
        }

        public Builder windowSize(int windowSize) {
            this.windowSize = windowSize;
            return this;
        }

        public Builder sigma(double sigma) {
            this.sigma = sigma;
            return this;
        }

        public Builder k1(double k1) {
            this.k1 = k1;
            return this;
        }

        public Builder k2(double k2) {
            this.k2 = k2;
            return this;
        }

        /** A fixed data range L &gt; 0 instead of the joint range of each pair. */
        public Builder dataRange(double dataRange) {
            this.dataRange = dataRange;
            return this;
        }

        public Builder sampleCovariance(boolean sampleCovariance) {
            this.sampleCovariance = sampleCovariance;
            return this;
        }

        public SsimConfig build() {
            return new SsimConfig(window, windowSize, sigma, k1, k2, dataRange, sampleCovariance);
        }
    }
}
