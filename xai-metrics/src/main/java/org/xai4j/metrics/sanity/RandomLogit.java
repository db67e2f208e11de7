package org.xai4j.metrics.sanity;

import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.InvalidTargetException;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.Provenance;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.ClassTarget;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Checks;
import org.xai4j.core.util.Rng;
import org.xai4j.metrics.MapRows;
import org.xai4j.metrics.MetricValues;
import org.xai4j.metrics.UndefinedMetricException;
import org.xai4j.metrics.faithfulness.AttributionFunction;

/**
 * The random-logit test (Sixt, Granz, Landgraf: "When Explanations Lie: Why Many Modified BP
 * Attributions Fail", ICML 2020; Quantus's {@code RandomLogit}): each row is explained for its target
 * class and for a different class drawn uniformly from the other K − 1, and the two maps are compared. A
 * class-sensitive method gives low similarity; a method whose maps ignore the class gives 1.
 */
public final class RandomLogit {
    private final RandomLogitConfig config;

    /**
     * The random-logit test with {@code config}.
     *
     * @param config the measure, absolute comparison and seed
     * @throws org.xai4j.core.InvalidConfigException if {@code config} is null
     */
    public RandomLogit(RandomLogitConfig config) {
        this.config = Checks.requireNonNull(config, "config");
    }

    /** The random-logit test with {@link RandomLogitConfig#DEFAULTS}. */
    public RandomLogit() {
        this(RandomLogitConfig.DEFAULTS);
    }

    /**
     * The result.
     *
     * @param targetClasses each row's target class
     * @param randomClasses each row's random other class
     * @param similarity    the similarity of the two maps per row ({@code NaN} where the measure is undefined)
     */
    public record Result(int[] targetClasses, int[] randomClasses, MetricValues similarity) {
        /**
         * Copies the arrays, so that later changes by the caller do not reach this result.
         *
         * @param targetClasses each row's target class
         * @param randomClasses each row's random other class
         * @param similarity the similarity of the two maps per row ({@code NaN} where the measure is undefined)
         */
        public Result {
            targetClasses = targetClasses.clone();
            randomClasses = randomClasses.clone();
        }

        /**
         * Each row's target class.
         *
         * @return a copy
         */
        @Override
        public int[] targetClasses() {
            return targetClasses.clone();
        }

        /**
         * Each row's random other class.
         *
         * @return a copy
         */
        @Override
        public int[] randomClasses() {
            return randomClasses.clone();
        }
    }

    /**
     * Runs the test.
     *
     * @param model     the classifier (N×K output), used to resolve the target and count the classes
     * @param explainer the method under test
     * @param input     N rows; not modified
     * @param target    a class target, or {@link Target#predicted()}
     * @return each row's target class, random other class and the similarity of their maps
     */
    public Result evaluate(PredictionFunction model, AttributionFunction explainer, INDArray input, Target target) {
        Checks.requireNonNull(model, "model");
        Checks.requireNonNull(explainer, "explainer");
        Checks.requireNonNull(target, "target");
        Checks.requireArray(input, "input");
        Checks.requireFinite(input, "input");
        INDArray out = org.xai4j.core.model.ModelCalls.predict(model, input.dup());
        Target resolved = target.resolve(out);
        if (!(resolved instanceof ClassTarget ct)) {
            throw new InvalidTargetException("the random-logit test needs a class target but got " + resolved.describe());
        }
        int n = Math.toIntExact(input.size(0));
        int k = Math.toIntExact(out.size(1));
        if (k < 2) {
            throw new InvalidShapeException("the random-logit test needs at least 2 classes but the model has " + k);
        }
        int[] classes = ct.classes(n);
        int[] other = new int[n];
        Rng rng = Rng.seeded(config.seed());
        for (int i = 0; i < n; i++) {
            int r = rng.nextInt(k - 1);
            other[i] = r >= classes[i] ? r + 1 : r;
        }
        INDArray mapsA = explainer.attribute(input.dup(), resolved);
        INDArray mapsB = explainer.attribute(input.dup(), Target.perRow(other));
        Checks.requireRows(mapsA, "maps for the target classes", n);
        Checks.requireSameShape(mapsA, "maps for the target classes", mapsB, "maps for the random classes");
        double[][] a = rows(mapsA, "maps for the target classes");
        double[][] b = rows(mapsB, "maps for the random classes");
        long[] rowShape = MapRows.rowShape(mapsA);
        double[] sim = new double[n];
        for (int i = 0; i < n; i++) {
            try {
                sim[i] = config.measure().between(a[i], b[i], rowShape);
            } catch (UndefinedMetricException e) {
                sim[i] = Double.NaN;
            }
        }
        Provenance prov = Provenance.of(new MethodDescriptor("random-logit", config.toMap(), Set.of()), model.id(),
                resolved.describe(), null, config.seed());
        return new Result(classes, other, new MetricValues("random-logit", sim, prov));
    }

    private double[][] rows(INDArray maps, String what) {
        double[][] r = MapRows.rows(maps, what);
        if (config.absolute()) {
            for (double[] row : r) {
                for (int e = 0; e < row.length; e++) {
                    row[e] = Math.abs(row[e]);
                }
            }
        }
        return r;
    }
}
