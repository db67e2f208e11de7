package org.xai4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.core.XaiException;

class ModelCallsTest {
    private final PredictionFunction sums = new PredictionFunction() {
        @Override
        public INDArray predict(INDArray input) {
            return input.sum(2, 3);
        }

        @Override
        public Optional<long[]> rowShape() {
            return Optional.of(new long[] {3, -1, -1});
        }

        @Override
        public String id() {
            return "sums";
        }
    };

    @Test
    void inputMustMatchTheDeclaredRowShape() {
        INDArray fits = Nd4j.zeros(2, 3, 5, 5);
        assertThat(ModelCalls.requireInput(sums, fits, "input")).as("a fitting input is returned as it is").isSameAs(fits);
        assertThatThrownBy(() -> ModelCalls.requireInput(sums, Nd4j.zeros(2, 1, 5, 5), "input"))
                .isInstanceOf(InvalidShapeException.class)
                .hasMessage("input: model sums expects rows of shape 3×*×* but the 2 rows given are 1×5×5"
                        + " (input shape [2, 1, 5, 5]) (1 channel where the model takes 3: convert the images to RGB)");
        assertThatThrownBy(() -> ModelCalls.requireInput(sums, Nd4j.zeros(3, 5, 5), "input"))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("rank 3");
        assertThatThrownBy(() -> ModelCalls.requireInput(sums, Nd4j.zeros(5), "input"))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("rank ≥ 2");
    }

    @Test
    void booleanAndClosedInputsAreRefusedByName() {
        INDArray flags = Nd4j.zeros(2, 3, 5, 5).castTo(DataType.BOOL);
        assertThatThrownBy(() -> ModelCalls.requireInput(sums, flags, "--input x.npy"))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("--input x.npy")
                .hasMessageContaining("BOOL").hasMessageContaining("[2, 3, 5, 5]").hasMessageContaining("castTo");
        INDArray closed = Nd4j.zeros(2, 3, 5, 5);
        INDArray view = closed.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1));
        closed.close();
        for (INDArray x : new INDArray[] {closed, view}) {
            assertThatThrownBy(() -> ModelCalls.requireInput(sums, x, "input"))
                    .isInstanceOf(InvalidShapeException.class).hasMessageContaining("input").hasMessageContaining("close()");
        }
        assertThat(ModelCalls.requireInput(sums, Nd4j.zeros(2, 3, 5, 5).castTo(DataType.INT32), "input")).isNotNull();
    }

    @Test
    void nanOutputAndModelFailuresBecomeXaiExceptions() {
        PredictionFunction nan = PredictionFunction.of("nan-model", x -> x.sum(1).div(0).mul(0));
        assertThatThrownBy(() -> ModelCalls.predict(nan, Nd4j.ones(DataType.DOUBLE, 2, 2)))
                .isInstanceOf(NonFiniteValueException.class).hasMessageContaining("nan-model");
        PredictionFunction broken = PredictionFunction.of("broken", x -> {
            throw new IllegalStateException("boom");
        });
        assertThatThrownBy(() -> ModelCalls.predict(broken, Nd4j.ones(2, 2))).isInstanceOf(XaiException.class)
                .hasMessageContaining("broken").hasMessageContaining("[2, 2]").hasMessageContaining("boom");
        PredictionFunction dropsRows = PredictionFunction.of("drops", x -> x.sum(0).reshape(1, -1));
        assertThatThrownBy(() -> ModelCalls.predict(dropsRows, Nd4j.ones(3, 2))).isInstanceOf(XaiException.class)
                .hasMessageContaining("3 rows");
    }
}
