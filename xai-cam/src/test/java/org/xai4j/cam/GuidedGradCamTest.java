package org.xai4j.cam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.gradient.GuidedBackprop;
import org.xai4j.core.Attribution;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.InvalidTargetException;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Json;
import org.xai4j.models.io.Npy;
import org.xai4j.models.onnx.OnnxImportOptions;
import org.xai4j.models.onnx.OnnxImporter;

/**
 * Guided Grad-CAM against Captum's own {@code GuidedGradCam} (v0.8.0, {@code guided/captum_guided_gradcam_*.npy},
 * written by {@code xai-attribution/src/test/python/captum_anchor.py}) on a CNN exported to ONNX, at its second
 * ReLU (8×6×6 for a 12×12 input): within 1e-4 relative in float32 and 1e-12 in double precision. Captum agrees
 * with the PyTorch implementation of {@code make_rules_reference.py} to 2.8e-16; the layer Grad-CAM alone (which
 * Captum's GuidedGradCam does not return) is still checked against that implementation.
 */
class GuidedGradCamTest {
    static byte[] resource(String name) {
        try (InputStream in = GuidedGradCamTest.class.getResourceAsStream("guided/" + name)) {
            if (in == null) {
                throw new IllegalStateException("guided/" + name + " is missing: run make_rules_reference.py");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static INDArray npy(String suffix) {
        return Npy.read(resource("cnn_maxpool_" + suffix + ".npy"), suffix);
    }

    static Graph graph(DataType type) {
        return OnnxImporter.read(resource("cnn_maxpool.onnx"), "cnn_maxpool", OnnxImportOptions.builder().dataType(type).build());
    }

    static String layer() {
        Map<String, Object> index = Json.readObject(new String(resource("index.json"), StandardCharsets.UTF_8));
        return (String) index.get("layer");
    }

    static Target target() {
        long[] t = npy("targets").toLongVector();
        return Target.perRow((int) t[0], (int) t[1], (int) t[2]);
    }

    static double relativeError(INDArray actual, INDArray expected) {
        assertThat(actual.shape()).containsExactly(expected.shape());
        INDArray e = expected.castTo(DataType.DOUBLE);
        return actual.castTo(DataType.DOUBLE).sub(e).amaxNumber().doubleValue() / e.amaxNumber().doubleValue();
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void agreesWithCaptum(DataType type) {
        Graph g = graph(type);
        INDArray x = npy("x").castTo(type);
        double tol = type == DataType.DOUBLE ? 1e-12 : 1e-4;
        INDArray cam = new GradCam(g, CamConfig.of(layer()).withNormalize(false).withResolution(Resolution.LAYER))
                .explain(x, target()).map();
        double camErr = relativeError(cam, npy("gradcam").reshape(3, 6, 6));
        assertThat(camErr).as("layer Grad-CAM").isLessThan(tol);
        for (GuidedGradCamConfig.Interpolation mode : GuidedGradCamConfig.Interpolation.values()) {
            Attribution a = new GuidedGradCam(g, GuidedGradCamConfig.of(layer()).withInterpolation(mode))
                    .explain(x, target());
            String file = "captum_guided_gradcam_" + mode.name().toLowerCase(java.util.Locale.ROOT) + ".npy";
            double err = relativeError(a.values(), Npy.read(resource(file), file));
            System.out.printf("guided Grad-CAM %s %s: relative error %.2e (layer Grad-CAM %.2e)%n", mode, type, err, camErr);
            assertThat(err).as("guided Grad-CAM, %s, %s", mode, type).isLessThan(tol);
            assertThat(a.convergenceDelta()).isEmpty();
        }
    }

    @Test
    void isGuidedBackpropTimesTheMapAndTheModesDiffer() {
        Graph g = graph(DataType.DOUBLE);
        INDArray x = npy("x").castTo(DataType.DOUBLE);
        INDArray guided = new GuidedBackprop(g).explain(x, target()).values();
        INDArray nearest = new GuidedGradCam(g, GuidedGradCamConfig.of(layer())).explain(x, target()).values();
        INDArray bilinear = new GuidedGradCam(g, GuidedGradCamConfig.of(layer())
                .withInterpolation(GuidedGradCamConfig.Interpolation.BILINEAR)).explain(x, target()).values();
        // Where guided backprop is zero, so is the product; the two resizings give different maps.
        INDArray zeroGuided = guided.eq(0).castTo(DataType.DOUBLE);
        assertThat(nearest.mul(zeroGuided).amaxNumber().doubleValue()).isEqualTo(0.0);
        assertThat(relativeError(bilinear, nearest)).isGreaterThan(1e-3);
        // Nearest upsampling by 2: each map value covers a 2×2 block, the same for every channel.
        INDArray ratio = nearest.div(guided.add(zeroGuided));
        assertThat(ratio.getDouble(0, 0, 0, 0)).isEqualTo(ratio.getDouble(0, 2, 1, 1), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void nearestResizingTakesTheFloorOfTheScaledIndex() {
        double[] src = {1, 2, 3};
        assertThat(GuidedGradCam.nearest(src, 1, 1, 3, 1, 7)).containsExactly(1, 1, 1, 2, 2, 3, 3);
        assertThat(GuidedGradCam.nearest(src, 1, 1, 3, 1, 6)).containsExactly(1, 1, 2, 2, 3, 3);
        assertThat(GuidedGradCam.nearest(src, 1, 3, 1, 2, 1)).containsExactly(1, 2);
    }

    @Test
    void badInput() {
        Graph g = graph(DataType.FLOAT);
        INDArray x = npy("x");
        double[] before = x.dup().data().asDouble();
        assertThatThrownBy(() -> new GuidedGradCam(g, GuidedGradCamConfig.of("/Relu_2")).explain(x, target()))
                .isInstanceOfSatisfying(UnknownLayerException.class, e -> assertThat(e.suggestions()).contains(layer()));
        assertThatThrownBy(() -> new GuidedGradCam(g, GuidedGradCamConfig.of("/fc/Gemm")).explain(x, target()))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("N×C×H×W");
        assertThatThrownBy(() -> new GuidedGradCam(g, GuidedGradCamConfig.of(layer())).explain(x.reshape(3, 3, 144),
                target())).isInstanceOf(InvalidShapeException.class).hasMessageContaining("rank");
        assertThatThrownBy(() -> new GuidedGradCam(g, GuidedGradCamConfig.of(layer())).explain(x, Target.classIndex(5)))
                .isInstanceOf(InvalidTargetException.class).hasMessageContaining("5");
        assertThatThrownBy(() -> GuidedGradCamConfig.of(" ")).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> GuidedGradCamConfig.of("a").withInterpolation(null))
                .isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> new GuidedGradCam(null, GuidedGradCamConfig.of("a"))).isInstanceOf(InvalidConfigException.class);
        assertThat(x.data().asDouble()).isEqualTo(before);
    }
}
