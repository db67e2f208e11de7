package org.xai4j.perturbation.lime;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Help;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.WithBatch;
import org.xai4j.core.WithSamples;
import org.xai4j.core.WithSeed;
import org.xai4j.core.Withers;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/** Settings of {@link LimeTabular}. The training rows have no default, so start from {@link #of}, which fills in lime's
 * {@code LimeTabularExplainer} defaults: no categorical columns, quartile discretisation, 5000 samples, kernel width
 * 0.75·√D, ridge with alpha 1, names {@code x0, x1, …}. */
@Withers
public record LimeTabularConfig(
        @Help("the training rows (M×D) whose statistics drive the sampling; copied") INDArray training,
        @Help("the indices of categorical columns (their values are category codes)") int[] categorical,
        @Help("discretise continuous columns into quartiles") boolean discretize,
        @Help("perturbed samples, the unperturbed one included") int samples,
        @Help("width of the exponential kernel on Euclidean distance; 0 means 0.75·sqrt(D)") double kernelWidth,
        @Help("the local model: ridge or lasso") Surrogate surrogate,
        @Help("the surrogate's regularisation strength") double alpha,
        @Help("a name per column, or none for x0, x1, …") List<String> featureNames,
        @Help("perturbed rows per model call") BatchPolicy batch,
        @Help("seeds the samples") long seed) implements WithBatch, WithSeed, WithSamples, LimeTabularConfigWithers {
    /** Validates the settings and copies its arrays and lists.
     * @param training see {@link #training()}
     * @param categorical see {@link #categorical()}
     * @param discretize see {@link #discretize()}
     * @param samples see {@link #samples()}
     * @param kernelWidth see {@link #kernelWidth()}
     * @param surrogate see {@link #surrogate()}
     * @param alpha see {@link #alpha()}
     * @param featureNames see {@link #featureNames()}
     * @param batch see {@link #batch()}
     * @param seed see {@link #seed()}
     * @throws InvalidConfigException if a setting is null or out of its range; the message names it */
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
                throw new InvalidConfigException("categorical column " + c + " is outside the training data's " + d
                        + " columns");
            }
        }
        Checks.requireAtLeast(samples, 2, "LIME samples");
        Checks.requireNonNegative(kernelWidth, "kernel width (0 = auto)");
        Checks.requireNonNull(surrogate, "surrogate");
        Checks.requireNonNegative(alpha, "surrogate alpha");
        if (featureNames != null) {
            if (featureNames.size() != d) {
                throw new InvalidConfigException("need one feature name per column (" + d + ") but got "
                        + featureNames.size());
            }
            featureNames = List.copyOf(featureNames);
        }
        Checks.requireNonNull(batch, "batch policy");
    }
    /** {@return lime's defaults over {@code training}}
     * @param training the training rows (M×D) whose statistics drive the sampling; copied */
    public static LimeTabularConfig of(INDArray training) {
        return new LimeTabularConfig(training, null, true, 5000, 0, Surrogate.RIDGE, 1.0, null, BatchPolicy.DEFAULT, 0);
    }
    /** {@return a copy of the M×D training rows (changing it changes nothing here)} */
    @Override public INDArray training() { return training.dup(); }
    /** {@return a copy of the indices of the categorical columns; empty when there are none} */
    @Override public int[] categorical() { return categorical.clone(); }
    /** The kernel width used for rows of {@code columns} columns.
     * @param columns D, the number of columns
     * @return {@code kernelWidth}, or 0.75·√D when it is 0 (lime's default) */
    public double kernelWidthFor(int columns) { return kernelWidth == 0 ? 0.75 * Math.sqrt(columns) : kernelWidth; }
    /** {@return a copy with {@code surrogate} and {@code alpha} replaced}
     * @param surrogate the new value
     * @param alpha the new value */
    public LimeTabularConfig withSurrogate(Surrogate surrogate, double alpha) {
        return new LimeTabularConfig(training, categorical, discretize, samples, kernelWidth, surrogate, alpha,
                featureNames, batch, seed);
    }
}
