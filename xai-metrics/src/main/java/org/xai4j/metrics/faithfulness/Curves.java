package org.xai4j.metrics.faithfulness;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.Provenance;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;
import org.xai4j.core.util.Rng;
import org.xai4j.metrics.MapRows;

/** Shared machinery of the perturbation curves: ordering, stepping, batching and the area. */
final class Curves {
    private Curves() {
    }

    /** Feature indices by decreasing ({@code descending}) or increasing relevance; ties: lower index first. */
    static int[] order(double[] relevance, boolean descending) {
        Integer[] idx = IntStream.range(0, relevance.length).boxed().toArray(Integer[]::new);
        Comparator<Integer> byValue = Comparator.comparingDouble(i -> relevance[i]);
        Arrays.sort(idx, descending ? byValue.reversed() : byValue); // stable: ties keep index order
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    /** The checked input rows and a reference (baseline) of the input's shape. */
    static double[][] baselineRows(INDArray input, Baseline baseline, long seed) {
        INDArray ref = baseline.referenceFor(input, Rng.seeded(seed));
        Checks.requireSameShape(input, "input", ref, "baseline");
        return MapRows.rows(ref, "baseline");
    }

    /** Provenance of a metric run. */
    static Provenance provenance(String metric, ExplainerConfig config, PredictionFunction model, Target resolved,
                                 String baseline, Long seed) {
        return Provenance.of(new MethodDescriptor(metric, config.toMap(), Set.of()), model.id(), resolved.describe(),
                baseline, seed);
    }

    /**
     * Runs one curve per row. At point j (0 ≤ j ≤ steps) the first min(j·stepSize, n) features of the
     * order come from {@code to} and the rest from {@code from}.
     */
    static PerturbationCurve run(String metric, PredictionFunction model, INDArray input, INDArray attributions,
                                 Target target, boolean descending, boolean fromInput, CurveConfig config) {
        Checks.requireNonNull(model, "model");
        Checks.requireNonNull(target, "target");
        Features f = Features.of(input, attributions);
        double[][] rel = MapRows.rows(attributions, "attributions");
        double[][] x = MapRows.rows(input, "input");
        double[][] ref = baselineRows(input, config.baseline(), config.seed());
        double[][] start = fromInput ? x : ref;
        double[][] end = fromInput ? ref : x;
        int n = f.count;
        int step = config.stepSize();
        int steps = (n + step - 1) / step;
        int points = steps + 1;
        double[] fractions = new double[points];
        for (int j = 0; j < points; j++) {
            fractions[j] = Math.min((long) j * step, n) / (double) n;
        }
        Scorer scorer = new Scorer(model, target, input, config.batch());
        int rows = f.rows;
        int[] source = new int[rows * points];
        for (int i = 0; i < source.length; i++) {
            source[i] = i / points;
        }
        int[][] orders = new int[rows][];
        for (int i = 0; i < rows; i++) {
            orders[i] = order(rel[i], descending);
        }
        double[] work = new double[f.rowLength];
        int[] state = {-1, 0}; // current row, features applied so far
        double[] all = scorer.scores(rows * points, source, (j, dst) -> {
            int i = j / points;
            int p = j % points;
            if (state[0] != i) {
                System.arraycopy(start[i], 0, work, 0, work.length);
                state[0] = i;
                state[1] = 0;
            }
            int upto = (int) Math.min((long) p * step, n);
            for (int k = state[1]; k < upto; k++) {
                f.copyFeature(end[i], work, orders[i][k]);
            }
            state[1] = upto;
            System.arraycopy(work, 0, dst, 0, work.length);
        });
        double[][] scores = new double[rows][points];
        double[] auc = new double[rows];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(all, i * points, scores[i], 0, points);
            auc[i] = PerturbationCurve.trapezoid(fractions, scores[i]);
        }
        Long seed = config.baseline().isRandom() ? config.seed() : null;
        return new PerturbationCurve(metric, fractions, scores, auc,
                provenance(metric, config, model, scorer.target(), config.baseline().describe(), seed));
    }

    /** Rows per model call under {@code policy} (used by metrics that batch other things). */
    static int rowsPerBatch(BatchPolicy policy, int rowLength, INDArray input) {
        return policy.rowsPerBatch((long) rowLength * input.dataType().width());
    }
}
