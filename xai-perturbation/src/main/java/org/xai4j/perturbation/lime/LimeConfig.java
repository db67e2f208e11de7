package org.xai4j.perturbation.lime;

import org.xai4j.core.Describable;
import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.WithBatch;
import org.xai4j.core.WithSamples;
import org.xai4j.core.WithSeed;
import org.xai4j.core.Withers;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;
import org.xai4j.perturbation.features.Segmenter;
import org.xai4j.perturbation.features.Superpixels;

/** Settings of {@link Lime} (Ribeiro et al. 2016). {@link #DEFAULTS} follow lime's {@code LimeImageExplainer}: SLIC
 * with about 50 regions, 1000 samples, kernel width 0.25 on cosine distance, superpixels hidden by their mean colour
 * ({@code hide_color=None}), ridge with alpha 1 (sklearn's {@code Ridge()}). */
@Withers
public record LimeConfig(
        @Help("the superpixels of each row") Segmenter segmenter,
        @Help("perturbed samples, the unperturbed one included") int samples,
        @Help("width of the exponential kernel on cosine distance") double kernelWidth,
        @Help("what switched-off superpixels show: mean (their mean colour), blur:SIGMA or a number") Hide hide,
        @Help("the local model: ridge or lasso") Surrogate surrogate,
        @Help("the surrogate's regularisation strength") double alpha,
        @Help("perturbed rows per model call") BatchPolicy batch,
        @Help("seeds the samples") long seed) implements WithBatch, WithSeed, WithSamples, LimeConfigWithers {
    /** lime's {@code LimeImageExplainer} defaults, as listed above; seed 0. */
    public static final LimeConfig DEFAULTS = new LimeConfig(Superpixels.slic(50), 1000, 0.25, Hide.MEAN,
            Surrogate.RIDGE, 1.0, BatchPolicy.DEFAULT, 0);
    /** How a switched-off superpixel is hidden: {@link #MEAN} (each superpixel's mean, per channel), {@link #constant}
     * or {@link #blur} (the image blurred with a Gaussian of {@code value} pixels). */
    public record Hide(Kind kind, double value) implements Describable {
        /** Each superpixel's mean colour (lime's {@code hide_color=None}). */
        public static final Hide MEAN = new Hide(Kind.MEAN, 0);
        /** The ways of hiding. */
        public enum Kind {
            /** Each superpixel takes its own mean, per channel; {@code value} is unused. */
            MEAN,
            /** Every hidden element takes {@code value}, in the model's input units. */
            CONSTANT,
            /** Hidden elements take the image blurred with a Gaussian of standard deviation {@code value} pixels. */
            BLUR
        }
        /** Validates the choice.
         * @param kind the way of hiding; not null
         * @param value the constant (finite) for {@link Kind#CONSTANT}, the blur's sigma in pixels (positive) for
         *     {@link Kind#BLUR}; ignored for {@link Kind#MEAN}
         * @throws InvalidConfigException if {@code kind} is null, a constant is not finite or a sigma not positive */
        public Hide {
            Checks.requireNonNull(kind, "hide");
            if (kind == Kind.CONSTANT && !Double.isFinite(value)) {
                throw new InvalidConfigException("hide value must be finite but was " + value);
            }
            if (kind == Kind.BLUR) {
                Checks.requirePositive(value, "blur sigma");
            }
        }
        /** {@return hidden elements take a constant}
         * @param value the value, in the model's input units; finite */
        public static Hide constant(double value) { return new Hide(Kind.CONSTANT, value); }
        /** {@return hidden elements take the image blurred with a Gaussian}
         * @param sigma the Gaussian's standard deviation in pixels; positive */
        public static Hide blur(double sigma) { return new Hide(Kind.BLUR, sigma); }
        @Override
        public String describe() {
            return switch (kind) {
                case MEAN -> "mean";
                case CONSTANT -> Double.toString(value);
                case BLUR -> "blur:" + value;
            };
        }
    }
    /** @param segmenter see {@link #segmenter()}
     * @param samples see {@link #samples()}
     * @param kernelWidth see {@link #kernelWidth()}
     * @param hide see {@link #hide()}
     * @param surrogate see {@link #surrogate()}
     * @param alpha see {@link #alpha()}
     * @param batch see {@link #batch()}
     * @param seed see {@link #seed()}
     * @throws InvalidConfigException if a setting is null or out of its range; the message names it */
    public LimeConfig {
        Checks.requireNonNull(segmenter, "segmenter");
        Checks.requireAtLeast(samples, 2, "LIME samples");
        Checks.requirePositive(kernelWidth, "kernel width");
        Checks.requireNonNull(hide, "hide");
        Checks.requireNonNull(surrogate, "surrogate");
        Checks.requireNonNegative(alpha, "surrogate alpha");
        Checks.requireNonNull(batch, "batch policy");
    }
    /** {@return a copy with {@code surrogate} and {@code alpha} replaced}
     * @param surrogate the new value
     * @param alpha the new value */
    public LimeConfig withSurrogate(Surrogate surrogate, double alpha) {
        return new LimeConfig(segmenter, samples, kernelWidth, hide, surrogate, alpha, batch, seed);
    }
}
