package org.xai4j.core.graph.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;

/**
 * The subgradients that decide VGG's float32 input gradient (docs/models.md, "VGG-11 and VGG-11-BN"): a ReLU
 * passes no gradient at a pre-activation of exactly zero or below, and a 2×2 max pool routes its gradient to one
 * element of its window — the largest, the first of equal ones — as torch does ({@code threshold_backward} and
 * {@code max_pool2d_with_indices_backward}). Expected values by hand: ReLU then max pool then flatten, score =
 * the single output.
 */
class ReluMaxPoolSubgradientTest {
    private static Graph reluThenPool() {
        return Graph.builder("relu-pool").input("x", -1, 1, 2, 2)
                .node(new ReluNode("relu", "x", "r"))
                .node(new MaxPoolNode("pool", "r", "p", new Window2d(2, 2, 2, 2, 1, 1, 0, 0, 0, 0), false))
                .node(new FlattenNode("flat", "p", "y", 1))
                .output("y").build();
    }

    private static float[] inputGradient(float... window) {
        INDArray x = Nd4j.create(window, new long[] {1, 1, 2, 2}, 'c').castTo(DataType.FLOAT);
        return reluThenPool().gradients(x, Target.classIndex(0)).inputGradient().data().asFloat();
    }

    @Test
    void thePoolRoutesTheGradientToTheLargestPositiveValue() {
        // VGG-11-BN's unit in float64: a small positive value among zeros gets the whole gradient.
        assertThat(inputGradient(-1f, -2f, 2.7e-7f, -3f)).containsExactly(0f, 0f, 1f, 0f);
    }

    @Test
    void aWindowOfZerosRoutesToTheFirstWhereTheReluBlocksIt() {
        // The same unit rounded to -6.3e-8 in float32: four zeros after the ReLU, nothing reaches the input.
        assertThat(inputGradient(-1f, -2f, -6.3e-8f, -3f)).containsExactly(0f, 0f, 0f, 0f);
    }

    @Test
    void reluPassesNothingAtExactlyZero() {
        assertThat(inputGradient(0f, -1f, -1f, -1f)).containsExactly(0f, 0f, 0f, 0f);
    }

    @Test
    void equalMaximaSendTheGradientToTheFirstOnly() {
        assertThat(inputGradient(0.5f, 2f, 2f, 1f)).containsExactly(0f, 1f, 0f, 0f);
    }
}
