package org.xai4j.cam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;
import org.xai4j.testkit.models.TinyConvNet;

/**
 * A CAM without a layer name takes the model's last spatial layer and says which in its provenance. The
 * expected layers are read off the models' documented architectures, not computed by the code under test.
 */
class DefaultLayerTest {
    final TinyConvNet tiny = TinyConvNet.random(5, 2, 3, 4, 3, 6, 7);
    final INDArray img = Rng.seeded(6).uniform(DataType.FLOAT, -1, 1, 2, 2, 6, 7);

    @ParameterizedTest
    @EnumSource(CamMethod.class)
    void convNetUsesItsLastReluAndSaysSo(CamMethod m) {
        // conv → relu → gap → logits: gap and logits are N×C, so relu is the last N×C×H×W layer.
        CamMap byDefault = m.create(tiny, CamConfig.of()).explain(img, Target.classIndex(1));
        CamMap named = m.create(tiny, CamConfig.of("relu")).explain(img, Target.classIndex(1));
        assertThat(byDefault.layers()).containsExactly("relu");
        assertThat(byDefault.provenance().config().get("layers")).contains("relu").doesNotContain("conv");
        assertThat(byDefault.map().equalsWithEps(named.map(), 0)).isTrue();
    }

    @Test
    void segmenterUsesItsHeadNotItsLastRelu() {
        // enc … dec → dec_relu → head (conv 1×1, N×K×H×W): the last spatial layer is the head, after the last ReLU.
        TinySegmenter seg = Reference.segmenter();
        INDArray x = Reference.input("seg");
        assertThat(CamLayers.lastSpatial(seg, x)).isEqualTo("head");
        assertThatThrownBy(() -> new GradCam(seg, CamConfig.of())).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("free input sizes").hasMessageContaining("lastSpatial(model, input)");
        // the same segmenter declaring its input's shape: the default path chooses the head by itself
        long[] row = java.util.Arrays.copyOfRange(x.shape(), 1, x.rank());
        LayeredModel fixed = (LayeredModel) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {LayeredModel.class}, (proxy, method, args) -> method.getName().equals("rowShape")
                        ? Optional.of(row) : method.invoke(seg, args));
        GradCam cam = new GradCam(fixed, CamConfig.of());
        assertThat(cam.config().layers()).containsExactly("head");
        assertThat(cam.explain(x, Target.classIndex(1)).provenance().config().get("layers")).contains("head");
    }

    @Test
    void modelWithoutSpatialLayerOrShapeIsRefusedPlainly() {
        // one image row: every layer is N×C×1×W, none has a spatial grid
        TinyConvNet strip = TinyConvNet.random(5, 2, 3, 4, 1, 1, 7);
        assertThatThrownBy(() -> new GradCam(strip, CamConfig.of())).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("no N×C×H×W layer").hasMessageContaining("name a layer");
        LayeredModel free = (LayeredModel) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {LayeredModel.class}, (proxy, method, args) -> method.getName().equals("rowShape")
                        ? Optional.empty() : method.invoke(tiny, args));
        assertThatThrownBy(() -> new GradCam(free, CamConfig.of())).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("does not declare its input shape");
    }
}
