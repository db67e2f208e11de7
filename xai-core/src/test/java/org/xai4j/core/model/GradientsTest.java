package org.xai4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GradientsTest {
    private static INDArray gradient() {
        return Nd4j.createFromArray(new float[] {-1.5f, 2f, -0f, 3.25f}).reshape(2, 2);
    }

    @Test
    void aGradientTheModelMayStillReadIsMappedIntoANewArray() {
        INDArray g = gradient();
        INDArray before = g.dup();
        Gradients pass = new Gradients(Nd4j.zeros(DataType.FLOAT, 2, 3), g);
        assertThat(pass.callerOwned()).isFalse();
        INDArray abs = pass.mappedInputGradient(Math::abs);
        assertThat(abs).isNotSameAs(g).isEqualTo(Nd4j.createFromArray(new float[] {1.5f, 2f, 0f, 3.25f}).reshape(2, 2));
        assertThat(g).as("the model's array is left as it was").isEqualTo(before);
    }

    @Test
    void aGradientTheCallerOwnsIsMappedInPlace() {
        INDArray g = gradient();
        INDArray abs = new Gradients(Nd4j.zeros(DataType.FLOAT, 2, 3), g, true).mappedInputGradient(Math::abs);
        assertThat(abs).isSameAs(g).isEqualTo(Nd4j.createFromArray(new float[] {1.5f, 2f, 0f, 3.25f}).reshape(2, 2));
    }
}
