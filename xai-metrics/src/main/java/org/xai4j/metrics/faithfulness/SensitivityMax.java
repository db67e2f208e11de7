package org.xai4j.metrics.faithfulness;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Checks;
import org.xai4j.core.util.Rng;
import org.xai4j.metrics.MapRows;
import org.xai4j.metrics.MetricValues;

/**
 * Max-sensitivity (Yeh, Hsieh, Suggala, Inouye, Ravikumar: "On the (In)fidelity and Sensitivity of
 * Explanations", NeurIPS 2019), estimated as Captum's {@code sensitivity_max}:
 * <pre>SENS_max = max_{j ≤ samples} ‖Φ(x + δⱼ) − Φ(x)‖ / ‖Φ(x)‖,  δⱼ ~ U[−r, r]^d</pre>
 * Lower is better (a map that does not change under small input noise). The explainer is called on the
 * input once and on the perturbed copies in batches; the target is resolved once with the model on the
 * unperturbed input, so "predicted" keeps meaning the same class.
 */
public final class SensitivityMax {
    private final SensitivityMaxConfig config;

    /**
     * Max-sensitivity with {@code config}.
     *
     * @param config the samples, radius, norm, normalisation, seed and batch policy
     * @throws org.xai4j.core.InvalidConfigException if {@code config} is null
     */
    public SensitivityMax(SensitivityMaxConfig config) {
        this.config = Checks.requireNonNull(config, "config");
    }

    /** Max-sensitivity with {@link SensitivityMaxConfig#DEFAULTS} (Captum's). */
    public SensitivityMax() {
        this(SensitivityMaxConfig.DEFAULTS);
    }

    /**
     * The max-sensitivity of every row.
     *
     * @param model     the model (used once, to resolve the target)
     * @param explainer the explanation method under test
     * @param input     N rows; not modified
     * @param target    the target explained
     * @return per row, the largest norm of the change of the map over the perturbations, at least 0
     */
    public MetricValues evaluate(PredictionFunction model, AttributionFunction explainer, INDArray input, Target target) {
        Checks.requireNonNull(model, "model");
        Checks.requireNonNull(explainer, "explainer");
        Checks.requireNonNull(target, "target");
        Checks.requireArray(input, "input");
        Checks.requireFinite(input, "input");
        if (input.rank() < 2) {
            throw new InvalidShapeException("input: expected a batch (N×…) but got shape " + Arrays.toString(input.shape()));
        }
        int n = Math.toIntExact(input.size(0));
        Target resolved = target.resolve(org.xai4j.core.model.ModelCalls.predict(model, input));
        INDArray base = explainer.attribute(input.dup(), resolved);
        double[][] phi = MapRows.rows(base, "attributions of the input");
        Checks.requireRows(base, "attributions of the input", n);
        double[][] x = MapRows.rows(input, "input");
        long[] rowShape = MapRows.rowShape(input);
        int len = x[0].length;
        int s = config.samples();
        int total = n * s;
        int per = config.batch().rowsPerBatch((long) len * input.dataType().width());
        double[] sens = new double[n];
        for (int from = 0; from < total; from += per) {
            int size = Math.min(per, total - from);
            double[] buf = new double[size * len];
            int[] src = new int[size];
            for (int r = 0; r < size; r++) {
                int j = from + r;
                int i = j / s;
                src[r] = i;
                Rng rng = Rng.seeded(config.seed() ^ (0x9E3779B97F4A7C15L * (j + 1L)));
                for (int e = 0; e < len; e++) {
                    buf[r * len + e] = x[i][e] + config.radius() * (2 * rng.nextDouble() - 1);
                }
            }
            long[] shape = new long[rowShape.length + 1];
            shape[0] = size;
            System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
            INDArray batch = Nd4j.create(buf, shape, DataType.DOUBLE).castTo(input.dataType());
            INDArray expl = explainer.attribute(batch, resolved.select(src));
            if (expl == null || !Arrays.equals(MapRows.rowShape(expl), MapRows.rowShape(base)) || expl.size(0) != size) {
                throw new InvalidShapeException("the explainer returned shape "
                        + (expl == null ? "null" : Arrays.toString(expl.shape())) + " for " + size
                        + " perturbed rows; expected rows of shape " + Arrays.toString(MapRows.rowShape(base)));
            }
            double[][] pe = MapRows.rows(expl, "attributions of perturbed input");
            for (int r = 0; r < size; r++) {
                int i = src[r];
                double d = norm(pe[r], phi[i]);
                double denom = config.normalize() ? norm(phi[i], null) : 1.0;
                double v = d / (denom == 0 ? 1.0 : denom);
                sens[i] = (from + r) % s == 0 ? v : Math.max(sens[i], v);
            }
        }
        return new MetricValues("sensitivity-max", sens,
                Curves.provenance("sensitivity-max", config, model, resolved, null, config.seed()));
    }

    private double norm(double[] a, double[] b) {
        double acc = 0;
        for (int e = 0; e < a.length; e++) {
            double d = b == null ? a[e] : a[e] - b[e];
            acc = config.norm() == SensitivityMaxConfig.Norm.L2 ? acc + d * d : Math.max(acc, Math.abs(d));
        }
        return config.norm() == SensitivityMaxConfig.Norm.L2 ? Math.sqrt(acc) : acc;
    }
}
