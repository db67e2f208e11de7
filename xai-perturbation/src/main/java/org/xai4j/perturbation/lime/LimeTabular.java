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
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Checks;
import org.xai4j.core.util.Rng;
import org.xai4j.perturbation.ModelEvaluator;
import org.xai4j.perturbation.OriginalScores;
import org.xai4j.perturbation.Rows;
import org.xai4j.perturbation.features.FeatureMask;

/**
 * LIME for tabular rows (Ribeiro, Singh and Guestrin, KDD 2016), following lime's
 * {@code LimeTabularExplainer} with quartile discretisation: samples are drawn from the training data's
 * statistics ({@link TabularStatistics}); each sample's interpretable vector (1 where a categorical or
 * binned column matches the instance, the value itself for continuous columns) has its continuous columns
 * standardised with the training columns' mean and deviation (categorical and binned columns stay 0/1, as
 * lime's scaler leaves them); samples are weighted by √exp(−d²/width²) with d the Euclidean distance to the
 * instance's vector (width 0.75·√D by default); a weighted ridge (or lasso) fitted on these vectors gives one
 * weight per column, named by lime's rules
 * ({@code x2 <= 0.50}, {@code 0.50 < x2 <= 1.00}, {@code x3=2}). Input: N×D rows.
 */
public final class LimeTabular extends PerturbationExplainer<LimeTabularConfig, LimeExplanation> {
    /** The method's one name (registry, command line, provenance). */
    public static final String NAME = "lime-tabular";

    private final TabularStatistics stats;

    /**
     * LIME for tabular rows; the training data's per-column statistics, which the sampling draws from, are
     * computed here, once.
     *
     * @param model  the model explained, used as a black box (forward passes only)
     * @param config the training data, categorical columns, discretisation, sample count, kernel width,
     *               surrogate, feature names, seed and batch policy
     * @throws org.xai4j.core.InvalidConfigException if an argument is null
     */
    public LimeTabular(PredictionFunction model, LimeTabularConfig config) {
        super(NAME, model, config, Capability.BLACK_BOX, Capability.STOCHASTIC);
        INDArray t = config.training();
        this.stats = new TabularStatistics(t.castTo(DataType.DOUBLE).toDoubleMatrix(), config.categorical(),
                config.discretize(), config.featureNames());
    }

    /** Rows × (samples + 1): one forward of the input (to resolve the target), then every sample of every row. */
    @Override
    public Optional<Plan> plan(INDArray input, Target target) {
        OriginalScores.checkInput(model, input);
        Checks.requireRank(input, "input", 2);
        Checks.requireShape(input, "input", -1, stats.columns);
        long n = input.size(0);
        return Optional.of(new Plan(NAME, Math.multiplyExact(n, config.samples() + 1L), "samples",
                "(1 forward + samples=" + config.samples() + ") × " + n + " input row" + (n == 1 ? "" : "s")));
    }

    @Override
    public LimeExplanation explain(INDArray input, Target target) {
        Limits.start(plan(input, target).orElseThrow());
        int n = (int) input.size(0);
        int d = stats.columns;
        OriginalScores original = OriginalScores.compute(model, input, target, config.batch());
        ModelEvaluator evaluator = new ModelEvaluator(model, config.batch());
        double[][] rowsIn = input.castTo(DataType.DOUBLE).toDoubleMatrix();
        double width = config.kernelWidthFor(d);
        FeatureMask mask = FeatureMask.identity(d);
        List<LimeExplanation.Row> rows = new ArrayList<>(n);
        List<INDArray> spread = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            TabularStatistics.Samples s = stats.sample(rowsIn[i], config.samples(), Rng.seeded(config.seed()));
            double[][] inputs = s.inputs();
            double[] y = evaluator.scores(inputs.length, (long) d * input.dataType().width(),
                    original.resolved().select(i), i, (from, to) -> {
                        double[] flat = new double[(to - from) * d];
                        for (int r = from; r < to; r++) {
                            System.arraycopy(inputs[r], 0, flat, (r - from) * d, d);
                        }
                        return Nd4j.create(flat, new long[] {to - from, d}, DataType.DOUBLE).castTo(input.dataType());
                    });
            double[][] x = new double[inputs.length][d];
            double[] w = new double[inputs.length];
            for (int r = 0; r < inputs.length; r++) {
                for (int j = 0; j < d; j++) {
                    x[r][j] = (s.interpretable()[r][j] - stats.scaleMean[j]) / stats.scale[j];
                }
            }
            for (int r = 0; r < inputs.length; r++) {
                double dist = 0;
                for (int j = 0; j < d; j++) {
                    dist += (x[r][j] - x[0][j]) * (x[r][j] - x[0][j]);
                }
                w[r] = Lime.kernel(Math.sqrt(dist), width);
            }
            LinearFit fit = config.surrogate().fit(x, y, w, config.alpha());
            List<String> names = new ArrayList<>(d);
            for (int j = 0; j < d; j++) {
                names.add(stats.describe(j, rowsIn[i][j]));
            }
            rows.add(LimeExplanation.Row.owning(mask, fit, original.scores()[i], x, y, w, names));
            spread.add(Nd4j.create(fit.coefficients(), new long[] {d}, DataType.DOUBLE));
        }
        Provenance p = Provenance.of(descriptor(), model, original.resolved().describe(),
                "training statistics " + java.util.Arrays.toString(config.training().shape()), config.seed());
        return new LimeExplanation(rows, new Attribution(Rows.stack(spread, new long[] {d}, input.dataType()), null, p));
    }
}
