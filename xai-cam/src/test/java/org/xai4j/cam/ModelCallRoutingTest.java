package org.xai4j.cam;

import static org.xai4j.testkit.contract.ModelCallChecks.everyPassIsCountedAgainstTheBudget;
import static org.xai4j.testkit.contract.ModelCallChecks.failureOnTheSecondCallNamesItsBatch;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.testkit.models.TinyConvNet;

/**
 * Issue 14: CAMs call their model (layer passes, masked inputs, ablations) only through ModelCalls, so a model's
 * failure names the batch and every pass counts against the budget.
 */
class ModelCallRoutingTest {
    private static final TinyConvNet NET = TinyConvNet.random(14, 2, 3, 4, 3, 5, 6);
    private static final INDArray IMAGES = Nd4j.rand(DataType.DOUBLE, 2, 2, 5, 6).muli(2).subi(1);
    private static final Target TARGET = Target.perRow(0, 3);
    private static final CamConfig ONE_ROW = CamConfig.of("relu").withBatch(BatchPolicy.ofRows(1));

    private static void both(Consumer<LayeredModel> run) {
        failureOnTheSecondCallNamesItsBatch(NET, run);
        everyPassIsCountedAgainstTheBudget(NET, run);
    }

    @Test
    void gradCam() {
        // one layer pass per explanation: explain twice so that the second pass can fail
        both(m -> {
            GradCam cam = new GradCam(m, ONE_ROW);
            cam.explain(IMAGES, TARGET);
            cam.explain(IMAGES.get(NDArrayIndex.interval(1, 2)), Target.classIndex(2));
        });
    }

    @Test
    void scoreCam() {
        both(m -> new ScoreCam(m, ONE_ROW).explain(IMAGES, TARGET));
    }

    @Test
    void ablationCam() {
        both(m -> new AblationCam(m, ONE_ROW).explain(IMAGES, TARGET));
    }
}
