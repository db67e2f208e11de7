package org.xai4j.core.graph.node;

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
import org.xai4j.core.graph.BackwardContext;

/**
 * The per-tap matrix-product convolution against a literal six-loop convolution in double precision, forward
 * and input gradient, over kernels, strides, dilations, asymmetric pads and batch sizes — including windows that
 * leave rows unread (floor division) and pads larger than the kernel.
 */
class TapConvolutionTest {
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
                Arguments.of(new int[] {2, 2, 2, 5, 5, 3, 3, 3, 3, 1, 1, 4, 4, 4, 4}),
                Arguments.of(new int[] {3, 5, 6, 12, 12, 5, 5, 3, 2, 1, 1, 2, 1, 0, 2}));
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void forwardAndInputGradientMatchTheLiteralLoops(int[] g) {
        int n = g[0];
        int c = g[1];
        int o = g[2];
        Window2d win = new Window2d(g[5], g[6], g[7], g[8], g[9], g[10], g[11], g[12], g[13], g[14]);
        Random r = new Random(17L * g[3] + g[5] + 31L * g[7] + g[9] + g[11]);
        float[] x = gaussian(r, n * c * g[3] * g[4]);
        float[] w = gaussian(r, o * c * g[5] * g[6]);
        float[] b = gaussian(r, o);
        INDArray xa = Nd4j.create(x, new long[] {n, c, g[3], g[4]}, 'c');
        INDArray wa = Nd4j.create(w, new long[] {o, c, g[5], g[6]}, 'c');
        INDArray ba = Nd4j.create(b, new long[] {o}, 'c');
        TapConvolution taps = new TapConvolution(wa, ba, win);

        double[][] expected = literal(x, w, b, n, c, o, g[3], g[4], win);
        INDArray y = taps.forward(xa);
        int ho = (int) win.outH(g[3]);
        int wo = (int) win.outW(g[4]);
        assertThat(y.shape()).containsExactly(n, o, ho, wo);
        assertClose(y, expected[0], "forward");

        float[] up = gaussian(r, n * o * ho * wo);
        INDArray upa = Nd4j.create(up, new long[] {n, o, ho, wo}, 'c');
        double[] gx = literalGradient(up, w, n, c, o, g[3], g[4], win);
        INDArray gxa = taps.inputGradient(upa, xa.shape());
        assertThat(gxa.shape()).containsExactly(xa.shape());
        assertClose(gxa, gx, "input gradient");
        // The caller's arrays are not written.
        assertThat(xa.data().asFloat()).containsExactly(x);
        assertThat(upa.data().asFloat()).containsExactly(up);
    }

    @Test
    void convNodeUsesOpenBlasOnTheDefaultBackendAndAgreesWithLibnd4jsConvolution() {
        Random r = new Random(5);
        INDArray w = Nd4j.create(gaussian(r, 6 * 4 * 3 * 3), new long[] {6, 4, 3, 3}, 'c');
        INDArray b = Nd4j.create(gaussian(r, 6), new long[] {6}, 'c');
        INDArray x = Nd4j.create(gaussian(r, 2 * 4 * 9 * 10), new long[] {2, 4, 9, 10}, 'c');
        ConvNode f = ConvNode.builder("c").input("x").output("y").weight(w).bias(b).strides(2, 1).pads(1, 0, 2, 1)
                .build();
        ConvNode d = f.withDataType(DataType.DOUBLE); // the double path is libnd4j's conv2d
        INDArray yf = f.forward(x);
        INDArray yd = d.forward(x.castTo(DataType.DOUBLE));
        assertThat(ConvolutionKernels.names()).first().isEqualTo("openblas");
        assertThat(maxDiff(yf.castTo(DataType.DOUBLE), yd)).isLessThan(TOL);
        INDArray up = Nd4j.create(gaussian(r, (int) yf.length()), yf.shape(), 'c');
        BackwardContext cf = BackwardContext.of(f, new INDArray[] {x}, yf, up);
        BackwardContext cd = BackwardContext.of(d, new INDArray[] {x.castTo(DataType.DOUBLE)}, yd,
                up.castTo(DataType.DOUBLE));
        INDArray gf = f.backward(cf, up)[0];
        INDArray gd = d.backward(cd, up.castTo(DataType.DOUBLE))[0];
        assertThat(maxDiff(gf.castTo(DataType.DOUBLE), gd)).isLessThan(TOL);
    }

    private static double maxDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    private static void assertClose(INDArray actual, double[] expected, String what) {
        double[] a = actual.castTo(DataType.DOUBLE).data().asDouble();
        assertThat(a).hasSameSizeAs(expected);
        double scale = 1;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < a.length; i++) {
            assertThat(Math.abs(a[i] - expected[i])).as("%s element %d", what, i).isLessThan(TOL * scale);
        }
    }

    private static float[] gaussian(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** y[n,o,i,j] = b[o] + Σ w[o,c,ky,kx] · x[n, c, sH·i + dH·ky − top, sW·j + dW·kx − left] (zero outside). */
    private static double[][] literal(float[] x, float[] w, float[] b, int n, int c, int o, int h, int wd,
                                      Window2d win) {
        int ho = (int) win.outH(h);
        int wo = (int) win.outW(wd);
        int kh = win.kernelH();
        int kw = win.kernelW();
        double[] y = new double[n * o * ho * wo];
        for (int img = 0; img < n; img++) {
            for (int oc = 0; oc < o; oc++) {
                for (int i = 0; i < ho; i++) {
                    for (int j = 0; j < wo; j++) {
                        double s = b[oc];
                        for (int ch = 0; ch < c; ch++) {
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    int row = win.strideH() * i + win.dilationH() * ky - win.padTop();
                                    int col = win.strideW() * j + win.dilationW() * kx - win.padLeft();
                                    if (row >= 0 && row < h && col >= 0 && col < wd) {
                                        s += (double) w[((oc * c + ch) * kh + ky) * kw + kx]
                                                * x[((img * c + ch) * h + row) * wd + col];
                                    }
                                }
                            }
                        }
                        y[((img * o + oc) * ho + i) * wo + j] = s;
                    }
                }
            }
        }
        return new double[][] {y};
    }

    /** The adjoint of {@link #literal}'s linear part: every product sends its upstream value back to its input. */
    private static double[] literalGradient(float[] up, float[] w, int n, int c, int o, int h, int wd, Window2d win) {
        int ho = (int) win.outH(h);
        int wo = (int) win.outW(wd);
        int kh = win.kernelH();
        int kw = win.kernelW();
        double[] gx = new double[n * c * h * wd];
        for (int img = 0; img < n; img++) {
            for (int oc = 0; oc < o; oc++) {
                for (int i = 0; i < ho; i++) {
                    for (int j = 0; j < wo; j++) {
                        double u = up[((img * o + oc) * ho + i) * wo + j];
                        for (int ch = 0; ch < c; ch++) {
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    int row = win.strideH() * i + win.dilationH() * ky - win.padTop();
                                    int col = win.strideW() * j + win.dilationW() * kx - win.padLeft();
                                    if (row >= 0 && row < h && col >= 0 && col < wd) {
                                        gx[((img * c + ch) * h + row) * wd + col] +=
                                                u * w[((oc * c + ch) * kh + ky) * kw + kx];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return gx;
    }
}
