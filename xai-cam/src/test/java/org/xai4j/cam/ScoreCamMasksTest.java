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
                    double min = Double.POSITIVE_INFINITY;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int q = 0; q < 20; q++) {
                        min = Math.min(min, up[rc * 20 + q]);
                        max = Math.max(max, up[rc * 20 + q]);
                    }
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
     * The resized planes' buffer is the thread's spare, lent to one pass at a time: masks made while another pass's are
     * still out get their own buffer, and a released buffer serves the next pass.
     */
    @org.junit.jupiter.api.Test
    void passesOnOneThreadDoNotShareTheResizedPlanes() {
        LayerActivations a = layer();
        double[] flipped = a.activation().clone();
        for (int i = 0; i < flipped.length; i++) {
            flipped[i] = 3 - flipped[i];
        }
        LayerActivations b = new LayerActivations("l", 2, 3, 2, 2, flipped, null);
        INDArray x = Nd4j.linspace(DataType.DOUBLE, -2.3, 0.37, 2 * 2 * 5 * 4).reshape(2, 2, 5, 4);
        Object xs = ScoreCamMasks.values(x);
        new ScoreCamMasks(a, x, Upsampling.ALIGN_CORNERS).release(); // a buffer in the spare
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
