package org.xai4j.perturbation.shapley;

import org.xai4j.core.run.Limits;
import org.xai4j.core.run.Plan;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.Attribution;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.Provenance;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;
import org.xai4j.perturbation.MaskedInputs;
import org.xai4j.perturbation.ModelEvaluator;
import org.xai4j.perturbation.OriginalScores;
import org.xai4j.perturbation.Rows;
import org.xai4j.perturbation.features.FeatureMask;

/**
 * The frame every Shapley explainer shares: check the input, make and check every row's mask, check the
 * method's limits, run the model on the input, then solve each row's game and assemble the explanation.
 * All checks happen before the first perturbed model call.
 */
final class ShapleyRun {
    /** What one method does with one row's game. */
    interface Method {
        /** Fails (before any model call) if a row with this many features cannot be explained. */
        void checkFeatures(int numFeatures, int row);

        /** The number of coalitions a row with this many features will evaluate (its plan; exact). */
        long plannedCoalitions(int numFeatures);

        /** The setting that drives the number of coalitions, as typed on the command line. */
        String parameter();

        /** How {@link #plannedCoalitions} follows from the settings, in words. */
        String coalitionFormula();

        /** Whether the method draws random numbers (else the seed matters only for random baselines). */
        default boolean stochastic() {
            return true;
        }

        /** Solves one row's game. */
        Solution solve(Game game, Rng rng);
    }

    /** One row's values with the game's v(∅) and v(N). */
    record Solution(double[] values, double baseValue, double fullValue) {
    }

    /** One row's coalition game: v(S) for batches of coalitions. */
    static final class Game {
        private final MaskedInputs inputs;
        private final ModelEvaluator evaluator;
        private final Target rowTarget;
        private final int row;
        private long evaluatedRows;

        Game(MaskedInputs inputs, ModelEvaluator evaluator, Target rowTarget, int row) {
            this.inputs = inputs;
            this.evaluator = evaluator;
            this.rowTarget = rowTarget;
            this.row = row;
        }

        int numFeatures() {
            return inputs.numFeatures();
        }

        /** The number of reference rows each coalition is evaluated against. */
        int references() {
            return inputs.references();
        }

        /** The values of coalitions 0..count-1 as described by {@code source}. */
        double[] values(int count, MaskedInputs.CoalitionSource source) {
            evaluatedRows += (long) count * inputs.references();
            return inputs.values(count, evaluator, rowTarget, row, source);
        }

        /** v(∅) and v(N). */
        double[] emptyAndFull() {
            int m = numFeatures();
            return values(2, (k, present) -> {
                if (k == 1) {
                    java.util.Arrays.fill(present, 0, m, true);
                }
            });
        }
    }

    private ShapleyRun() {
    }

    /**
     * Rows + Σ over rows of coalitions × reference rows: one forward of the input (to resolve the target), then
     * every planned coalition of every row against each of its reference rows (a background set has several).
     */
    static Plan plan(PredictionFunction model, CoalitionSettings config, MethodDescriptor descriptor, INDArray input,
                     Method method) {
        OriginalScores.checkInput(model, input);
        FeatureMask[] masks = Rows.masks(config.segmenter(), input);
        List<INDArray> references = new ArrayList<>(masks.length);
        for (int i = 0; i < masks.length; i++) {
            references.add(Rows.references(config.baseline(), Rows.row(input, i), config.seed()));
        }
        return plan(descriptor, masks, references, method);
    }

    private static Plan plan(MethodDescriptor descriptor, FeatureMask[] masks, List<INDArray> references,
                             Method method) {
        int n = masks.length;
        long coalitionRows = 0;
        for (int i = 0; i < n; i++) {
            method.checkFeatures(masks[i].numFeatures(), i);
            coalitionRows = Math.addExact(coalitionRows,
                    Math.multiplyExact(method.plannedCoalitions(masks[i].numFeatures()), references.get(i).size(0)));
        }
        long refs = references.get(0).size(0);
        return new Plan(descriptor.name(), Math.addExact(n, coalitionRows), method.parameter(),
                n + " forward" + (n == 1 ? "" : "s") + " + " + coalitionRows + " coalition rows: "
                        + method.coalitionFormula() + " per row (" + masks[0].numFeatures() + " features in row 0)"
                        + (refs == 1 ? "" : ", × " + refs + " reference rows"));
    }

    static ShapleyExplanation run(PredictionFunction model, CoalitionSettings config, MethodDescriptor descriptor,
                                  INDArray input, Target target, Method method) {
        OriginalScores.checkInput(model, input);
        long[] rowShape = Rows.rowShape(input);
        FeatureMask[] masks = Rows.masks(config.segmenter(), input);
        int n = masks.length;
        List<INDArray> references = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            references.add(Rows.references(config.baseline(), Rows.row(input, i), config.seed()));
        }
        Limits.start(plan(descriptor, masks, references, method));
        OriginalScores original = OriginalScores.compute(model, input, target, config.batch());
        ModelEvaluator evaluator = new ModelEvaluator(model, config.batch());
        List<ShapleyExplanation.Row> rows = new ArrayList<>(n);
        List<INDArray> spread = new ArrayList<>(n);
        double[] delta = new double[n];
        for (int i = 0; i < n; i++) {
            FeatureMask mask = masks[i];
            MaskedInputs inputs = new MaskedInputs(Rows.row(input, i), references.get(i), mask.expandTo(rowShape),
                    mask.numFeatures());
            Game game = new Game(inputs, evaluator, original.resolved().select(i), i);
            Solution s = method.solve(game, Rng.seeded(config.seed()));
            ShapleyExplanation.Row row = new ShapleyExplanation.Row(mask, s.values(), s.baseValue(), s.fullValue(),
                    game.evaluatedRows);
            rows.add(row);
            delta[i] = row.efficiencyGap();
            spread.add(mask.spread(s.values(), rowShape));
        }
        Provenance p = Provenance.of(descriptor, model, original.resolved().describe(),
                config.baseline().describe(), method.stochastic() || config.baseline().isRandom() ? config.seed() : null);
        Attribution attribution = new Attribution(Rows.stack(spread, rowShape, input.dataType()),
                Nd4j.create(delta, new long[] {n}, DataType.DOUBLE), p);
        return new ShapleyExplanation(rows, attribution);
    }
}
