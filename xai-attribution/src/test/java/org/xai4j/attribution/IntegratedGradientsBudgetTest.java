package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.Attribution;
import org.xai4j.core.run.BudgetExceededException;
import org.xai4j.core.run.CancelledException;
import org.xai4j.core.run.DeadlineExceededException;
import org.xai4j.core.run.Limits;
import org.xai4j.core.run.Plan;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.testkit.models.TinyConvNet;
import org.xai4j.attribution.gradient.IntegratedGradients;
import org.xai4j.attribution.gradient.IntegratedGradientsConfig;
import org.xai4j.attribution.gradient.Quadrature;
import org.xai4j.attribution.layer.LayerIntegratedGradients;
import org.xai4j.attribution.layer.LayerIntegratedGradientsConfig;

/**
 * Issue 21: {@code integrated-gradients steps=100000000} on one image held 1.7 GB and ran for hours. Its plan is
 * now stated and refused above the budget before any work; the plan equals the rows the model actually saw.
 */
class IntegratedGradientsBudgetTest {
    private final TinyConvNet net = TinyConvNet.random(4, 2, 3, 5, 3, 6, 7);
    private final INDArray image = Nd4j.rand(DataType.DOUBLE, 1, 2, 6, 7);

    @Test
    void aHundredMillionStepsOnOneImageFailFastNamingSteps() {
        CountingModel m = new CountingModel(net);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() ->
                new IntegratedGradients(m, IntegratedGradientsConfig.DEFAULTS.withSteps(100_000_000))
                        .explain(image, Target.predicted()))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("integrated-gradients would send 100,000,002 rows through the model")
                .hasMessageContaining("above the budget of 1,000,000 model passes; lower steps"));
        assertThat(m.predictCalls.get() + m.gradientCalls.get()).as("no model call before the refusal").isZero();
    }

    @Test
    void thePlanEqualsTheRowsTheModelSaw() {
        for (int steps : new int[] {2, 7, 50}) {
            CountingModel m = new CountingModel(net);
            INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 2, 6, 7);
            IntegratedGradients ig = new IntegratedGradients(m, IntegratedGradientsConfig.DEFAULTS.withSteps(steps)
                    .withQuadrature(Quadrature.RIEMANN_TRAPEZOID).withBatch(BatchPolicy.ofRows(4)));
            Plan plan = ig.plan(x, Target.perRow(0, 1, 2)).orElseThrow();
            List<long[]> seen = new ArrayList<>();
            Limits.defaults().withProgress((done, planned) -> seen.add(new long[] {done, planned}))
                    .call(() -> ig.explain(x, Target.perRow(0, 1, 2)));
            long modelRows = m.predictRows.get() + m.gradientRows.get();
            assertThat(plan.passes()).as("steps " + steps).isEqualTo(modelRows).isEqualTo(3L * (steps + 2));
            assertThat(seen.get(seen.size() - 1)).containsExactly(modelRows, plan.passes());
        }
    }

    @Test
    void aBudgetPerCallAndTheSystemPropertyBothApply() {
        IntegratedGradients ig = new IntegratedGradients(net, IntegratedGradientsConfig.DEFAULTS.withSteps(50));
        assertThatThrownBy(() -> Limits.defaults().withMaxPasses(51).call(() -> ig.explain(image, Target.classIndex(0))))
                .isInstanceOf(BudgetExceededException.class).hasMessageContaining("52 rows");
        Attribution a = Limits.defaults().withMaxPasses(52).call(() -> ig.explain(image, Target.classIndex(0)));
        assertThat(a.values().shape()).isEqualTo(image.shape());
    }

    @Test
    void anInterruptOrAPassedDeadlineStopsWithinOneBatchAndReturnsNothing() {
        CountingModel m = new CountingModel(net);
        IntegratedGradients ig = new IntegratedGradients(m, IntegratedGradientsConfig.DEFAULTS.withSteps(40)
                .withBatch(BatchPolicy.ofRows(10)));
        int[] calls = new int[1];
        org.xai4j.core.model.DifferentiableModel interrupting = new org.xai4j.core.model.DifferentiableModel() {
            @Override
            public INDArray predict(INDArray input) {
                return net.predict(input);
            }

            @Override
            public org.xai4j.core.model.Gradients gradients(INDArray input, Target target) {
                if (++calls[0] == 2) {
                    Thread.currentThread().interrupt();
                }
                return net.gradients(input, target);
            }

            @Override
            public java.util.Optional<long[]> rowShape() {
                return net.rowShape();
            }

            @Override
            public String id() {
                return "interrupting";
            }
        };
        IntegratedGradients cancelled = new IntegratedGradients(interrupting, ig.config());
        try {
            assertThatThrownBy(() -> cancelled.explain(image, Target.classIndex(0))).isInstanceOf(CancelledException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(calls[0]).as("stopped at the model call after the interrupt").isEqualTo(2);
        assertThatThrownBy(() -> Limits.defaults().withTimeout(Duration.ZERO).call(() -> ig.explain(image,
                Target.classIndex(0)))).isInstanceOf(DeadlineExceededException.class);
        assertThat(m.predictCalls.get() + m.gradientCalls.get()).isZero();
    }

    @Test
    void layerIntegratedGradientsStatesItsPlanAndRefusesAHugeOneBeforeWork() {
        EditableMlp mlp = TorchReference.editableMlp();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 6);
        LayerIntegratedGradients lig = new LayerIntegratedGradients(mlp, LayerIntegratedGradientsConfig.at("fc1")
                .withIntegration(IntegratedGradientsConfig.DEFAULTS.withSteps(9).withBatch(BatchPolicy.ofRows(5))));
        Plan plan = lig.plan(x, Target.perRow(0, 1)).orElseThrow();
        long counted = Limits.defaults().call(() -> {
            lig.explain(x, Target.perRow(0, 1));
            return Limits.passesSoFar();
        });
        assertThat(plan.passes()).isEqualTo(counted).isEqualTo(2L * (9 + 4));
        LayerIntegratedGradients huge = new LayerIntegratedGradients(mlp, LayerIntegratedGradientsConfig.at("fc1")
                .withIntegration(IntegratedGradientsConfig.DEFAULTS.withSteps(100_000_000)));
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() -> huge.explain(x,
                Target.classIndex(0))).isInstanceOf(BudgetExceededException.class).hasMessageContaining("lower steps"));
    }
}
