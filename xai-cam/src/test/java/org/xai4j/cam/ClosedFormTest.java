package org.xai4j.cam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.HostArrays;
import org.xai4j.core.util.Rng;
import org.xai4j.testkit.models.TinyConvNet;

/**
 * Closed forms on conv → ReLU → GAP → linear (the original CAM architecture): the gradient of class k at
 * the ReLU output is W[k][f]/(H·W) everywhere, so Grad-CAM there is the class activation map
 * Σ_f W[k][f]·A_f divided by H·W (Zhou et al. 2016; Selvaraju et al. 2017, §3.1).
 */
class ClosedFormTest {
    static final int H = 6;
    static final int W = 7;
    final TinyConvNet model = TinyConvNet.random(31, 2, 5, 4, 3, H, W);
    final INDArray input = Rng.seeded(32).uniform(DataType.DOUBLE, -1, 1, 3, 2, H, W);
    final int[] classes = {3, 0, 2};

    static final CamConfig RAW = CamConfig.of("relu").withRelu(false).withNormalize(false)
            .withResolution(Resolution.LAYER);

    /** CAM_k = Σ_f W[k][f]·relu_f, computed here from the model's activations and head weights. */
    double[] classActivationMap() {
        double[] a = HostArrays.doubles(model.activations(input, List.of("relu")).get("relu"));
        int f = model.filters();
        double[] cam = new double[3 * H * W];
        for (int i = 0; i < 3; i++) {
            for (int c = 0; c < f; c++) {
                for (int q = 0; q < H * W; q++) {
                    cam[i * H * W + q] += model.headWeight(classes[i], c) * a[(i * f + c) * H * W + q];
                }
            }
        }
        return cam;
    }

    @Test
    void gradCamAtTheLastConvIsTheClassActivationMapOverHW() {
        double[] cam = classActivationMap();
        double[] grad = HostArrays.doubles(new GradCam(model, RAW).explain(input, Target.perRow(classes)).map());
        assertThat(grad).hasSize(cam.length);
        double maxErr = 0;
        double scale = 0;
        for (int i = 0; i < cam.length; i++) {
            maxErr = Math.max(maxErr, Math.abs(grad[i] - cam[i] / (H * W)));
            scale = Math.max(scale, Math.abs(cam[i]));
        }
        assertThat(scale).isGreaterThan(0.1);
        assertThat(maxErr).isLessThan(1e-12);
    }

    @Test
    void normalisedGradCamIsTheNormalisedClassActivationMap() {
        // Written out here (not MapOps, which is under test): per row, max(CAM/(H·W), 0) minus its minimum, over
        // 1e-7 + the new maximum (pytorch-grad-cam's scale_cam_image), twice (per layer, then the layers' mean).
        // A row whose CAM is ≤ 0 everywhere is all 0.
        double[] cam = classActivationMap();
        double[] expected = new double[cam.length];
        int varying = 0;
        for (int i = 0; i < 3; i++) {
            double lo = Double.POSITIVE_INFINITY;
            for (int q = 0; q < H * W; q++) {
                lo = Math.min(lo, Math.max(0, cam[i * H * W + q] / (H * W)));
            }
            double hi = 0;
            for (int q = 0; q < H * W; q++) {
                hi = Math.max(hi, Math.max(0, cam[i * H * W + q] / (H * W)) - lo);
            }
            varying += hi > 1e-3 ? 1 : 0;
            double top = 0;
            for (int q = 0; q < H * W; q++) {
                expected[i * H * W + q] = (Math.max(0, cam[i * H * W + q] / (H * W)) - lo) / (1e-7 + hi);
                top = Math.max(top, expected[i * H * W + q]);
            }
            // the mean over the (one) layer is normalised once more, as pytorch-grad-cam's aggregate_multi_layers
            // does: its minimum is already 0, so only the division by 1e-7 + its maximum remains
            for (int q = 0; q < H * W; q++) {
                expected[i * H * W + q] /= 1e-7 + top;
            }
        }
        assertThat(varying).as("rows whose map is not flat").isGreaterThanOrEqualTo(2);
        double[] grad = HostArrays.doubles(new GradCam(model, CamConfig.of("relu")).explain(input, Target.perRow(classes)).map());
        assertThat(grad).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(grad[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void withSpatiallyConstantGradientsHiResCamAndXGradCamReduceToGradCam() {
        Target t = Target.perRow(classes);
        double[] grad = HostArrays.doubles(new GradCam(model, RAW).explain(input, t).map());
        double[] hires = HostArrays.doubles(new HiResCam(model, RAW).explain(input, t).map());
        double[] xgrad = HostArrays.doubles(new XGradCam(model, RAW).explain(input, t).map());
        for (int i = 0; i < grad.length; i++) {
            assertThat(hires[i]).isCloseTo(grad[i], org.assertj.core.data.Offset.offset(1e-12));
            // XGrad-CAM's weight Σ A·g / (Σ A + 1e-7) differs from g only through the stabiliser
            assertThat(xgrad[i]).isCloseTo(grad[i], org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void layerCamKeepsOnlyPositiveHeadWeights() {
        double[] a = HostArrays.doubles(model.activations(input, List.of("relu")).get("relu"));
        int f = model.filters();
        double[] layer = HostArrays.doubles(new LayerCam(model, RAW).explain(input, Target.perRow(classes)).map());
        for (int i = 0; i < 3; i++) {
            for (int q = 0; q < H * W; q++) {
                double s = 0;
                for (int c = 0; c < f; c++) {
                    s += Math.max(0, model.headWeight(classes[i], c)) * a[(i * f + c) * H * W + q] / (H * W);
                }
                assertThat(layer[i * H * W + q]).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }

    @Test
    void gradCamBeforeTheReluDiffersFromHiResCam() {
        // at the pre-activation the gradient is masked by the ReLU, so it varies over space and the
        // methods part ways: this guards the agreement tests against comparing identical maps
        CamConfig conv = RAW.withLayers("conv");
        Target t = Target.perRow(classes);
        INDArray grad = new GradCam(model, conv).explain(input, t).map();
        INDArray hires = new HiResCam(model, conv).explain(input, t).map();
        assertThat(grad.sub(hires).amaxNumber().doubleValue()).isGreaterThan(1e-3);
    }
}
