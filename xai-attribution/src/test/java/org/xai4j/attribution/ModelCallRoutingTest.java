package org.xai4j.attribution;

import static org.xai4j.testkit.contract.ModelCallChecks.everyPassIsCountedAgainstTheBudget;
import static org.xai4j.testkit.contract.ModelCallChecks.failureOnTheSecondCallNamesItsBatch;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.testkit.models.TinyConvNet;
import org.xai4j.attribution.gradient.IntegratedGradients;
import org.xai4j.attribution.gradient.IntegratedGradientsConfig;
import org.xai4j.attribution.gradient.Saliency;
import org.xai4j.attribution.gradient.SaliencyConfig;
import org.xai4j.attribution.layer.LayerGradientXActivation;
import org.xai4j.attribution.layer.LayerGradientXActivationConfig;
import org.xai4j.attribution.layer.LayerIntegratedGradients;
import org.xai4j.attribution.layer.LayerIntegratedGradientsConfig;

/**
 * Issue 14: gradient and layer methods call their model only through ModelCalls, so a model's failure names the
 * batch and every pass counts against the budget.
 */
class ModelCallRoutingTest {
    private static final TinyConvNet NET = TinyConvNet.random(14, 2, 3, 4, 3, 5, 6);
    private static final INDArray IMAGES = Nd4j.rand(DataType.DOUBLE, 3, 2, 5, 6).muli(2).subi(1);
    private static final Target TARGET = Target.perRow(0, 1, 3);
    private static final BatchPolicy ONE_ROW = BatchPolicy.ofRows(1);

    private static void both(LayeredModel inner, Consumer<LayeredModel> run) {
        failureOnTheSecondCallNamesItsBatch(inner, run);
        everyPassIsCountedAgainstTheBudget(inner, run);
    }

    @Test
    void saliency() {
        both(NET, m -> new Saliency(m, SaliencyConfig.DEFAULTS.withBatch(ONE_ROW)).explain(IMAGES, TARGET));
    }

    @Test
    void integratedGradients() {
        both(NET, m -> new IntegratedGradients(m, IntegratedGradientsConfig.DEFAULTS.withSteps(4)
                .withBatch(BatchPolicy.ofRows(5))).explain(IMAGES, TARGET));
    }

    @Test
    void layerGradientXActivation() {
        both(NET, m -> new LayerGradientXActivation(m, LayerGradientXActivationConfig.at("relu").withBatch(ONE_ROW))
                .explain(IMAGES, TARGET));
    }

    @Test
    void layerIntegratedGradients() {
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 6);
        both(TorchReference.editableMlp(), m -> new LayerIntegratedGradients(m, LayerIntegratedGradientsConfig.at("fc1")
                .withIntegration(IntegratedGradientsConfig.DEFAULTS.withSteps(3).withBatch(BatchPolicy.ofRows(4))))
                .explain(x, Target.perRow(0, 1, 0)));
    }
}
