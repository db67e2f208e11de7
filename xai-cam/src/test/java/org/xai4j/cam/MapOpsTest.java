package org.xai4j.cam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.core.util.HostArrays;

/** Reading arrays into row-major doubles, whatever their layout, and the element-wise map steps. */
class MapOpsTest {
    static double[] expected(INDArray a) {
        long[] s = a.shape();
        double[] out = new double[(int) a.length()];
        int k = 0;
        for (long i = 0; i < s[0]; i++) {
            for (long j = 0; j < s[1]; j++) {
                for (long l = 0; l < s[2]; l++) {
                    out[k++] = a.getDouble(i, j, l);
                }
            }
        }
        return out;
    }

    @Test
    void doublesIsRowMajorForEveryLayout() {
        INDArray base = Nd4j.linspace(DataType.FLOAT, 1, 60, 1).reshape(3, 4, 5);
        INDArray[] layouts = {
            base,
            base.castTo(DataType.DOUBLE),
            base.dup('f'),
            base.permute(2, 0, 1),
            base.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all(), NDArrayIndex.all()),
            base.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3), NDArrayIndex.interval(0, 5, 2)),
        };
        for (INDArray a : layouts) {
            assertThat(HostArrays.doubles(a)).as("layout %s %s", a.ordering(), java.util.Arrays.toString(a.stride()))
                    .containsExactly(expected(a));
        }
    }

    @Test
    void doublesReturnsACopy() {
        INDArray a = Nd4j.create(new double[] {1, 2, 3}, new long[] {1, 1, 3}, DataType.DOUBLE);
        double[] d = HostArrays.doubles(a);
        d[0] = 99;
        assertThat(a.getDouble(0)).isEqualTo(1.0);
    }

    @Test
    void normalizeReluAndFlip() {
        double[] m = {-1, 0, 3, /* plane 2 */ 2, 2, 2};
        MapOps.normalize(m, 2, 3);
        // pytorch-grad-cam's scale_cam_image: (x − min) / (1e-7 + max(x − min)); plane 1: min −1, max − min = 4
        assertThat(m[0]).isZero();
        assertThat(m[2]).isCloseTo(4 / (4 + 1e-7), org.assertj.core.data.Offset.offset(1e-15));
        assertThat(m[1]).isCloseTo(1 / (4 + 1e-7), org.assertj.core.data.Offset.offset(1e-15));
        assertThat(new double[] {m[3], m[4], m[5]}).containsExactly(0, 0, 0); // a constant plane becomes 0
        assertThat(MapOps.relu(new double[] {-2, 0, 1.5})).containsExactly(0, 0, 1.5);
        assertThat(MapOps.flipWidth(new double[] {1, 2, 3, 4, 5, 6}, 3)).containsExactly(3, 2, 1, 6, 5, 4);
    }

    /** v·0 through a full-size 0/1 mask, the way Ablation-CAM edited the layer before {@link MapOps#zeroPlanes}. */
    private static INDArray maskedCopy(INDArray a, int[] planes, int plane) {
        double[] keep = new double[(int) a.length()];
        java.util.Arrays.fill(keep, 1.0);
        for (int idx : planes) {
            java.util.Arrays.fill(keep, idx * plane, idx * plane + plane, 0.0);
        }
        return a.dup('c').muli(Nd4j.create(keep, a.shape(), DataType.DOUBLE).castTo(a.dataType()));
    }

    @Test
    void zeroPlanesMultipliesTheListedPlanesByZeroLikeAMask() {
        java.util.Random rnd = new java.util.Random(5);
        double[] v = new double[2 * 3 * 4 * 5];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        v[20] = Double.NaN; // plane 1
        v[21] = Double.POSITIVE_INFINITY;
        v[22] = -3; // −0 after ×0
        v[101] = Double.NEGATIVE_INFINITY; // plane 5, left alone
        int[] planes = {1, 4};
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray base = Nd4j.create(v, new long[] {2, 3, 4, 5}, DataType.DOUBLE).castTo(type);
            INDArray[] layouts = {base.dup(), base.dup('f'),
                Nd4j.zeros(type, 3, 3, 4, 5)
                        .get(NDArrayIndex.interval(0, 2), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all())};
            for (INDArray a : layouts) {
                if (a == layouts[2]) {
                    a.assign(base); // a view of a larger array: the mask path
                }
                INDArray expected = maskedCopy(a, planes, 20);
                MapOps.zeroPlanes(a, planes, 20);
                double[] got = HostArrays.doubles(a);
                double[] want = HostArrays.doubles(expected);
                for (int i = 0; i < got.length; i++) {
                    assertThat(Double.doubleToRawLongBits(got[i])).as("%s %s element %d", type, a.ordering(), i)
                            .isEqualTo(Double.doubleToRawLongBits(want[i]));
                }
                assertThat(Double.doubleToRawLongBits(got[22])).isEqualTo(Double.doubleToRawLongBits(-0.0)); // −3·0 = −0
                assertThat(got[20]).isNaN();
                assertThat(got[21]).isNaN();
                assertThat(got[101]).isEqualTo(Double.NEGATIVE_INFINITY);
                assertThat(got[45]).isEqualTo(base.getDouble(45)); // plane 2, left alone
            }
        }
    }

    @Test
    void minAndMaxHaveTheBitsOfMathMinAndMaxFolds() {
        java.util.Random rnd = new java.util.Random(9);
        double[] specials = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1, -1};
        for (int trial = 0; trial < 2000; trial++) {
            int len = rnd.nextInt(14);
            double[] x = new double[len + 2];
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextInt(3) == 0 ? rnd.nextGaussian() : specials[rnd.nextInt(rnd.nextInt(4) == 0 ? 7 : 2)];
            }
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 1; i < 1 + len; i++) {
                min = Math.min(min, x[i]);
                max = Math.max(max, x[i]);
            }
            assertThat(Double.doubleToRawLongBits(MapOps.min(x, 1, len))).as("min of %s", java.util.Arrays.toString(x))
                    .isEqualTo(Double.doubleToRawLongBits(min));
            assertThat(Double.doubleToRawLongBits(MapOps.max(x, 1, len))).as("max of %s", java.util.Arrays.toString(x))
                    .isEqualTo(Double.doubleToRawLongBits(max));
        }
    }

    @Test
    void weightedChannelSumHasTheBitsOfScalingThenSumming() {
        java.util.Random rnd = new java.util.Random(13);
        int n = 2;
        int c = 5;
        double[] act = new double[n * c * 3 * 4];
        for (int i = 0; i < act.length; i++) {
            act[i] = rnd.nextInt(4) == 0 ? 0.0 : rnd.nextGaussian() * 1e3;
        }
        act[7] = -0.0;
        double[] w = new double[n * c];
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextGaussian();
        }
        w[3] = 0;
        LayerActivations la = new LayerActivations("l", n, c, 3, 4, act, null);
        // The definition, written here (not MapOps or LayerActivations, which are under test): out[i][q] =
        // Σ_ch w[i·C + ch]·act[i][ch][q], the products added in channel order to a sum that starts at +0.0.
        double[] expected = new double[n * 12];
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < 12; q++) {
                double s = 0.0;
                for (int ch = 0; ch < c; ch++) {
                    s += w[i * c + ch] * act[(i * c + ch) * 12 + q];
                }
                expected[i * 12 + q] = s;
            }
        }
        double[][] results = {la.weightedChannelSum(w), MapOps.channelSum(la.scaleChannels(w), n, c, 12)};
        for (double[] got : results) {
            assertThat(got).hasSize(expected.length);
            for (int i = 0; i < got.length; i++) {
                assertThat(Double.doubleToRawLongBits(got[i])).as("element %d", i)
                        .isEqualTo(Double.doubleToRawLongBits(expected[i]));
            }
        }
        // A hand-worked plane: row 0 of a 1×2×1×2 layer, A = (1, 2 | 5, 6), w = (3, −0.5): 3·(1, 2) − 0.5·(5, 6)
        LayerActivations tiny = new LayerActivations("t", 1, 2, 1, 2, new double[] {1, 2, 5, 6}, null);
        assertThat(tiny.weightedChannelSum(new double[] {3, -0.5})).containsExactly(0.5, 3.0);
    }
}
