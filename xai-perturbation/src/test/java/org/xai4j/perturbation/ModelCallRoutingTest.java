package org.xai4j.perturbation;

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
import org.xai4j.perturbation.occlusion.Occlusion;
import org.xai4j.perturbation.occlusion.OcclusionConfig;
import org.xai4j.testkit.models.TinyConvNet;

/**
 * Issue 14: perturbation methods call their model only through ModelCalls, so a model's failure names the batch
 * and every pass counts against the budget.
 */
class ModelCallRoutingTest {
    private static final TinyConvNet NET = TinyConvNet.random(14, 2, 3, 4, 3, 4, 4);
    private static final INDArray IMAGES = Nd4j.rand(DataType.DOUBLE, 2, 2, 4, 4).muli(2).subi(1);

    private static void both(Consumer<LayeredModel> run) {
        failureOnTheSecondCallNamesItsBatch(NET, run);
        everyPassIsCountedAgainstTheBudget(NET, run);
    }

    @Test
    void occlusion() {
        both(m -> new Occlusion(m, OcclusionConfig.of(2, 2).withStrides(2, 2).withBatch(BatchPolicy.ofRows(3)))
                .explain(IMAGES, Target.perRow(1, 2)));
    }
}
