package org.xai4j.metrics.sanity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.InvalidTargetException;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;
import org.xai4j.metrics.faithfulness.AttributionFunction;
import org.xai4j.metrics.similarity.MapSimilarity;
import org.xai4j.metrics.testing.LinearModel;
import org.xai4j.metrics.testing.TinyMlp;

class SanityTest {
    static final TinyMlp MODEL = TinyMlp.random(64, 32, 3, 5);
    static final INDArray X = Rng.seeded(6).uniform(DataType.DOUBLE, 0, 1, 8, 8, 8);

    @Test
    void aModelIndependentExplainerFailsTheRandomisationTestWithSimilarityOne() {
        RandomisationConfig cfg = RandomisationConfig.DEFAULTS.withMeasures(MapSimilarity.spearman(), MapSimilarity.ssim());
        RandomisationResult r = new ModelRandomisation(cfg).evaluate(MODEL, m -> TinyMlp.inputItself(), X, Target.predicted());
        assertThat(r.steps()).hasSize(2);
        assertThat(r.curve("spearman")).containsExactly(1.0, 1.0);
        assertThat(r.curve("ssim")).containsExactly(1.0, 1.0);
    }

    @Test
    void theGradientLosesItsSimilarityAsLayersAreRandomisedFromTheTop() {
        INDArray x0 = X.dup();
        INDArray before = MODEL.predict(X);
        RandomisationConfig cfg = RandomisationConfig.DEFAULTS.withMeasures(MapSimilarity.spearman(), MapSimilarity.ssim())
                .withSeed(9);
        RandomisationResult r = new ModelRandomisation(cfg).evaluate(MODEL, TinyMlp::gradient, X, Target.predicted());
        assertThat(r.steps().get(0).layer()).isEqualTo("fc2");
        assertThat(r.steps().get(0).randomised()).containsExactly("fc2");
        assertThat(r.steps().get(1).randomised()).containsExactly("fc2", "fc1");
        double[] spearman = r.curve("spearman");
        double[] ssim = r.curve("ssim");
        // both layers randomised: the gradient map is unrelated to the original
        assertThat(Math.abs(spearman[1])).isLessThan(0.3);
        assertThat(Math.abs(ssim[1])).isLessThan(0.3);
        // only the top layer randomised: already far from 1
        assertThat(spearman[0]).isLessThan(0.8);
        // the trained model and the input are untouched
        assertThat(MODEL.predict(X)).isEqualTo(before);
        assertThat(X).isEqualTo(x0);
        assertThat(r.provenance().method()).isEqualTo("model-parameter-randomisation");
        assertThat(r.provenance().modelId()).isEqualTo("tiny-mlp");
        assertThat(r.toMap()).containsKeys("layers", "curves");
    }

    @Test
    void independentModeRandomisesOneLayerAtATime() {
        RandomisationResult r = new ModelRandomisation(RandomisationConfig.DEFAULTS
                .withMode(RandomisationConfig.Mode.INDEPENDENT)).evaluate(MODEL, TinyMlp::gradient, X, Target.classIndex(1));
        assertThat(r.steps().get(0).randomised()).containsExactly("fc2");
        assertThat(r.steps().get(1).randomised()).containsExactly("fc1");
        // cascading step 1 (fc2) and independent step 0 (fc2) are the same model: the same similarity
        RandomisationResult c = new ModelRandomisation().evaluate(MODEL, TinyMlp::gradient, X, Target.classIndex(1));
        assertThat(r.steps().get(0).values("spearman")).containsExactly(c.steps().get(0).values("spearman"));
    }

    @Test
    void constantMapsAfterRandomisationAreRecordedAsUndefined() {
        // an explainer that returns zeros for any randomised model
        java.util.function.Function<TinyMlp, AttributionFunction> f = m -> m == MODEL ? MODEL.gradient()
                : (in, t) -> Nd4j.zeros(DataType.DOUBLE, in.shape());
        RandomisationResult r = new ModelRandomisation().evaluate(MODEL, f, X, Target.predicted());
        assertThat(r.steps().get(0).values("spearman")).containsOnly(Double.NaN);
        assertThat(r.curve("spearman")[0]).isNaN();
    }

    @Test
    void randomLogitOfALinearModelsGradientIsTheCorrelationOfTwoWeightColumns() {
        double[][] w = new double[16][2];
        Rng rng = Rng.seeded(12);
        for (double[] row : w) {
            row[0] = rng.nextGaussian();
            row[1] = 0.5 * row[0] + rng.nextGaussian();
        }
        LinearModel model = new LinearModel(w);
        AttributionFunction gradient = (input, target) -> {
            int n = (int) input.size(0);
            int[] classes = ((org.xai4j.core.target.ClassTarget) target.resolve(model.predict(input))).classes(n);
            INDArray g = Nd4j.zeros(DataType.DOUBLE, n, 16);
            for (int i = 0; i < n; i++) {
                for (int e = 0; e < 16; e++) {
                    g.putScalar(i, e, w[e][classes[i]]);
                }
            }
            return g;
        };
        INDArray x = Rng.seeded(13).gaussian(DataType.DOUBLE, 1, 5, 16);
        RandomLogit.Result r = new RandomLogit(RandomLogitConfig.DEFAULTS.withMeasure(MapSimilarity.pearson()))
                .evaluate(model, gradient, x, Target.predicted());
        // two classes: the random class is always the other one
        int[] t = r.targetClasses();
        int[] o = r.randomClasses();
        for (int i = 0; i < 5; i++) {
            assertThat(o[i]).isEqualTo(1 - t[i]);
        }
        double expected = pearson(column(w, 0), column(w, 1));
        for (double v : r.similarity().values()) {
            assertThat(v).isCloseTo(expected, within(1e-12));
        }
        // a map that ignores the class scores 1
        assertThat(new RandomLogit().evaluate(model, TinyMlp.inputItself(), x, Target.predicted()).similarity().values())
                .containsOnly(1.0);
    }

    @Test
    void randomClassesAreOtherClassesDrawnFromTheSeed() {
        LinearModel model = new LinearModel(new double[4][5]);
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 200, 4);
        RandomLogit.Result r = new RandomLogit().evaluate(model, (in, t) -> Rng.seeded(1).gaussian(DataType.DOUBLE, 1, in.shape()),
                x, Target.classIndex(2));
        int[] counts = new int[5];
        for (int c : r.randomClasses()) {
            counts[c]++;
        }
        assertThat(counts[2]).isZero();
        for (int c : List.of(0, 1, 3, 4)) {
            assertThat(counts[c]).isBetween(30, 70);
        }
        assertThat(new RandomLogit().evaluate(model, (in, t) -> Rng.seeded(1).gaussian(DataType.DOUBLE, 1, in.shape()),
                x, Target.classIndex(2)).randomClasses()).containsExactly(r.randomClasses());
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> RandomisationConfig.DEFAULTS.withMeasures()).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> new ModelRandomisation().evaluate(MODEL,
                m -> m == MODEL ? MODEL.gradient() : (in, t) -> Nd4j.zeros(DataType.DOUBLE, in.size(0), 3), X, Target.predicted()))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("randomised");
        LinearModel model = new LinearModel(new double[4][3]);
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 2, 4);
        assertThatThrownBy(() -> new RandomLogit().evaluate(model, TinyMlp.inputItself(), x,
                Target.function("sum", o -> o.sum(1), o -> Nd4j.onesLike(o)))).isInstanceOf(InvalidTargetException.class);
    }

    static double[] column(double[][] w, int c) {
        double[] v = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            v[i] = w[i][c];
        }
        return v;
    }

    static double pearson(double[] a, double[] b) {
        double ma = java.util.Arrays.stream(a).average().orElseThrow();
        double mb = java.util.Arrays.stream(b).average().orElseThrow();
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }
}
