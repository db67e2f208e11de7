package org.xai4j.perturbation.lime;

import org.xai4j.core.util.BatchPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;
import org.xai4j.perturbation.TinyCnn;
import org.xai4j.perturbation.features.FeatureMask;
import org.xai4j.perturbation.features.Segmenter;

class LimeTest {
    static final INDArray X = TinyCnn.load("cnn_x");

    /**
     * The reported surrogate is the ridge fit of the returned samples: the same coefficients, intercept and R² as
     * {@link WeightedRidge} on them — the solver itself is checked against lime's own fit in {@link LimeAnchorTest}.
     */
    static void isTheRidgeFitOfItsSamples(LimeExplanation.Row row, double alpha) {
        LinearFit fit = WeightedRidge.fit(row.design(), row.sampleScores(), row.sampleWeights(), alpha);
        assertThat(row.weights()).containsExactly(fit.coefficients());
        assertThat(row.intercept()).isEqualTo(fit.intercept());
        assertThat(row.r2()).isEqualTo(fit.r2());
    }

    @Test
    void sameSeedGivesTheSameBitsAndAnotherSeedDoesNot() {
        TinyCnn cnn = new TinyCnn();
        LimeConfig b = LimeConfig.DEFAULTS.withSegmenter(Segmenter.grid(4)).withSamples(300).withBatch(BatchPolicy.ofRows(64));
        LimeExplanation first = new Lime(cnn, b.withSeed(42)).explain(X, Target.predicted());
        LimeExplanation again = new Lime(cnn, b.withSeed(42).withBatch(BatchPolicy.ofRows(7))).explain(X, Target.predicted());
        LimeExplanation other = new Lime(cnn, b.withSeed(43)).explain(X, Target.predicted());
        for (int i = 0; i < 2; i++) {
            assertThat(again.row(i).weights()).containsExactly(first.row(i).weights());
            assertThat(again.row(i).intercept()).isEqualTo(first.row(i).intercept());
            assertThat(other.row(i).weights()).isNotEqualTo(first.row(i).weights());
        }
        assertThat(again.attribution().values()).isEqualTo(first.attribution().values());
        assertThat(first.provenance().seed()).isEqualTo(42L);
    }

    @Test
    void surrogateReproducesTheSampledScoresWithTheReportedR2() {
        TinyCnn cnn = new TinyCnn();
        LimeExplanation e = new Lime(cnn, LimeConfig.DEFAULTS.withSegmenter(Segmenter.grid(4)).withSamples(500).withSeed(1))
                .explain(X, Target.classIndex(1));
        double[] logits = cnn.predict(X).getColumn(1).toDoubleVector();
        for (int i = 0; i < 2; i++) {
            LimeExplanation.Row row = e.row(i);
            double[][] z = row.design();
            double[] y = row.sampleScores();
            double[] w = row.sampleWeights();
            assertThat(z).hasNumberOfRows(500);
            assertThat(z[0]).containsOnly(1.0);
            assertThat(y[0]).isCloseTo(logits[i], within(1e-12));
            assertThat(w[0]).isEqualTo(1.0);
            // A sample with 8 of 16 superpixels on: cosine distance 1 − 8/(√8·4), weight √exp(−d²/0.25²).
            for (int s = 1; s < z.length; s++) {
                int on = 0;
                for (double v : z[s]) {
                    on += (int) v;
                }
                double d = on == 0 ? 1 : 1 - on / (Math.sqrt(on) * 4);
                assertThat(w[s]).isCloseTo(Math.sqrt(Math.exp(-d * d / 0.0625)), within(1e-15));
            }
            isTheRidgeFitOfItsSamples(row, 1.0);
            assertThat(row.r2()).isBetween(0.0, 1.0);
            double local = row.intercept();
            for (double v : row.weights()) {
                local += v;
            }
            assertThat(row.localPrediction()).isCloseTo(local, within(1e-12));
            System.out.printf("LIME on the CNN, row %d: R² %.4f, local prediction %.4f vs score %.4f%n", i, row.r2(),
                    row.localPrediction(), row.score());
        }
    }

    @Test
    void aModelLinearInTheSuperpixelsIsRecoveredExactly() {
        // f(x) = Σ a·x with superpixels hidden by 0 is linear in the on/off vector: f(z) = Σ_f z_f c_f with
        // c_f = Σ_{e∈f} a_e x_e. A nearly unregularised ridge recovers c with R² = 1.
        INDArray a = Rng.seeded(9).uniform(DataType.DOUBLE, -1, 1, 192, 1);
        PredictionFunction lin = PredictionFunction.of("linear", in -> in.reshape(in.size(0), 192).mmul(a));
        FeatureMask cells = FeatureMask.grid(8, 8, 4);
        LimeExplanation e = new Lime(lin, LimeConfig.DEFAULTS.withSegmenter(Segmenter.fixed(cells)).withHide(LimeConfig.Hide.constant(0)).withSurrogate(Surrogate.RIDGE, 1e-9).withSamples(200).withSeed(3))
                .explain(X, Target.classIndex(0));
        int[] f = cells.expandTo(new long[] {3, 8, 8});
        for (int i = 0; i < 2; i++) {
            double[] x = X.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).dup().reshape(192).toDoubleVector();
            double[] c = new double[16];
            for (int el = 0; el < 192; el++) {
                c[f[el]] += a.getDouble(el, 0) * x[el];
            }
            double[] w = e.row(i).weights();
            for (int k = 0; k < 16; k++) {
                assertThat(w[k]).isCloseTo(c[k], within(1e-6));
            }
            assertThat(e.row(i).intercept()).isCloseTo(0, within(1e-6));
            assertThat(e.row(i).r2()).isCloseTo(1.0, within(1e-9));
        }
        // Lasso with a tiny penalty agrees; a huge one switches every weight off (intercept = weighted mean).
        LimeExplanation l = new Lime(lin, LimeConfig.DEFAULTS.withSegmenter(Segmenter.fixed(cells)).withHide(LimeConfig.Hide.constant(0)).withSurrogate(Surrogate.LASSO, 1e-9).withSamples(200).withSeed(3))
                .explain(X, Target.classIndex(0));
        assertThat(l.row(0).weights()).containsExactly(e.row(0).weights(), within(1e-5));
        LimeExplanation off = new Lime(lin, LimeConfig.DEFAULTS.withSegmenter(Segmenter.fixed(cells)).withHide(LimeConfig.Hide.constant(0)).withSurrogate(Surrogate.LASSO, 1e6).withSamples(200).withSeed(3))
                .explain(X, Target.classIndex(0));
        assertThat(off.row(0).weights()).containsOnly(0.0);
    }

    @Test
    void meanColourHidingKeepsEachSuperpixelsSum() {
        // Replacing a superpixel by its own mean colour keeps the image's sum in every channel, so a model that
        // sums its input sees the same score for every sample and LIME gives zero weights.
        PredictionFunction sum = PredictionFunction.of("sum", in -> in.reshape(in.size(0), -1).sum(1).reshape(in.size(0), 1));
        LimeExplanation e = new Lime(sum, LimeConfig.DEFAULTS.withSegmenter(Segmenter.grid(3)).withHide(LimeConfig.Hide.MEAN).withSamples(50))
                .explain(X, Target.classIndex(0));
        double[] y = e.row(1).sampleScores();
        for (double v : y) {
            assertThat(v).isCloseTo(y[0], within(1e-10));
        }
        for (double v : e.row(1).weights()) {
            assertThat(v).isCloseTo(0, within(1e-9));
        }
        // A constant hide value does change the sum.
        LimeExplanation c = new Lime(sum, LimeConfig.DEFAULTS.withSegmenter(Segmenter.grid(3)).withHide(LimeConfig.Hide.constant(-1)).withSamples(50))
                .explain(X, Target.classIndex(0));
        assertThat(java.util.Arrays.stream(c.row(1).weights()).min().orElseThrow()).isGreaterThan(0);
    }

    @Test
    void masksForDisplayAndProgress() {
        AtomicLong last = new AtomicLong();
        AtomicLong total = new AtomicLong();
        INDArray a = Nd4j.create(new double[] {1, -2, 0.5, -0.1}, new long[] {4, 1}, DataType.DOUBLE);
        FeatureMask cells = FeatureMask.grid(8, 8, 2);
        // One input channel summed per cell: score = Σ_k a_k · mean-free cell sums; use the sum of channel 0 per cell.
        PredictionFunction m = PredictionFunction.of("cells", in -> {
            int n = (int) in.size(0);
            double[] out = new double[n];
            for (int r = 0; r < n; r++) {
                for (int el = 0; el < 64; el++) {
                    out[r] += a.getDouble(cells.label(el), 0) * in.getDouble(r, 0, el / 8, el % 8);
                }
            }
            return Nd4j.create(out, new long[] {n, 1}, DataType.DOUBLE);
        });
        Lime lime = new Lime(m, LimeConfig.DEFAULTS.withSegmenter(Segmenter.fixed(cells)).withHide(LimeConfig.Hide.constant(0))
                .withSamples(100).withBatch(BatchPolicy.ofRows(30)));
        LimeExplanation e = org.xai4j.core.run.Limits.defaults().withProgress((done, all) -> {
            assertThat(done).isGreaterThan(last.get());
            last.set(done);
            total.set(all);
        }).call(() -> lime.explain(X.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)).dup(), Target.classIndex(0)));
        // one forward of the unperturbed row, then the 100 samples in batches of 30
        assertThat(last.get()).isEqualTo(101);
        assertThat(total.get()).isEqualTo(101);
        LimeExplanation.Row row = e.row(0);
        int[] top = row.topFeatures(2);
        assertThat(top).hasSize(2);
        double[] w = row.weights();
        assertThat(Math.abs(w[top[0]])).isGreaterThanOrEqualTo(Math.abs(w[top[1]]));
        INDArray pos = row.positiveMask(4);
        INDArray neg = row.negativeMask(4);
        assertThat(pos.shape()).containsExactly(8, 8);
        assertThat(pos.add(neg).maxNumber().doubleValue()).isLessThanOrEqualTo(1.0);
        for (int el = 0; el < 64; el++) {
            double wk = w[cells.label(el)];
            assertThat(pos.getDouble(el / 8, el % 8)).isEqualTo(wk > 0 ? 1.0 : 0.0);
            assertThat(neg.getDouble(el / 8, el % 8)).isEqualTo(wk < 0 ? 1.0 : 0.0);
        }
    }
}
