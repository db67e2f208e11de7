package org.xai4j.cam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Score-CAM's masked inputs against the formula written out with the plain resize and {@code Math.min}/{@code max}
 * folds: x[i, ch] · (up − min)/(max − min), computed in double and rounded once to the input's type, for both ways
 * of keeping the resized planes.
 */
class ScoreCamMasksTest {
    /** {@code Math.min} and {@code Math.max} folded over {@code v[from .. from + length)} from ±∞: {min, max}. */
    private static double[] folded(double[] v, int from, int length) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int q = from; q < from + length; q++) {
            min = Math.min(min, v[q]);
            max = Math.max(max, v[q]);
        }
        return new double[] {min, max};
    }

    /** Two rows, three channels of 2×2 activations; row 0's channel 1 is constant. */
    private static LayerActivations layer() {
        double[] a = {
            0.0, 1.5, 0.25, 2.0, /**/ 0.5, 0.5, 0.5, 0.5, /**/ -1.0, 0.0, 3.0, 0.75,
            2.5, 0.0, 0.0, 0.0, /**/ 0.1, 0.2, 0.3, 0.4, /**/ 0.0, -0.0, 0.0, 1.0e-3};
        return new LayerActivations("l", 2, 3, 2, 2, a, null);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE", "HALF"})
    void masksEveryInputChannelByTheScaledResizedActivation(DataType type) {
        LayerActivations la = layer();
        INDArray x = Nd4j.linspace(DataType.DOUBLE, -2.3, 0.37, 2 * 2 * 5 * 4).reshape(2, 2, 5, 4).castTo(type);
        INDArray before = x.dup();
        for (Upsampling mode : Upsampling.values()) {
            double[] up = Bilinear.resize(la.activation(), 6, 2, 2, 5, 4, mode);
            for (int kept : new int[] {ScoreCamMasks.KEPT, 0}) {
                ScoreCamMasks m = new ScoreCamMasks(la, x, mode, kept);
                assertThat(m.of(la)).isTrue();
                assertThat(m.masked()).as("row 0's constant channel has no mask").containsExactly(0, 2, 3, 4, 5);
                INDArray b = m.inputs(x, ScoreCamMasks.values(x), 1, 4); // channels (0,2), (1,0), (1,1)
                assertThat(b.dataType()).isEqualTo(type);
                assertThat(b.shape()).containsExactly(3, 2, 5, 4);
                int[] rcs = {2, 3, 4};
                for (int j = 0; j < 3; j++) {
                    int rc = rcs[j];
                    double min = folded(up, rc * 20, 20)[0];
                    double max = folded(up, rc * 20, 20)[1];
                    for (int ch = 0; ch < 2; ch++) {
                        for (int q = 0; q < 20; q++) {
                            double want = x.getDouble(rc / 3, ch, q / 4, q % 4) * ((up[rc * 20 + q] - min) / (max - min));
                            double rounded = Nd4j.scalar(DataType.DOUBLE, want).castTo(type).getDouble(0);
                            assertThat(b.getDouble(j, ch, q / 4, q % 4)).as("%s kept %d: row %d [%d,%d]", mode, kept, j,
                                    ch, q).isEqualTo(rounded);
                        }
                    }
                }
            }
        }
        assertThat(x).isEqualTo(before);
    }

    /**
     * A wide layer (two rows of 64 channels of 7×7 resized to 28×28; many all zero, one of −0 and +0, one constant and
     * not zero, one with a NaN, one with no value above zero) under a three-channel input: every masked input as the
     * formula gives it, whether the channels are resized side by side and kept, in groups, or one at a time.
     */
    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void aWideLayerGivesTheFormulasValuesEitherWay(DataType type) {
        java.util.Random r = new java.util.Random(7);
        int c = 64;
        double[] a = new double[2 * c * 49];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextInt(3) == 0 ? 0 : Math.max(0, r.nextGaussian() * 3);
        }
        for (int ch : new int[] {1, 5, 9, 64 + 3}) {
            java.util.Arrays.fill(a, ch * 49, (ch + 1) * 49, 0.0);
        }
        for (int q = 0; q < 49; q += 2) {
            a[5 * 49 + q] = -0.0;
        }
        java.util.Arrays.fill(a, 7 * 49, 8 * 49, 0.625);
        a[11 * 49 + 20] = Double.NaN;
        for (int q = 0; q < 49; q++) {
            a[13 * 49 + q] = -a[13 * 49 + q]; // no value above zero, yet not all zero
        }
        LayerActivations la = new LayerActivations("l", 2, c, 7, 7, a, null);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 28, 28).subi(0.4).castTo(type);
        double[] up = Bilinear.resize(a, 2 * c, 7, 7, 28, 28, Upsampling.ALIGN_CORNERS);
        java.util.List<Integer> want = new java.util.ArrayList<>();
        double[] min = new double[2 * c];
        double[] max = new double[2 * c];
        for (int rc = 0; rc < 2 * c; rc++) {
            min[rc] = folded(up, rc * 784, 784)[0];
            max[rc] = folded(up, rc * 784, 784)[1];
            if (max[rc] > min[rc]) {
                want.add(rc);
            }
        }
        for (int keep : new int[] {ScoreCamMasks.KEPT, 7 * 28 * 5, 0}) {
            ScoreCamMasks m = new ScoreCamMasks(la, x, Upsampling.ALIGN_CORNERS, keep);
            assertThat(m.masked()).as("keep %d", keep)
                    .containsExactly(want.stream().mapToInt(Integer::intValue).toArray());
            assertThat(want).doesNotContain(1, 5, 7, 9, 11, 64 + 3).contains(13);
            int from = 3;
            int to = want.size() - 2;
            INDArray b = m.inputs(x, ScoreCamMasks.values(x), from, to);
            for (int j = 0; j < to - from; j++) {
                int rc = want.get(from + j);
                for (int ch = 0; ch < 3; ch++) {
                    for (int q = 0; q < 784; q++) {
                        double scaled = (up[rc * 784 + q] - min[rc]) / (max[rc] - min[rc]);
                        double v = x.getDouble(rc / c, ch, q / 28, q % 28) * scaled;
                        double rounded = type == DataType.FLOAT ? (float) v : v;
                        assertThat(b.getDouble(j, ch, q / 28, q % 28))
                                .as("keep %d: channel %d [%d,%d]", keep, rc, ch, q).isEqualTo(rounded);
                    }
                }
            }
        }
    }

    /** A layer of the input's size is not resized: its masks are its own values scaled, in both ways of keeping. */
    @org.junit.jupiter.api.Test
    void aLayerOfTheInputsSizeIsScaledAsItIs() {
        double[] a = new double[2 * 3 * 20];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextGaussian();
        }
        a[7] = Double.POSITIVE_INFINITY; // 1·∞ + 0·∞ would be NaN: the values are copied, not interpolated
        LayerActivations la = new LayerActivations("l", 2, 3, 5, 4, a, null);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 1, 5, 4);
        for (int keep : new int[] {ScoreCamMasks.KEPT, 0}) {
            ScoreCamMasks m = new ScoreCamMasks(la, x, Upsampling.ALIGN_CORNERS, keep);
            assertThat(m.masked()).containsExactly(0, 1, 2, 3, 4, 5);
            INDArray b = m.inputs(x, ScoreCamMasks.values(x), 0, 6);
            for (int rc = 0; rc < 6; rc++) {
                double min = folded(a, rc * 20, 20)[0];
                double max = folded(a, rc * 20, 20)[1];
                for (int q = 0; q < 20; q++) {
                    double want = x.getDouble(rc / 3, 0, q / 4, q % 4) * ((a[rc * 20 + q] - min) / (max - min));
                    assertThat(Double.doubleToRawLongBits(b.getDouble(rc, 0, q / 4, q % 4))) // bits: ∞/∞ is a NaN
                            .as("keep %d: channel %d [%d]", keep, rc, q).isEqualTo(Double.doubleToRawLongBits(want));
                }
            }
        }
    }

    /**
     * The work arrays are the thread's spare, lent to one pass at a time: masks made while another pass's are
     * still out get their own buffer, and a released buffer serves the next pass.
     */
    @org.junit.jupiter.api.Test
    void passesOnOneThreadDoNotShareTheirWorkArrays() {
        LayerActivations a = layer();
        double[] flipped = a.activation().clone();
        for (int i = 0; i < flipped.length; i++) {
            flipped[i] = 3 - flipped[i];
        }
        LayerActivations b = new LayerActivations("l", 2, 3, 2, 2, flipped, null);
        INDArray x = Nd4j.linspace(DataType.DOUBLE, -2.3, 0.37, 2 * 2 * 5 * 4).reshape(2, 2, 5, 4);
        Object xs = ScoreCamMasks.values(x);
        new ScoreCamMasks(a, x, Upsampling.ALIGN_CORNERS).release(); // work arrays in the spare
        ScoreCamMasks first = new ScoreCamMasks(a, x, Upsampling.ALIGN_CORNERS); // takes it
        ScoreCamMasks second = new ScoreCamMasks(b, x, Upsampling.ALIGN_CORNERS); // must not
        INDArray wantFirst = new ScoreCamMasks(a, x, Upsampling.ALIGN_CORNERS, 0).inputs(x, xs, 0, 5);
        INDArray wantSecond = new ScoreCamMasks(b, x, Upsampling.ALIGN_CORNERS, 0).inputs(x, xs, 0, 5);
        assertThat(first.inputs(x, xs, 0, 5)).isEqualTo(wantFirst);
        assertThat(second.inputs(x, xs, 0, 5)).isEqualTo(wantSecond);
        first.release();
        second.release();
        assertThat(new ScoreCamMasks(b, x, Upsampling.ALIGN_CORNERS).inputs(x, xs, 0, 5)).isEqualTo(wantSecond);
    }
}
