package org.xai4j.perturbation;

import org.xai4j.core.util.BatchPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.Explainer;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.run.Limits;
import org.xai4j.core.util.Batching;
import org.xai4j.core.target.Target;
import org.xai4j.perturbation.features.FeatureMask;
import org.xai4j.perturbation.features.Segmenter;
import org.xai4j.perturbation.lime.Lime;
import org.xai4j.perturbation.lime.LimeConfig;
import org.xai4j.perturbation.lime.LimeTabular;
import org.xai4j.perturbation.lime.LimeTabularConfig;
import org.xai4j.perturbation.occlusion.FeatureAblation;
import org.xai4j.perturbation.occlusion.FeatureAblationConfig;
import org.xai4j.perturbation.occlusion.Occlusion;
import org.xai4j.perturbation.occlusion.OcclusionConfig;
import org.xai4j.perturbation.shapley.ExactShapley;
import org.xai4j.perturbation.shapley.ExactShapleyConfig;
import org.xai4j.perturbation.shapley.KernelShap;
import org.xai4j.perturbation.shapley.KernelShapConfig;
import org.xai4j.perturbation.shapley.PartitionShap;
import org.xai4j.perturbation.shapley.PartitionShapConfig;
import org.xai4j.perturbation.shapley.ShapleyValueSampling;
import org.xai4j.perturbation.shapley.ShapleyValueSamplingConfig;

/** Bad input across every explainer: a specific XaiException, raised before or instead of any result. */
class BadInputTest {
    static final INDArray X = TinyCnn.load("cnn_x");

    /** Every image explainer over {@code model}, with a feature mask from {@code segmenter} where it takes one. */
    static List<Explainer<INDArray, ?>> imageExplainers(PredictionFunction model, Segmenter segmenter) {
        return List.of(
                new Occlusion(model, OcclusionConfig.of(2, 2).withStrides(2, 2).withBatch(BatchPolicy.ofRows(3))),
                new FeatureAblation(model, FeatureAblationConfig.DEFAULTS.withSegmenter(segmenter).withBatch(BatchPolicy.ofRows(3))),
                new ExactShapley(model, ExactShapleyConfig.DEFAULTS.withSegmenter(segmenter).withBatch(BatchPolicy.ofRows(3))),
                new KernelShap(model, KernelShapConfig.DEFAULTS.withSegmenter(segmenter).withSamples(20).withBatch(BatchPolicy.ofRows(3))),
                new ShapleyValueSampling(model, ShapleyValueSamplingConfig.DEFAULTS.withSegmenter(segmenter).withPermutations(3)
                        .withBatch(BatchPolicy.ofRows(3))),
                new Lime(model, LimeConfig.DEFAULTS.withSegmenter(segmenter).withSamples(20).withBatch(BatchPolicy.ofRows(3))),
                new PartitionShap(model, PartitionShapConfig.DEFAULTS.withGrid(4).withMaxEvals(30).withBatch(BatchPolicy.ofRows(4))));
    }

    @Test
    void aRowSliceOfALargerBatchIsExplainedNotRefused() {
        // rows [1, 3) of a 4-row batch: a view with an offset, which ND4J's get() cut to shape [] row by row
        INDArray view = Batching.rows(Nd4j.concat(0, X, X), 1, 3);
        INDArray before = view.dup();
        for (Explainer<INDArray, ?> e : imageExplainers(new TinyCnn(), Segmenter.grid(4))) {
            assertThat(e.explain(view, Target.classIndex(0))).as(e.descriptor().name()).isNotNull();
            assertThat(view).isEqualTo(before);
        }
    }

    @Test
    void booleanOrClosedInputsAreRefusedByName() {
        INDArray flags = X.castTo(DataType.BOOL);
        for (Explainer<INDArray, ?> e : imageExplainers(new TinyCnn(), Segmenter.grid(4))) {
            assertThatThrownBy(() -> e.explain(flags, Target.classIndex(0))).as(e.descriptor().name())
                    .isInstanceOf(InvalidShapeException.class).hasMessageContaining("BOOL").hasMessageContaining("[2, 3, 8, 8]");
            INDArray closed = X.dup();
            closed.close();
            assertThatThrownBy(() -> e.explain(closed, Target.classIndex(0))).as(e.descriptor().name())
                    .isInstanceOf(InvalidShapeException.class).hasMessageContaining("close()");
        }
    }

    @Test
    void nanScoresFromTheModelStopEveryMethodWithNoResult() {
        for (long healthy : new long[] {0, 2, 9}) {
            for (Explainer<INDArray, ?> e : imageExplainers(TestModels.nanAfter(new TinyCnn(), healthy), Segmenter.grid(4))) {
                INDArray before = X.dup();
                assertThatThrownBy(() -> e.explain(X, Target.classIndex(0)))
                        .as("%s with NaN after %d rows", e.descriptor().name(), healthy)
                        .isInstanceOf(NonFiniteValueException.class)
                        .hasMessageContaining("NaN");
                assertThat(X).isEqualTo(before);
            }
        }
        INDArray training = Nd4j.rand(DataType.DOUBLE, 20, 3);
        PredictionFunction lin = PredictionFunction.of("lin", in -> in.mmul(Nd4j.ones(DataType.DOUBLE, 3, 1)));
        LimeTabular lt = new LimeTabular(TestModels.nanAfter(lin, 7), LimeTabularConfig.of(training)
                .withSamples(30).withBatch(BatchPolicy.ofRows(4)));
        assertThatThrownBy(() -> lt.explain(training.getRows(0, 1), Target.classIndex(0)))
                .isInstanceOf(NonFiniteValueException.class);
    }

    @Test
    void aFeatureMaskOfTheWrongShapeIsRefusedBeforeAnyModelCall() {
        TinyCnn cnn = new TinyCnn();
        FeatureMask wrong = FeatureMask.grid(8, 7, 2);
        for (Explainer<INDArray, ?> e : imageExplainers(cnn, Segmenter.fixed(wrong)).subList(1, 6)) {
            assertThatThrownBy(() -> e.explain(X, Target.classIndex(0)))
                    .as(e.descriptor().name())
                    .isInstanceOf(InvalidShapeException.class)
                    .hasMessageContaining("[8, 7]")
                    .hasMessageContaining("[3, 8, 8]");
        }
        assertThat(cnn.rowsSeen).isZero();
    }

    @Test
    void aSegmenterThatGivesNoMaskOrAnEmptyInputIsRefused() {
        TinyCnn cnn = new TinyCnn();
        Segmenter none = new Segmenter() {
            @Override
            public FeatureMask segment(INDArray row) {
                return null;
            }

            @Override
            public String describe() {
                return "broken";
            }
        };
        for (Explainer<INDArray, ?> e : imageExplainers(cnn, none).subList(1, 6)) {
            assertThatThrownBy(() -> e.explain(X, Target.classIndex(0))).as(e.descriptor().name())
                    .isInstanceOf(InvalidShapeException.class).hasMessageContaining("broken");
        }
        for (Explainer<INDArray, ?> e : imageExplainers(cnn, Segmenter.grid(4))) {
            assertThatThrownBy(() -> e.explain(Nd4j.create(DataType.DOUBLE, 0, 3, 8, 8), Target.classIndex(0)))
                    .as(e.descriptor().name()).isInstanceOf(InvalidShapeException.class);
        }
        assertThat(cnn.rowsSeen).isZero();
    }

    @Test
    void progressIsReportedUpToThePlannedTotalForEveryMethod() {
        for (Explainer<INDArray, ?> e : List.<Explainer<INDArray, ?>>of(
                new Occlusion(new TinyCnn(), OcclusionConfig.of(4, 4).withStrides(4, 4)),
                new ExactShapley(new TinyCnn(), ExactShapleyConfig.DEFAULTS.withSegmenter(Segmenter.grid(2))),
                new KernelShap(new TinyCnn(), KernelShapConfig.DEFAULTS.withSegmenter(Segmenter.grid(3)).withSamples(30)),
                new Lime(new TinyCnn(), LimeConfig.DEFAULTS.withSegmenter(Segmenter.grid(3)).withSamples(30)))) {
            long[] last = {0, 0};
            Limits.defaults().withProgress((done, total) -> {
                assertThat(done).isGreaterThan(last[0]).isLessThanOrEqualTo(total);
                last[0] = done;
                last[1] = total;
            }).call(() -> e.explain(X, Target.classIndex(0)));
            assertThat(last[0]).as(e.descriptor().name()).isEqualTo(last[1])
                    .isEqualTo(e.plan(X, Target.classIndex(0)).orElseThrow().passes());
        }
    }
}
