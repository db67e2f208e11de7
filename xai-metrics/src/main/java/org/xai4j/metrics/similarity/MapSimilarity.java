package org.xai4j.metrics.similarity;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Describable;
import org.xai4j.metrics.MapRows;
import org.xai4j.metrics.UndefinedMetricException;

/**
 * A similarity (or distance) between two maps of the same shape, computed for every row of the first axis.
 * Implementations are immutable and thread-safe.
 */
public interface MapSimilarity extends Describable {
    /**
     * A short name for reports, e.g. {@code ssim} or {@code spearman}.
     *
     * @return the name, lower case
     */
    String name();

    /** The name, as settings and provenance show a measure. */
    @Override
    default String describe() {
        return name();
    }

    /**
     * The settings, as text, for reports.
     *
     * @return an insertion-ordered map of setting name → value as text
     */
    Map<String, String> config();

    /**
     * Whether larger values mean more similar ({@code true} for all but distances such as the mean
     * absolute difference).
     *
     * @return true when larger values mean more similar
     */
    default boolean higherIsMoreSimilar() {
        return true;
    }

    /**
     * The value for one pair of rows, each flattened row-major from a row of shape {@code rowShape}. The
     * arrays are not modified.
     *
     * @param a the first row, flattened
     * @param b the second row, flattened, the same length
     * @param rowShape the shape of one row, e.g. [H, W] or [C, H, W]
     * @return the similarity (or distance) of the two rows
     * @throws UndefinedMetricException when the value does not exist for these rows (see each measure)
     */
    double between(double[] a, double[] b, long[] rowShape);

    /**
     * The value for every row: {@code result[i]} compares row i of {@code a} with row i of {@code b}.
     *
     * @param a N maps, N×…
     * @param b N maps of the same shape
     * @return a new array of N values
     * @throws org.xai4j.core.InvalidShapeException   when the shapes differ or a batch is empty
     * @throws org.xai4j.core.NonFiniteValueException when a map holds NaN or an infinity
     * @throws UndefinedMetricException               when a row has no value (message names the row)
     */
    default double[] perRow(INDArray a, INDArray b) {
        MapRows.requireSameShape(a, "first maps", b, "second maps");
        double[][] ra = MapRows.rows(a, "first maps");
        double[][] rb = MapRows.rows(b, "second maps");
        long[] rowShape = MapRows.rowShape(a);
        double[] out = new double[ra.length];
        for (int i = 0; i < ra.length; i++) {
            try {
                out[i] = between(ra[i], rb[i], rowShape);
            } catch (UndefinedMetricException e) {
                throw new UndefinedMetricException(name() + ", row " + i + ": " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * The mean over rows of {@link #perRow}.
     *
     * @param a N maps, N×…
     * @param b N maps of the same shape
     * @return the mean of {@link #perRow}
     * @throws UndefinedMetricException if the value is undefined for some row
     */
    default double mean(INDArray a, INDArray b) {
        double[] v = perRow(a, b);
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /**
     * Scikit-image's SSIM defaults (7×7 uniform window, sample covariance, joint data range).
     *
     * @return a new SSIM measure with {@link SsimConfig#DEFAULTS}
     */
    static Ssim ssim() {
        return new Ssim(SsimConfig.DEFAULTS);
    }

    /**
     * Pearson's r.
     *
     * @return the measure, in [−1, 1]
     */
    static PearsonCorrelation pearson() {
        return new PearsonCorrelation();
    }

    /**
     * Spearman's ρ with average ranks for ties.
     *
     * @return the measure, in [−1, 1]
     */
    static SpearmanCorrelation spearman() {
        return new SpearmanCorrelation();
    }

    /**
     * Kendall's τ-b.
     *
     * @return the measure, in [−1, 1]
     */
    static KendallTau kendall() {
        return new KendallTau();
    }

    /**
     * Cosine similarity.
     *
     * @return the measure, in [−1, 1]
     */
    static CosineSimilarity cosine() {
        return new CosineSimilarity();
    }

    /**
     * Mean absolute difference (a distance).
     *
     * @return the measure, at least 0; lower is more similar
     */
    static MeanAbsoluteDifference meanAbsoluteDifference() {
        return new MeanAbsoluteDifference();
    }

    /**
     * Jaccard index of the {@code top} fraction of elements by absolute value.
     *
     * @param top the fraction of elements kept, in (0, 1]
     * @return the measure, in [0, 1]
     */
    static TopKJaccard topKJaccard(double top) {
        return new TopKJaccard(top);
    }

    /**
     * Jaccard index of the elements above {@code threshold}.
     *
     * @param threshold elements with a value above it are kept
     * @return the measure, in [0, 1]
     */
    static ThresholdJaccard thresholdJaccard(double threshold) {
        return ThresholdJaccard.above(threshold);
    }
}
