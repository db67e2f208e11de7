package org.xai4j.perturbation.lime;

import org.xai4j.perturbation.PerturbationExplainer;
import java.util.Optional;
import org.xai4j.core.run.Limits;
import org.xai4j.core.run.Plan;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.Attribution;
import org.xai4j.core.Capability;
import org.xai4j.core.Provenance;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;
import org.xai4j.perturbation.MaskedInputs;
import org.xai4j.perturbation.ModelEvaluator;
import org.xai4j.perturbation.OriginalScores;
import org.xai4j.perturbation.Rows;
import org.xai4j.perturbation.features.FeatureMask;

/**
 * LIME for images (Ribeiro, Singh and Guestrin, KDD 2016), following lime's {@code LimeImageExplainer}:
 * sample 0 keeps every superpixel, the others switch each superpixel on or off with probability ½;
 * switched-off superpixels show the hide value (their mean colour, a constant or a blur); each sample is
 * weighted by √exp(−d²/width²) with d the cosine distance of its on/off vector to the all-on vector; a
 * weighted ridge (or lasso) fitted to the target scores gives one weight per superpixel. Unlike lime, the
 * surrogate always uses every superpixel (lime's feature selection with {@code num_features} ≥ F);
 * {@link LimeExplanation.Row#topFeatures} picks the strongest afterwards.
 */
public final class Lime extends PerturbationExplainer<LimeConfig, LimeExplanation> {
    /** The method's one name (registry, command line, provenance). */
    public static final String NAME = "lime";

    /**
     * LIME for images or any input split into features.
     *
     * @param model  the model explained, used as a black box (forward passes only)
     * @param config the segmenter, sample count, kernel width, how hidden features are filled, surrogate and its
     *               α, seed and batch policy
     * @throws org.xai4j.core.InvalidConfigException if an argument is null
     */
    public Lime(PredictionFunction model, LimeConfig config) {
        super(NAME, model, config, Capability.BLACK_BOX, Capability.STOCHASTIC);
    }

    /** Rows × (samples + 1): one forward of the input (to resolve the target), then every sample of every row. */
    @Override
    public Optional<Plan> plan(INDArray input, Target target) {
        OriginalScores.checkInput(model, input);
        long n = input.size(0);
        return Optional.of(new Plan(NAME, Math.multiplyExact(n, config.samples() + 1L), "samples",
                "(1 forward + samples=" + config.samples() + ") × " + n + " input row" + (n == 1 ? "" : "s")));
    }

    @Override
    public LimeExplanation explain(INDArray input, Target target) {
        Limits.start(plan(input, target).orElseThrow());
        long[] rowShape = Rows.rowShape(input);
        FeatureMask[] masks = Rows.masks(config.segmenter(), input);
        int n = masks.length;
        OriginalScores original = OriginalScores.compute(model, input, target, config.batch());
        ModelEvaluator evaluator = new ModelEvaluator(model, config.batch());
        List<LimeExplanation.Row> rows = new ArrayList<>(n);
        List<INDArray> spread = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            INDArray row = Rows.row(input, i);
            FeatureMask mask = masks[i];
            int f = mask.numFeatures();
            int[] featureOf = mask.expandTo(rowShape);
            Rng rng = Rng.seeded(config.seed());
            double[][] x = new double[config.samples()][f];
            double[] w = new double[x.length];
            java.util.Arrays.fill(x[0], 1.0);
            w[0] = kernel(cosineDistanceToAllOn(f, f), config.kernelWidth());
            for (int s = 1; s < x.length; s++) {
                double[] xs = x[s];
                int on = 0;
                for (int j = 0; j < f; j++) {
                    int bit = rng.nextInt(2); // 0 or 1, used as a number: no branch on a coin flip
                    xs[j] = bit;
                    on += bit;
                }
                w[s] = kernel(cosineDistanceToAllOn(on, f), config.kernelWidth());
            }
            MaskedInputs inputs = new MaskedInputs(row, hidden(row, featureOf, mask), featureOf, f);
            double[] y = inputs.values(x.length, evaluator, original.resolved().select(i), i, (k, present) -> {
                double[] xk = x[k];
                for (int j = 0; j < f; j++) {
                    present[j] = xk[j] != 0.0;
                }
            });
            LinearFit fit = config.surrogate().fit(x, y, w, config.alpha());
            rows.add(LimeExplanation.Row.owning(mask, fit, original.scores()[i], x, y, w, null));
            spread.add(mask.spread(fit.coefficients(), rowShape));
        }
        Provenance p = Provenance.of(descriptor(), model, original.resolved().describe(), hideDescription(), config.seed());
        return new LimeExplanation(rows, new Attribution(Rows.stack(spread, rowShape, input.dataType()), null, p));
    }

    /** Cosine distance between a 0/1 vector with {@code on} ones (of {@code f}) and the all-ones vector; 1 for all zeros. */
    static double cosineDistanceToAllOn(int on, int f) {
        if (on == 0) {
            return 1.0;
        }
        return 1.0 - on / (Math.sqrt(on) * Math.sqrt(f));
    }

    /** lime's kernel √exp(−d²/width²). */
    static double kernel(double d, double width) {
        return Math.sqrt(Math.exp(-(d * d) / (width * width)));
    }

    /** The row as it looks with every superpixel switched off (1×…). */
    private INDArray hidden(INDArray row, int[] featureOf, FeatureMask mask) {
        return switch (config.hide().kind()) {
            case CONSTANT -> Rows.reference(Baseline.constant(config.hide().value()), row, config.seed());
            case BLUR -> Rows.reference(Baseline.blur(config.hide().value()), row, config.seed());
            case MEAN -> segmentMeans(row, featureOf, mask.numFeatures(), mask.size());
        };
    }

    /**
     * Every element replaced by the mean of its superpixel in its own channel (lime's default fudged image):
     * the row is a run of blocks of the mask's size (one per channel), each averaged per feature.
     */
    private static INDArray segmentMeans(INDArray row, int[] featureOf, int f, int maskLen) {
        double[] v = org.xai4j.core.util.HostArrays.doubles(row);
        int len = v.length;
        double[] out = new double[len];
        for (int off = 0; off < len; off += maskLen) {
            double[] sum = new double[f];
            int[] count = new int[f];
            for (int e = 0; e < maskLen; e++) {
                sum[featureOf[off + e]] += v[off + e];
                count[featureOf[off + e]]++;
            }
            for (int e = 0; e < maskLen; e++) {
                int g = featureOf[off + e];
                out[off + e] = sum[g] / count[g];
            }
        }
        return Nd4j.create(out, row.shape(), DataType.DOUBLE).castTo(row.dataType());
    }

    private String hideDescription() {
        return switch (config.hide().kind()) {
            case MEAN -> "superpixel mean";
            case CONSTANT -> "constant " + config.hide().value();
            case BLUR -> "gaussian blur sigma " + config.hide().value();
        };
    }
}
