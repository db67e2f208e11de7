package org.xai4j.metrics.faithfulness;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.Provenance;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.ClassTarget;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Checks;
import org.xai4j.core.util.Rng;
import org.xai4j.metrics.MapRows;

/**
 * ROAD, RemOve And Debias (Rong, Leemann, Borisov, Kasneci, Kasneci: "A Consistent and Efficient
 * Evaluation Strategy for Attribution Methods", ICML 2022): for each configured fraction, that share of
 * pixels (k = round(fraction · H·W), half to even) is removed in order of relevance and filled in by
 * {@link NoisyLinearImputer noisy linear imputation}, and the model is asked again, without retraining.
 * Reported per row and fraction: the target score and, for class targets, whether the model still
 * predicts the target class; per fraction: the accuracy over rows. With MoRF a faithful map makes
 * accuracy fall fast; with LeRF it should stay high.
 *
 * <p>Inputs are images, rows H×W or C×H×W; the map gives one relevance per pixel (rows H×W or 1×H×W, or
 * C×H×W, which is summed over channels). Ties: lower pixel index first.
 */
public final class Road {
    private final RoadConfig config;

    /**
     * ROAD with {@code config}.
     *
     * @param config the order, fractions, imputation noise, seed and batch policy
     * @throws org.xai4j.core.InvalidConfigException if {@code config} is null
     */
    public Road(RoadConfig config) {
        this.config = Checks.requireNonNull(config, "config");
    }

    /** ROAD with {@link RoadConfig#DEFAULTS}. */
    public Road() {
        this(RoadConfig.DEFAULTS);
    }

    /**
     * The result.
     *
     * @param fractions  the fractions of pixels removed
     * @param scores     {@code scores[i][j]}: row i's target score at fraction j
     * @param correct    for class targets, {@code correct[i][j]}: whether row i at fraction j is still
     *                   predicted as its target class; empty for other targets
     * @param provenance how it was computed
     */
    public record Result(double[] fractions, double[][] scores, Optional<boolean[][]> correct, Provenance provenance) {
        /**
         * Copies the arrays, so that later changes by the caller do not reach this result.
         *
         * @param fractions the fractions of pixels removed
         * @param scores {@code scores[i][j]}: row i's target score at fraction j
         * @param correct for class targets, {@code correct[i][j]}: whether row i at fraction j is still predicted
         *     as its target class; empty for other targets
         * @param provenance how it was computed
         */
        public Result {
            fractions = fractions.clone();
            scores = Arrays.stream(scores).map(double[]::clone).toArray(double[][]::new);
            correct = correct.map(c -> Arrays.stream(c).map(boolean[]::clone).toArray(boolean[][]::new));
        }

        /**
         * The fractions of pixels removed.
         *
         * @return a copy
         */
        @Override
        public double[] fractions() {
            return fractions.clone();
        }

        /**
         * {@code scores[i][j]}: row i's target score at fraction j.
         *
         * @return a copy
         */
        @Override
        public double[][] scores() {
            return Arrays.stream(scores).map(double[]::clone).toArray(double[][]::new);
        }

        /**
         * For class targets, {@code correct[i][j]}: whether row i at fraction j is still predicted as its target
         * class; empty for other targets.
         *
         * @return a copy
         */
        @Override
        public Optional<boolean[][]> correct() {
            return correct.map(c -> Arrays.stream(c).map(boolean[]::clone).toArray(boolean[][]::new));
        }

        /**
         * Per fraction, the share of rows still predicted as their target class (class targets only).
         *
         * @return a new array of values in [0, 1], one per fraction
         * @throws org.xai4j.core.InvalidTargetException if the target was not a class target
         */
        public double[] accuracy() {
            boolean[][] c = correct.orElseThrow(() -> new org.xai4j.core.InvalidTargetException(
                    "ROAD accuracy needs a class target; this run used " + provenance.target()));
            double[] acc = new double[fractions.length];
            for (boolean[] row : c) {
                for (int j = 0; j < acc.length; j++) {
                    acc[j] += row[j] ? 1.0 / c.length : 0;
                }
            }
            return acc;
        }

        /**
         * Per fraction, the mean target score over rows.
         *
         * @return a new array, one mean per fraction
         */
        public double[] meanScores() {
            double[] m = new double[fractions.length];
            for (double[] row : scores) {
                for (int j = 0; j < m.length; j++) {
                    m[j] += row[j] / scores.length;
                }
            }
            return m;
        }

        /**
         * A JSON-friendly map.
         *
         * @return a new insertion-ordered map of plain values: fractions, mean scores, accuracy where known,
         *     provenance
         */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("metric", "road");
            m.put("fractions", fractions.clone());
            m.put("meanScores", meanScores());
            m.put("accuracy", correct.isPresent() ? accuracy() : null);
            m.put("provenance", provenance.toMap());
            return m;
        }
    }

    /**
     * Removes and imputes pixels of every row.
     *
     * @param model        the model
     * @param input        N×H×W or N×C×H×W; not modified
     * @param attributions one relevance per pixel (N×H×W, N×1×H×W) or per element (summed over channels)
     * @param target       resolved once on {@code input}
     * @return the scores (and, for class targets, the correctness) at each fraction, per row
     */
    public Result evaluate(PredictionFunction model, INDArray input, INDArray attributions, Target target) {
        Checks.requireNonNull(model, "model");
        Checks.requireNonNull(target, "target");
        Checks.requireRank(input, "input", 3, 4);
        Features f = Features.of(input, attributions);
        int channels = input.rank() == 4 ? Math.toIntExact(input.size(1)) : 1;
        int h = Math.toIntExact(input.size(input.rank() - 2));
        int w = Math.toIntExact(input.size(input.rank() - 1));
        int pixels = h * w;
        double[][] rel = pixelRelevance(MapRows.rows(attributions, "attributions"), pixels);
        double[][] x = MapRows.rows(input, "input");
        double[] fr = config.fractions();
        int[] ks = new int[fr.length];
        for (int j = 0; j < fr.length; j++) {
            ks[j] = (int) Math.rint(fr[j] * pixels);
            if (ks[j] >= pixels) {
                throw new InvalidShapeException("ROAD: removing a fraction " + fr[j] + " of " + pixels
                        + " pixels leaves none to impute from");
            }
        }
        boolean descending = config.order() == PerturbationOrder.MOST_RELEVANT_FIRST;
        int rows = f.rows;
        int points = fr.length;
        int[][] orders = new int[rows][];
        for (int i = 0; i < rows; i++) {
            orders[i] = Curves.order(rel[i], descending);
        }
        Scorer scorer = new Scorer(model, target, input, config.batch());
        Target resolved = scorer.target();
        int[] source = new int[rows * points];
        for (int j = 0; j < source.length; j++) {
            source[j] = j / points;
        }
        NoisyLinearImputer imputer = new NoisyLinearImputer(config.noiseSd());
        double[][] scores = new double[rows][points];
        boolean[][] correct = new boolean[rows][points];
        scorer.run(rows * points, (j, dst) -> {
            int i = j / points;
            int p = j % points;
            boolean[] removed = new boolean[pixels];
            for (int k = 0; k < ks[p]; k++) {
                removed[orders[i][k]] = true;
            }
            Rng rng = Rng.seeded(config.seed() ^ (0x9E3779B97F4A7C15L * (j + 1L)));
            double[] img = imputer.impute(x[i], channels, h, w, removed, rng);
            System.arraycopy(img, 0, dst, 0, dst.length);
        }, (from, out) -> {
            int size = Math.toIntExact(out.size(0));
            int[] src = Arrays.copyOfRange(source, from, from + size);
            double[] s = scorer.scoresOf(out, src);
            ClassTarget predicted = (ClassTarget) Target.predicted().resolve(out);
            for (int r = 0; r < size; r++) {
                int j = from + r;
                scores[j / points][j % points] = s[r];
                if (resolved instanceof ClassTarget ct) {
                    correct[j / points][j % points] = predicted.classOf(r) == ct.classOf(src[r]);
                }
            }
        });
        Provenance prov = Curves.provenance("road", config, model, resolved, "noisy linear imputation",
                config.noiseSd() > 0 ? config.seed() : null);
        return new Result(fr, scores, resolved instanceof ClassTarget ? Optional.of(correct) : Optional.empty(), prov);
    }

    private static double[][] pixelRelevance(double[][] rel, int pixels) {
        double[][] out = new double[rel.length][pixels];
        for (int i = 0; i < rel.length; i++) {
            for (int e = 0; e < rel[i].length; e++) {
                out[i][e % pixels] += rel[i][e];
            }
        }
        return out;
    }
}
