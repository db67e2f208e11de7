package org.xai4j.metrics.uncertainty;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.util.Checks;

/**
 * Temperature scaling (Guo, Pleiss, Sun, Weinberger: "On Calibration of Modern Neural Networks", ICML 2017): one
 * scalar T &gt; 0 divides every logit, chosen to minimise the negative log-likelihood of held-out labels. It
 * leaves the predicted class unchanged and only moves the confidences. The NLL is convex in β = 1/T (a log-sum-exp
 * of linear functions minus a linear function), so a golden-section search over β finds the minimum.
 *
 * @param temperature the fitted temperature T
 * @param nllBefore   the mean NLL of the labels at T = 1
 * @param nllAfter    the mean NLL at the fitted T
 */
public record TemperatureScaling(double temperature, double nllBefore, double nllAfter) {
    /** The searched range of β = 1/T. */
    public static final double MIN_INVERSE = 0.01;
    /** The searched range of β = 1/T. */
    public static final double MAX_INVERSE = 20;

    /**
     * Fits T to {@code logits} (n × k) and their true {@code labels}.
     *
     * @param logits N × K logits (not modified)
     * @param labels the N true classes, each in [0, K)
     * @return the fitted temperature, with the mean NLL before and after
     * @throws org.xai4j.core.XaiException if the shapes do not match, a label is out of range or a logit is not
     *     finite
     */
    public static TemperatureScaling fit(INDArray logits, int[] labels) {
        double[][] z = read(logits, labels);
        double lo = MIN_INVERSE;
        double hi = MAX_INVERSE;
        double g = (Math.sqrt(5) - 1) / 2;
        double a = hi - g * (hi - lo);
        double b = lo + g * (hi - lo);
        double fa = nll(z, labels, a);
        double fb = nll(z, labels, b);
        for (int it = 0; it < 200 && hi - lo > 1e-10; it++) {
            if (fa <= fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - g * (hi - lo);
                fa = nll(z, labels, a);
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + g * (hi - lo);
                fb = nll(z, labels, b);
            }
        }
        double beta = (lo + hi) / 2;
        return new TemperatureScaling(1 / beta, nll(z, labels, 1), nll(z, labels, beta));
    }

    /**
     * The class probabilities of {@code logits} divided by the fitted temperature.
     *
     * @param logits N × K logits (not modified)
     * @return softmax(logits / T)
     */
    public ClassProbabilities apply(INDArray logits) {
        Checks.requireRank(logits, "logits", 2);
        return ClassProbabilities.fromLogits(logits.castTo(DataType.DOUBLE).div(temperature));
    }

    /**
     * The mean negative log-likelihood of {@code labels} under softmax(β · logits).
     *
     * @param logits N × K logits (not modified)
     * @param labels the N true classes
     * @param beta the inverse temperature β = 1/T, &gt; 0
     * @return the mean NLL in nats
     */
    public static double nll(INDArray logits, int[] labels, double beta) {
        return nll(read(logits, labels), labels, beta);
    }

    private static double nll(double[][] z, int[] labels, double beta) {
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z[i]) {
                max = Math.max(max, beta * v);
            }
            double s = 0;
            for (double v : z[i]) {
                s += Math.exp(beta * v - max);
            }
            sum += max + Math.log(s) - beta * z[i][labels[i]];
        }
        return sum / z.length;
    }

    private static double[][] read(INDArray logits, int[] labels) {
        Checks.requireRank(logits, "logits", 2);
        Checks.requireFinite(logits, "logits");
        Checks.requireNonNull(labels, "labels");
        if (labels.length != logits.rows() || labels.length == 0) {
            throw new InvalidShapeException("temperature scaling needs one label per logits row but got "
                    + labels.length + " labels for " + logits.rows() + " rows");
        }
        double[][] z = logits.castTo(DataType.DOUBLE).toDoubleMatrix();
        for (int l : labels) {
            if (l < 0 || l >= z[0].length) {
                throw new InvalidShapeException("labels must be class indices in [0, " + z[0].length
                        + ") but got " + l);
            }
        }
        return z;
    }
}
