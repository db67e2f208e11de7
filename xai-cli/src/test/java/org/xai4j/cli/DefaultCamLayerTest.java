package org.xai4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.cam.CamConfig;
import org.xai4j.cam.CamLayers;
import org.xai4j.cam.CamMap;
import org.xai4j.cam.GradCam;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;
import org.xai4j.models.onnx.OnnxImportOptions;
import org.xai4j.models.onnx.OnnxImporter;

/**
 * The demo CNN (conv → ReLU → max-pool → conv → ReLU → max-pool → flatten → dense → ReLU → dense, as
 * {@code onnx.load} lists its nodes) without a CAM layer: the API and the command line both take
 * {@code /Relu_1}, the second convolution's activation. It is not the last ReLU ({@code /Relu_2}, after the
 * first dense layer) and not the last N×C×H×W node ({@code /MaxPool_1}, a pooling node).
 */
class DefaultCamLayerTest {
    final Graph demo = OnnxImporter.read(Demo.resource("fashion-cnn.onnx"), "fashion-cnn", OnnxImportOptions.DEFAULT);

    @Test
    void apiAndCliChooseTheSecondConvolutionsRelu() {
        assertThat(demo.layerNames()).contains("/Relu_1", "/Relu_2", "/MaxPool_1");
        assertThat(CamLayers.lastSpatial(demo)).isEqualTo("/Relu_1");
        assertThat(MethodCatalog.defaultCamLayer(demo)).isEqualTo("/Relu_1");
        CamMap map = new GradCam(demo, CamConfig.of()).explain(Nd4j.rand(DataType.FLOAT, 1, 1, 28, 28).muli(0.5),
                Target.classIndex(3));
        assertThat(map.layers()).containsExactly("/Relu_1");
        assertThat(map.provenance().config().get("layers")).contains("/Relu_1");
        assertThat(map.map().shape()).containsExactly(1, 28, 28);
    }
}
