package org.xai4j.core.baseline;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.util.Rng;

/**
 * The reference input an attribution is measured against ("what the model sees when the feature is
 * absent"). Captum's {@code baselines}; SHAP's background.
 *
 * <ul>
 *   <li>{@link #zeros()}, {@link #constant(double)}: a fixed value everywhere;</li>
 *   <li>{@link #blur(double)}: the input blurred with a Gaussian over its last two axes;</li>
 *   <li>{@link #uniformNoise(double, double)}: seeded uniform noise;</li>
 *   <li>{@link #background(INDArray)}: a set of reference rows; single-reference methods use its mean,
 *       sampling methods (DeepLiftShap, GradientShap, KernelShap) draw from {@link BackgroundBaseline#samples()}.</li>
 * </ul>
 */
public interface Baseline extends org.xai4j.core.Describable {
    /**
     * Zeros of the input's shape (Captum's default).
     *
     * @return the zero baseline, recorded as {@code zeros}
     */
    static Baseline zeros() {
        return ConstantBaseline.ZERO;
    }

    /**
     * A constant of the input's shape.
     *
     * @param value the value of every element, finite
     * @return the baseline
     */
    static Baseline constant(double value) {
        return new ConstantBaseline(value);
    }

    /**
     * The input blurred by a Gaussian of standard deviation {@code sigma} pixels over its last two axes.
     *
     * @param sigma the standard deviation in pixels, &gt; 0
     * @return the baseline
     */
    static Baseline blur(double sigma) {
        return new BlurBaseline(sigma);
    }

    /**
     * Independent U[lo, hi) values of the input's shape, drawn from the call's generator.
     *
     * @param lo the inclusive lower bound
     * @param hi the exclusive upper bound, above {@code lo}
     * @return the baseline; {@link #isRandom()} is true
     */
    static Baseline uniformNoise(double lo, double hi) {
        return new UniformNoiseBaseline(lo, hi);
    }

    /**
     * Reference rows (B×…, each row shaped like an input row).
     *
     * @param samples B reference rows, B ≥ 1 (copied)
     * @return the baseline
     */
    static BackgroundBaseline background(INDArray samples) {
        return new BackgroundBaseline(samples);
    }

    /**
     * A reference of {@code input}'s shape and data type; {@code input} is not modified.
     *
     * @param input the rows a reference is needed for
     * @param rng the call's generator (used only by random baselines)
     * @return a new array of {@code input}'s shape and data type
     */
    INDArray referenceFor(INDArray input, Rng rng);

    /**
     * Whether {@link #referenceFor} draws random numbers.
     *
     * @return true for random baselines; false by default
     */
    default boolean isRandom() {
        return false;
    }

    /** A short description for provenance. */
    String describe();
}
