package org.xai4j.models.ort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.node.ConvNode;
import org.xai4j.core.graph.node.ConvolutionKernel;
import org.xai4j.core.graph.node.Window2d;

/**
 * Convolutions on ONNX Runtime against libnd4j's double-precision {@code conv2d} and its transposed-convolution
 * backward (an independent implementation, itself tested against PyTorch in {@code xai-core}): forward and input
 * gradient over kernels, strides, dilations, asymmetric pads (including pads beyond the kernel, where the
 * gradient needs {@code ConvTranspose}) and windows that leave rows unread.
 */
class OnnxRuntimeConvolutionTest {
    private static final double TOL = 2e-5;

    /** n, c, o, h, w, kh, kw, sh, sw, dh, dw, top, left, bottom, right. */
    static Stream<Arguments> geometries() {
        return Stream.of(
                Arguments.of(new int[] {1, 3, 4, 7, 7, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1}),
                Arguments.of(new int[] {2, 3, 4, 8, 6, 3, 3, 1, 1, 1, 1, 0, 0, 0, 0}),
                Arguments.of(new int[] {3, 2, 5, 9, 9, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1}),
                Arguments.of(new int[] {2, 3, 2, 10, 11, 7, 7, 2, 2, 1, 1, 3, 3, 3, 3}),
                Arguments.of(new int[] {2, 4, 3, 8, 8, 1, 1, 2, 2, 1, 1, 0, 0, 0, 0}),
                Arguments.of(new int[] {1, 2, 3, 9, 8, 3, 2, 2, 3, 1, 1, 0, 0, 0, 0}),
                Arguments.of(new int[] {2, 3, 3, 9, 9, 3, 3, 1, 1, 2, 2, 2, 2, 2, 2}),
                Arguments.of(new int[] {2, 3, 3, 10, 9, 3, 3, 2, 2, 2, 3, 1, 0, 2, 1}),
                Arguments.of(new int[] {1, 3, 4, 6, 7, 2, 2, 1, 1, 1, 1, 0, 1, 1, 0}),
                Arguments.of(new int[] {2, 2, 2, 5, 5, 3, 3, 1, 1, 1, 1, 3, 0, 1, 4}),
                Arguments.of(new int[] {2, 2, 2, 5, 5, 3, 3, 3, 3, 1, 1, 4, 4, 4, 4}),
                Arguments.of(new int[] {3, 5, 6, 12, 12, 5, 5, 3, 2, 1, 1, 2, 1, 0, 2}),
                // channel counts that are multiples of 16, where ONNX Runtime may pick its blocked (NCHWc) kernels
                Arguments.of(new int[] {1, 16, 32, 8, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1}),
                Arguments.of(new int[] {2, 32, 16, 9, 9, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1}));
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void forwardAndInputGradientMatchLibnd4jInDoublePrecision(int[] g) {
        Random r = new Random(17L * g[3] + g[5] + 31L * g[7] + g[9] + g[11]);
        INDArray w = gaussian(r, g[2], g[1], g[5], g[6]);
        INDArray b = gaussian(r, g[2]);
        INDArray x = gaussian(r, g[0], g[1], g[3], g[4]);
        ConvNode reference = ConvNode.builder("c").input("x").output("y").weight(w.castTo(DataType.DOUBLE))
                .bias(b.castTo(DataType.DOUBLE)).strides(g[7], g[8]).dilations(g[9], g[10])
                .pads(g[11], g[12], g[13], g[14]).build();
        assertThat(reference.engine()).isEqualTo("libnd4j");
        Window2d window = reference.window();
        ConvolutionKernel kernel = new OnnxRuntimeConvolutions().create(w, b, window);
        assertThat(kernel).isNotNull();

        INDArray xCopy = x.dup();
        INDArray y = kernel.forward(x);
        INDArray yd = reference.forward(x.castTo(DataType.DOUBLE));
        assertThat(y.shape()).containsExactly(yd.shape());
        assertThat(relative(y, yd)).as("forward").isLessThan(TOL);

        INDArray up = gaussian(r, y.shape());
        INDArray upCopy = up.dup();
        INDArray gx = kernel.inputGradient(up, x.shape());
        INDArray gd = reference.backward(BackwardContext.of(reference, new INDArray[] {x.castTo(DataType.DOUBLE)},
                yd, up.castTo(DataType.DOUBLE)), up.castTo(DataType.DOUBLE))[0];
        assertThat(gx.shape()).containsExactly(x.shape());
        assertThat(relative(gx, gd)).as("input gradient").isLessThan(TOL);
        assertThat(x).isEqualTo(xCopy);
        assertThat(up).isEqualTo(upCopy);
    }

    /**
     * The fused LRP step {@code x ⊙ Wᵀ(r ⊘ (Wx + b))} equals, bit for bit, the kernel's own forward, a float
     * division, its input gradient and a float product run one by one (what {@code ZPlus} did before), with and
     * without bias; and, in double precision, libnd4j's steps to {@link #TOL}. Inputs and weights are
     * non-negative with a positive bias (as where z⁺ uses it), so {@code z > 0}.
     */
    @ParameterizedTest
    @MethodSource("geometries")
    void redistributeEqualsItsStepsOneByOne(int[] g) {
        for (boolean withBias : new boolean[] {true, false}) {
            Random r = new Random(23L * g[3] + g[5] + 13L * g[7] + g[9] + g[12] + (withBias ? 1 : 0));
            INDArray w = Transforms.abs(gaussian(r, g[2], g[1], g[5], g[6]));
            INDArray b = withBias ? Transforms.abs(gaussian(r, g[2])).addi(0.1) : null;
            INDArray x = Transforms.abs(gaussian(r, g[0], g[1], g[3], g[4]));
            ConvNode reference = ConvNode.builder("c").input("x").output("y").weight(w.castTo(DataType.DOUBLE))
                    .bias(b == null ? null : b.castTo(DataType.DOUBLE)).strides(g[7], g[8]).dilations(g[9], g[10])
                    .pads(g[11], g[12], g[13], g[14]).build();
            ConvolutionKernel kernel = new OnnxRuntimeConvolutions().create(w, b, reference.window());
            INDArray z = kernel.forward(x);
            INDArray rel = gaussian(r, z.shape());
            INDArray xCopy = x.dup();
            INDArray relCopy = rel.dup();

            INDArray fused = kernel.redistribute(x, rel);
            INDArray steps = kernel.inputGradient(rel.div(z), x.shape()).muli(x);
            // without bias, a window that reads only padding gives z = 0 and infinities in both: compared as bits
            assertThat(bits(fused)).as("bias " + withBias).containsExactly(bits(steps));
            assertThat(x).isEqualTo(xCopy);
            assertThat(rel).isEqualTo(relCopy);

            if (b != null) {
                INDArray xd = x.castTo(DataType.DOUBLE);
                INDArray zd = reference.forward(xd);
                INDArray rd = rel.castTo(DataType.DOUBLE);
                INDArray sd = rd.div(zd);
                INDArray expected = reference.backward(BackwardContext.of(reference, new INDArray[] {xd}, zd, sd),
                        sd)[0].muli(xd);
                assertThat(relative(fused, expected)).as("against libnd4j in double").isLessThan(TOL);
            }
        }
    }

    @Test
    void aConvNodeRefusesARelevanceOfTheWrongShapeAndFusesOnlyEqualRowCounts() {
        ConvNode node = ConvNode.builder("c").input("x").output("y").weight(gaussian(new Random(2), 4, 3, 3, 3))
                .pads(1).build();
        INDArray x = gaussian(new Random(3), 2, 3, 5, 5);
        assertThat(node.redistribute(x, gaussian(new Random(4), 1, 4, 5, 5))).as("other rows").isNull();
        assertThat(node.redistribute(x.castTo(DataType.DOUBLE), gaussian(new Random(4), 2, 4, 5, 5)
                .castTo(DataType.DOUBLE))).as("double").isNull();
        assertThat(node.redistribute(x, gaussian(new Random(4), 2, 4, 5, 5))).isNotNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> node.redistribute(x, gaussian(new Random(5), 2, 4,
                        4, 5)))
                .isInstanceOf(org.xai4j.core.InvalidShapeException.class)
                .hasMessageContaining("[2, 4, 5, 5]").hasMessageContaining("[2, 4, 4, 5]");
    }

    private static int[] bits(INDArray a) {
        float[] v = a.dup('c').data().asFloat();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Float.floatToRawIntBits(v[i]);
        }
        return out;
    }

    @Test
    void floatConvNodesRunOnOnnxRuntimeWhenThisModuleIsOnTheClassPath() {
        ConvNode node = ConvNode.builder("c").input("x").output("y").weight(gaussian(new Random(1), 4, 3, 3, 3))
                .pads(1).build();
        assertThat(node.engine()).isEqualTo("onnxruntime");
        assertThat(node.withDataType(DataType.DOUBLE).engine()).isEqualTo("libnd4j");
        assertThat(ConvNode.builder("d").input("x").output("y").weight(gaussian(new Random(1), 4, 1, 3, 3)).groups(4)
                .build().engine()).isEqualTo("libnd4j");
    }

    @Test
    void runsFromSeveralThreadsAtOnce() throws Exception {
        Random r = new Random(3);
        ConvNode node = ConvNode.builder("c").input("x").output("y").weight(gaussian(r, 8, 4, 3, 3)).strides(2, 2)
                .pads(1).build();
        INDArray x = gaussian(r, 2, 4, 15, 15);
        INDArray expected = node.forward(x);
        Thread[] threads = new Thread[4];
        INDArray[] got = new INDArray[threads.length];
        for (int t = 0; t < threads.length; t++) {
            int k = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 20; i++) {
                    got[k] = node.forward(x);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (INDArray a : got) {
            assertThat(a).isEqualTo(expected);
        }
    }

    /** max |a − b| over max(1, max |b|). */
    static double relative(INDArray a, INDArray b) {
        INDArray ad = a.castTo(DataType.DOUBLE);
        return ad.sub(b).amaxNumber().doubleValue() / Math.max(1, b.amaxNumber().doubleValue());
    }

    static INDArray gaussian(Random r, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Nd4j.create(v, shape, 'c');
    }
}
