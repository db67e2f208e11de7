package org.xai4j.perturbation.occlusion;

import org.xai4j.perturbation.PerturbationExplainer;
import java.util.Optional;
import org.xai4j.core.run.Limits;
import org.xai4j.core.run.Plan;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Attribution;
import org.xai4j.core.Capability;
import org.xai4j.core.Provenance;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.perturbation.MaskedInputs;
import org.xai4j.perturbation.ModelEvaluator;
import org.xai4j.perturbation.OriginalScores;
import org.xai4j.perturbation.Rows;
import org.xai4j.perturbation.features.FeatureMask;

/**
 * Feature ablation (Captum's {@code FeatureAblation}): each feature group of a {@link FeatureMask} is
 * replaced by the baseline in turn, and every element of the group gets the drop in the target score
 * {@code f(x) − f(x with the group ablated)}. One model row per feature.
 */
public final class FeatureAblation extends PerturbationExplainer<FeatureAblationConfig, Attribution> {
    /** The method's one name (registry, command line, provenance). */
    public static final String NAME = "feature-ablation";

    /**
     * Feature ablation of {@code model}.
     *
     * @param model  the model explained, used as a black box (forward passes only)
     * @param config the segmenter, baseline, seed for random baselines and batch policy
     * @throws org.xai4j.core.InvalidConfigException if an argument is null
     */
    public FeatureAblation(PredictionFunction model, FeatureAblationConfig config) {
        super(NAME, model, config, Capability.BLACK_BOX, Capability.BASELINE);
    }

    /** Rows + Σ features: one forward of the input (to resolve the target), one per feature group of each row. */
    @Override
    public Optional<Plan> plan(INDArray input, Target target) {
        OriginalScores.checkInput(model, input);
        return Optional.of(plan(Rows.masks(config.segmenter(), input)));
    }

    private static Plan plan(FeatureMask[] masks) {
        long n = masks.length;
        long features = 0;
        for (FeatureMask m : masks) {
            features = Math.addExact(features, m.numFeatures());
        }
        return new Plan(NAME, Math.addExact(n, features), "the feature groups (a coarser grid or fewer superpixels)", n + " forward" + (n == 1 ? "" : "s") + " + "
                + features + " feature groups over all rows (" + masks[0].numFeatures() + " in row 0)");
    }

    @Override
    public Attribution explain(INDArray input, Target target) {
        OriginalScores.checkInput(model, input);
        long[] rowShape = Rows.rowShape(input);
        FeatureMask[] masks = Rows.masks(config.segmenter(), input);
        int n = masks.length;
        Limits.start(plan(masks));
        OriginalScores original = OriginalScores.compute(model, input, target, config.batch());
        ModelEvaluator evaluator = new ModelEvaluator(model, config.batch());
        List<INDArray> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            INDArray row = Rows.row(input, i);
            FeatureMask mask = masks[i];
            MaskedInputs inputs = new MaskedInputs(row, Rows.reference(config.baseline(), row, config.seed()),
                    mask.expandTo(rowShape), mask.numFeatures());
            double[] v = inputs.values(mask.numFeatures(), evaluator, original.resolved().select(i), i, (k, present) -> {
                java.util.Arrays.fill(present, true);
                present[k] = false;
            });
            double fx = original.scores()[i];
            for (int f = 0; f < v.length; f++) {
                v[f] = fx - v[f];
            }
            rows.add(mask.spread(v, rowShape));
        }
        Provenance p = Provenance.of(descriptor(), model, original.resolved().describe(),
                config.baseline().describe(), config.baseline().isRandom() ? config.seed() : null);
        return new Attribution(Rows.stack(rows, rowShape, input.dataType()), null, p);
    }
}
