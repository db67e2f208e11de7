package org.xai4j.perturbation.lime;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;
import org.xai4j.perturbation.ProgressListener;

/**
 * Settings of {@link LimeTabular} (defaults from lime's {@code LimeTabularExplainer}).
 *
 * @param training     the training rows (M×D) whose statistics drive the sampling; copied
 * @param categorical  the indices of categorical columns (their values are category codes)
 * @param discretize   whether continuous columns are discretised into quartiles (default true)
 * @param samples      perturbed samples including the unperturbed one (default 5000)
 * @param kernelWidth  width of the exponential kernel on Euclidean distance; 0 means 0.75·√D (default)
 * @param surrogate    the local model (default ridge)
 * @param alpha        its regularisation strength (default 1)
 * @param featureNames a name per column, or null for {@code x0, x1, …}
 * @param batch        how many perturbed rows one model call takes
 * @param seed         seeds the samples
 * @param progress     told after every model batch (not part of {@link #toMap()})
 */
public record LimeTabularConfig(INDArray training, int[] categorical, boolean discretize, int samples, double kernelWidth,
                                Surrogate surrogate, double alpha, List<String> featureNames, BatchPolicy batch,
                                long seed, ProgressListener progress) implements ExplainerConfig {
    public LimeTabularConfig {
        Checks.requireRank(training, "training data", 2);
        if (training.size(0) < 1 || training.size(1) < 1) {
            throw new InvalidConfigException("training data needs at least one row and column but has shape "
                    + Arrays.toString(training.shape()));
        }
        Checks.requireFinite(training, "training data");
        training = training.dup();
        categorical = categorical == null ? new int[0] : categorical.clone();
        long d = training.size(1);
        for (int c : categorical) {
            if (c < 0 || c >= d) {
                throw new InvalidConfigException("categorical column " + c + " is outside the training data's " + d + " columns");
            }
        }
        Checks.requireAtLeast(samples, 2, "LIME samples");
        Checks.requireNonNegative(kernelWidth, "kernel width (0 = auto)");
        Checks.requireNonNull(surrogate, "surrogate");
        Checks.requireNonNegative(alpha, "surrogate alpha");
        if (featureNames != null) {
            if (featureNames.size() != d) {
                throw new InvalidConfigException("need one feature name per column (" + d + ") but got " + featureNames.size());
            }
            featureNames = List.copyOf(featureNames);
        }
        Checks.requireNonNull(batch, "batch policy");
        progress = progress == null ? ProgressListener.NONE : progress;
    }

    @Override
    public INDArray training() {
        return training.dup();
    }

    @Override
    public int[] categorical() {
        return categorical.clone();
    }

    /** The kernel width used for D columns. */
    public double kernelWidthFor(int columns) {
        return kernelWidth == 0 ? 0.75 * Math.sqrt(columns) : kernelWidth;
    }

    /** A builder; {@link Builder#training} is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("training", Arrays.toString(training.shape()));
        m.put("categorical", Arrays.toString(categorical));
        m.put("discretize", Boolean.toString(discretize));
        m.put("samples", Integer.toString(samples));
        m.put("kernelWidth", kernelWidth == 0 ? "auto" : Double.toString(kernelWidth));
        m.put("surrogate", surrogate.name());
        m.put("alpha", Double.toString(alpha));
        m.put("featureNames", featureNames == null ? "" : String.join(",", featureNames));
        m.put("batchRows", Integer.toString(batch.maxRows()));
        m.put("batchMemoryBytes", Long.toString(batch.memoryBudgetBytes()));
        m.put("seed", Long.toString(seed));
        return m;
    }

    /** Builds a {@link LimeTabularConfig}. */
    public static final class Builder {
        private INDArray training;
        private int[] categorical = new int[0];
        private boolean discretize = true;
        private int samples = 5000;
        private double kernelWidth;
        private Surrogate surrogate = Surrogate.RIDGE;
        private double alpha = 1.0;
        private List<String> featureNames;
        private BatchPolicy batch = BatchPolicy.DEFAULT;
        private long seed;
        private ProgressListener progress = ProgressListener.NONE;

        public Builder training(INDArray training) {
            this.training = training;
            return this;
        }

        public Builder categorical(int... columns) {
            this.categorical = columns;
            return this;
        }

        public Builder discretize(boolean discretize) {
            this.discretize = discretize;
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

        public Builder ridge(double alpha) {
            this.surrogate = Surrogate.RIDGE;
            this.alpha = alpha;
            return this;
        }

        public Builder lasso(double alpha) {
            this.surrogate = Surrogate.LASSO;
            this.alpha = alpha;
            return this;
        }

        public Builder featureNames(List<String> names) {
            this.featureNames = names;
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

        public LimeTabularConfig build() {
            return new LimeTabularConfig(training, categorical, discretize, samples, kernelWidth, surrogate, alpha,
                    featureNames, batch, seed, progress);
        }
    }
}
