package org.xai4j.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.testkit.models.TinyConvNet;

/** The model-call checks pass for code that calls through ModelCalls and catch code that calls the model directly. */
class ModelCallChecksTest {
    private static final TinyConvNet NET = TinyConvNet.random(3, 2, 3, 4, 3, 5, 6);
    private static final INDArray X = Nd4j.rand(DataType.DOUBLE, 2, 2, 5, 6);

    private static final Consumer<LayeredModel> THROUGH_MODEL_CALLS = m -> {
        ModelCalls.predict(m, X);
        ModelCalls.predict(m, X.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)));
    };
    private static final Consumer<LayeredModel> DIRECT = m -> {
        m.predict(X);
        m.predict(X.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)));
    };

    @Test
    void callsThroughModelCallsPass() {
        ModelCallChecks.failureOnTheSecondCallNamesItsBatch(NET, THROUGH_MODEL_CALLS);
        assertThat(ModelCallChecks.everyPassIsCountedAgainstTheBudget(NET, THROUGH_MODEL_CALLS)).isEqualTo(3);
    }

    @Test
    void directCallsAreCaught() {
        assertThatThrownBy(() -> ModelCallChecks.failureOnTheSecondCallNamesItsBatch(NET, DIRECT))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> ModelCallChecks.everyPassIsCountedAgainstTheBudget(NET, DIRECT))
                .isInstanceOf(AssertionError.class);
    }
}
