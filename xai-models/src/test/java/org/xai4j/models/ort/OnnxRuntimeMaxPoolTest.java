package org.xai4j.models.ort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xai4j.models.ort.OnnxRuntimeConvolutionTest.gaussian;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.node.MaxPoolNode;
import org.xai4j.core.graph.node.PoolingKernel;
import org.xai4j.core.graph.node.Window2d;

/**
 * Max pooling on ONNX Runtime against libnd4j's double-precision {@code maxpool2d} and {@code maxpool2d_bp} (the
 * node's path for double inputs, tested against PyTorch in {@code xai-core}): the values and the input gradient
 * must be the same exactly, bit for bit (a maximum is one of the inputs; the gradient is the upstream value moved,
 * not computed, so an upstream −0 stays −0), over kernels, strides, dilations and pads (ceil mode stays on libnd4j), on inputs full of ties
 * (rounded ReLU outputs: most windows hold several equal zeros or ones, so the first-maximum rule of both engines
 * is compared). Where windows overlap, a position that is the maximum of several windows gets the sum of their
 * values: that is compared with libnd4j's float {@code maxpool2d_bp} bit for bit (the same additions in the same
 * order) and with the double-precision gradient to rounding.
 */
class OnnxRuntimeMaxPoolTest {
    /** n, c, h, w, kh, kw, sh, sw, dh, dw, top, left, bottom, right, ceil. */
    static Stream<Arguments> geometries() {
        return Stream.of(
                Arguments.of(new int[] {3, 4, 28, 28, 2, 2, 2, 2, 1, 1, 0, 0, 0, 0, 0}),
                Arguments.of(new int[] {2, 3, 9, 7, 2, 2, 2, 2, 1, 1, 0, 0, 0, 0, 0}),
                Arguments.of(new int[] {2, 3, 9, 7, 2, 2, 2, 2, 1, 1, 0, 0, 0, 0, 1}),
                Arguments.of(new int[] {2, 2, 11, 10, 3, 3, 3, 3, 1, 1, 1, 1, 1, 1, 0}),
                Arguments.of(new int[] {2, 2, 11, 10, 3, 2, 3, 2, 1, 1, 1, 0, 0, 1, 1}),
                Arguments.of(new int[] {2, 2, 11, 10, 3, 2, 3, 2, 1, 1, 1, 0, 0, 1, 0}),
                Arguments.of(new int[] {2, 2, 12, 10, 3, 2, 3, 2, 1, 1, 1, 0, 2, 0, 0}),
                Arguments.of(new int[] {1, 3, 12, 12, 2, 2, 3, 3, 2, 2, 0, 0, 0, 0, 0}),
                Arguments.of(new int[] {2, 3, 14, 13, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 0}),
                Arguments.of(new int[] {2, 3, 15, 15, 3, 3, 2, 2, 1, 1, 0, 0, 0, 0, 1}),
                Arguments.of(new int[] {2, 4, 16, 16, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1, 0}),
                Arguments.of(new int[] {1, 3, 17, 20, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1, 0}),
                Arguments.of(new int[] {2, 2, 13, 12, 3, 3, 1, 2, 1, 1, 2, 0, 0, 1, 0}));
    }

    /**
     * A gradient large enough to be split over threads (ResNet's 3×3 stride-2 pool, 2×20×130×130 = 676,000 values,
     * two parts with two convolution threads) equals libnd4j's float {@code maxpool2d_bp} bit for bit, and one thread
     * ({@code -Dxai4j.conv.threads=1}) gives the same bits.
     */
    @Test
    void aGradientSplitOverThreadsHasLibnd4jsBits() {
        Random r = new Random(5);
        Window2d window = Window2d.of(3, 3).strides(2, 2).dilations(1, 1).pads(1, 1, 1, 1);
        PoolingKernel kernel = new OnnxRuntimeConvolutions().maxPool(window, false);
        INDArray x = ties(r, 2, 20, 130, 130);
        INDArray up = gaussian(r, kernel.forward(x).shape());
        INDArray libnd4j = Nd4j.exec(DynamicCustomOp.builder("maxpool2d_bp").addInputs(x, up)
                .addIntegerArguments(3, 3, 2, 2, 1, 1, 1, 1, 0, 0, 0).build())[0];
        for (String threads : new String[] {"2", "1"}) {
            // isEqualTo (Arrays.equals): containsExactly on 676,000 elements takes minutes
            OnnxRuntimeGradientsTest.withConvThreads(threads, () -> assertThat(bits(kernel.inputGradient(x, up)))
                    .as("%s threads", threads).isEqualTo(bits(libnd4j)));
        }
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void valuesAndInputGradientEqualLibnd4jInDoublePrecision(int[] g) {
        Random r = new Random(13L * g[2] + g[4] + 7L * g[6] + g[10] + g[14]);
        Window2d window = Window2d.of(g[4], g[5]).strides(g[6], g[7]).dilations(g[8], g[9])
                .pads(g[10], g[11], g[12], g[13]);
        boolean ceil = g[14] == 1;
        MaxPoolNode reference = new MaxPoolNode("p", "x", "y", window, ceil);
        PoolingKernel kernel = new OnnxRuntimeConvolutions().maxPool(window, ceil);
        if (ceil) {
            // ONNX Runtime keeps a last window that starts in the trailing padding: ceil mode stays on libnd4j
            assertThat(kernel).isNull();
            assertThat(reference.engine()).isEqualTo("libnd4j");
            return;
        }
        assertThat(kernel).isNotNull();
        assertThat(reference.engine()).isEqualTo("onnxruntime");
        INDArray x = ties(r, g[0], g[1], g[2], g[3]);
        INDArray xd = x.castTo(DataType.DOUBLE);
        INDArray xCopy = x.dup();

        INDArray y = kernel.forward(x);
        INDArray yd = reference.forward(xd);
        assertThat(y.shape()).containsExactly(yd.shape());
        assertThat(y).as("forward").isEqualTo(yd.castTo(DataType.FLOAT));
        assertThat(reference.forward(x)).as("the node on floats").isEqualTo(y);

        INDArray up = gaussian(r, y.shape());
        INDArray upCopy = up.dup();
        INDArray gx = kernel.inputGradient(x, up);
        INDArray gd = reference.backward(BackwardContext.of(reference, new INDArray[] {xd}, yd,
                up.castTo(DataType.DOUBLE)), up.castTo(DataType.DOUBLE))[0];
        INDArray gNode = reference.backward(BackwardContext.of(reference, new INDArray[] {x}, y, up), up)[0];
        assertThat(gNode).as("the node's input gradient on floats").isEqualTo(gd.castTo(DataType.FLOAT));
        boolean overlapping = window.strideH() < window.spanH() || window.strideW() < window.spanW();
        if (overlapping) {
            // a position several windows pick gets the float sum of their values, added in libnd4j's order
            assertThat(gx.castTo(DataType.DOUBLE).sub(gd).amaxNumber().doubleValue()).as("against double precision")
                    .isLessThan(1e-6);
            if (window.symmetric()) {
                INDArray libnd4j = Nd4j.exec(DynamicCustomOp.builder("maxpool2d_bp").addInputs(x, up)
                        .addIntegerArguments(g[4], g[5], g[6], g[7], g[10], g[11], g[8], g[9], 0, 0, 0).build())[0];
                assertThat(bits(gx)).as("libnd4j's float maxpool2d_bp, bit for bit").containsExactly(bits(libnd4j));
            }
        } else {
            assertThat(bits(gx)).as("input gradient, bit for bit").containsExactly(bits(gd.castTo(DataType.FLOAT)));
            assertThat(bits(gNode)).as("the node's input gradient on floats, bit for bit").containsExactly(bits(gx));
            INDArray negativeZeros = Nd4j.zeros(DataType.FLOAT, y.shape()).negi();
            int kept = 0;
            for (int b : bits(kernel.inputGradient(x, negativeZeros))) {
                kept += b == Float.floatToRawIntBits(-0f) ? 1 : 0;
            }
            assertThat(kept).as("an upstream −0 is moved as it is, to one position per window")
                    .isEqualTo(y.length());
        }
        assertThat(x).isEqualTo(xCopy);
        assertThat(up).isEqualTo(upCopy);
    }

    @Test
    void aNanWinsAnOverlappingWindowOnlyWhereItComesFirst() {
        // 3×3 windows, stride 2, pads 1 over a 3×3 plane: four windows, each holding the centre
        Window2d window = Window2d.of(3, 3).strides(2, 2).pads(1, 1, 1, 1);
        INDArray x = Nd4j.create(new float[] {1, 2, 0, 0, Float.NaN, 5, 4, 0, 3}, new long[] {1, 1, 3, 3}, 'c');
        INDArray up = Nd4j.create(new float[] {1, 10, 100, 1000}, new long[] {1, 1, 2, 2}, 'c');
        INDArray gx = new OnnxRuntimeConvolutions().maxPool(window, false).inputGradient(x, up);
        // top left window (1, 2, 0, NaN): 2; top right (2, 0, NaN, 5): 5; bottom left (0, NaN, 4, 0): 4; bottom
        // right (NaN, 5, 0, 3): its first value, the NaN
        assertThat(gx.data().asFloat()).containsExactly(0, 1, 0, 0, 1000, 10, 100, 0, 0);
    }

    @Test
    void floatMaxPoolNodesRunOnOnnxRuntimeWhenThisModuleIsOnTheClassPath() {
        assertThat(new MaxPoolNode("p", "x", "y", Window2d.of(2, 2).strides(2, 2), false).engine())
                .isEqualTo("onnxruntime");
    }

    private static int[] bits(INDArray a) {
        float[] v = a.data().asFloat();
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }

    /** Rounded ReLU of N(0, 1.5²): values in {0, 1, 2, ...}, about half of them zeros. */
    private static INDArray ties(Random r, long... shape) {
        INDArray a = gaussian(r, shape);
        float[] v = a.data().asFloat();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0, Math.round(1.5f * v[i]));
        }
        return Nd4j.create(v, shape, 'c');
    }
}
