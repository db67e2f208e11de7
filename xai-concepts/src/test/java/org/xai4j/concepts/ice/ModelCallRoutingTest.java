package org.xai4j.concepts.ice;

import static org.xai4j.testkit.contract.ModelCallChecks.everyPassIsCountedAgainstTheBudget;
import static org.xai4j.testkit.contract.ModelCallChecks.failureOnTheSecondCallNamesItsBatch;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Rng;
import org.xai4j.testkit.models.TinyConvNet;

/**
 * Issue 14: ICE reads layers, differentiates and edits activations only through ModelCalls, so a model's failure
 * names the batch and every pass counts against the budget.
 */
class ModelCallRoutingTest {
    private static final TinyConvNet NET = TinyConvNet.random(4, 2, 5, 3, 3, 6, 7);
    private static final INDArray FIT = Rng.seeded(1).uniform(DataType.DOUBLE, -1, 1, 6, 2, 6, 7);
    private static final INDArray IMAGES = Rng.seeded(2).uniform(DataType.DOUBLE, -1, 1, 3, 2, 6, 7);
    private static final IceConfig CONFIG = IceConfig.of("relu", 2).withBatch(BatchPolicy.ofRows(2));
    private static final IceConcepts CONCEPTS = Ice.fit(NET, CONFIG, FIT);

    private static void both(Consumer<LayeredModel> run) {
        failureOnTheSecondCallNamesItsBatch(NET, run);
        everyPassIsCountedAgainstTheBudget(NET, run);
    }

    @Test
    void fittingReadsTheLayerThroughModelCalls() {
        both(m -> Ice.fit(m, CONFIG, FIT));
    }

    @Test
    void explainingDifferentiatesThroughModelCalls() {
        both(m -> new Ice(m, CONCEPTS).explain(IMAGES, Target.perRow(2, 0, 1)));
    }

    @Test
    void fidelityEditsTheLayerThroughModelCalls() {
        both(m -> IceFidelity.measure(m, CONCEPTS, IMAGES, null));
    }

    @Test
    void theLayerMatrixReadsThroughModelCalls() {
        both(m -> LayerMatrix.of(m, "relu", IMAGES, 1));
    }
}
