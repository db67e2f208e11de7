package org.xai4j.perturbation.lime;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;
import org.xai4j.perturbation.ProgressListener;
import org.xai4j.perturbation.features.FeatureMask;
import org.xai4j.perturbation.features.Segmenter;
import org.xai4j.perturbation.features.Superpixels;

/**
 * Settings of {@link Lime} (defaults from lime's {@code LimeImageExplainer}).
 *
 * @param segmenter   the superpixels of each row (default SLIC with about 50 regions)
 * @param samples     perturbed samples including the unperturbed one (default 1000)
 * @param kernelWidth width of the exponential kernel on cosine distance (default 0.25)
 * @param hide        how switched-off superpixels are hidden (default: their mean colour, lime's {@code hide_color=None})
 * @param hideValue   the value for {@link Hide#CONSTANT}
 * @param blurSigma   the Gaussian's standard deviation in pixels for {@link Hide#BLUR}
 * @param surrogate   the local model (default ridge)
 * @param alpha       its regularisation strength (default 1, sklearn's {@code Ridge()})
 * @param batch       how many perturbed rows one model call takes
 * @param seed        seeds the samples
 * @param progress    told after every model batch (not part of {@link #toMap()})
 */
public record LimeConfig(Segmenter segmenter, int samples, double kernelWidth, Hide hide, double hideValue,
                         double blurSigma, Surrogate surrogate, double alpha, BatchPolicy batch, long seed,
                         ProgressListener progress) implements ExplainerConfig {
    /** How a switched-off superpixel is hidden. */
    public enum Hide {
        /** Each superpixel's mean, per channel. */
        MEAN,
        /** A constant ({@code hideValue}). */
        CONSTANT,
        /** The image blurred with a Gaussian of {@code blurSigma} pixels. */
        BLUR
    }

    public LimeConfig {
        Checks.requireNonNull(segmenter, "segmenter");
        Checks.requireAtLeast(samples, 2, "LIME samples");
        Checks.requirePositive(kernelWidth, "kernel width");
        Checks.requireNonNull(hide, "hide");
        if (!Double.isFinite(hideValue)) {
            throw new InvalidConfigException("hide value must be finite but was " + hideValue);
        }
        Checks.requirePositive(blurSigma, "blur sigma");
        Checks.requireNonNull(surrogate, "surrogate");
        Checks.requireNonNegative(alpha, "surrogate alpha");
        Checks.requireNonNull(batch, "batch policy");
        progress = progress == null ? ProgressListener.NONE : progress;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("features", segmenter.describe());
        m.put("samples", Integer.toString(samples));
        m.put("kernelWidth", Double.toString(kernelWidth));
        m.put("hide", hide.name());
        m.put("hideValue", Double.toString(hideValue));
        m.put("blurSigma", Double.toString(blurSigma));
        m.put("surrogate", surrogate.name());
        m.put("alpha", Double.toString(alpha));
        m.put("batchRows", Integer.toString(batch.maxRows()));
        m.put("batchMemoryBytes", Long.toString(batch.memoryBudgetBytes()));
        m.put("seed", Long.toString(seed));
        return m;
    }

    /** Builds a {@link LimeConfig}. */
    public static final class Builder {
        private Segmenter segmenter = Superpixels.slic(50);
        private int samples = 1000;
        private double kernelWidth = 0.25;
        private Hide hide = Hide.MEAN;
        private double hideValue;
        private double blurSigma = 5.0;
        private Surrogate surrogate = Surrogate.RIDGE;
        private double alpha = 1.0;
        private BatchPolicy batch = BatchPolicy.DEFAULT;
        private long seed;
        private ProgressListener progress = ProgressListener.NONE;

        /** The same feature mask for every row. */
        public Builder mask(FeatureMask mask) {
            this.segmenter = Segmenter.fixed(mask);
            return this;
        }

        /** Superpixels made per row. */
        public Builder segmenter(Segmenter segmenter) {
            this.segmenter = segmenter;
            return this;
        }

        public Builder samples(int samples) {
            this.samples = samples;
            return this;
        }

        public Builder kernelWidth(double kernelWidth) {
            this.kernelWidth = kernelWidth;
            return this;
        }

        /** Hide switched-off superpixels with their mean colour. */
        public Builder hideWithMean() {
            this.hide = Hide.MEAN;
            return this;
        }

        /** Hide switched-off superpixels with a constant. */
        public Builder hideWith(double value) {
            this.hide = Hide.CONSTANT;
            this.hideValue = value;
            return this;
        }

        /** Hide switched-off superpixels with a blur of the image. */
        public Builder hideWithBlur(double sigma) {
            this.hide = Hide.BLUR;
            this.blurSigma = sigma;
            return this;
        }

        /** A weighted ridge surrogate with strength {@code alpha}. */
        public Builder ridge(double alpha) {
            this.surrogate = Surrogate.RIDGE;
            this.alpha = alpha;
            return this;
        }

        /** A weighted lasso surrogate with strength {@code alpha}. */
        public Builder lasso(double alpha) {
            this.surrogate = Surrogate.LASSO;
            this.alpha = alpha;
            return this;
        }

        public Builder batch(BatchPolicy batch) {
            this.batch = batch;
            return this;
        }

        /** At most {@code rows} perturbed rows per model call. */
        public Builder batchSize(int rows) {
            this.batch = BatchPolicy.ofRows(rows);
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder progress(ProgressListener progress) {
            this.progress = progress;
            return this;
        }

        public LimeConfig build() {
            return new LimeConfig(segmenter, samples, kernelWidth, hide, hideValue, blurSigma, surrogate, alpha, batch,
                    seed, progress);
        }
    }
}
