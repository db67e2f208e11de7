package org.xai4j.cam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.target.Target;

/** Maps come back in the input's floating type; float32 inputs agree with float64 ones to float precision. */
class DataTypeTest {
    @ParameterizedTest
    @EnumSource(CamMethod.class)
    void floatInputGivesAFloatMapCloseToTheDoubleOne(CamMethod m) {
        TinySegmenter seg = Reference.segmenter();
        INDArray x = Reference.input("seg");
        Target t = Target.classOverMask(1, Reference.MODELS.get("seg_mask").nd());
        AbstractCam cam = m.create(seg, CamConfig.of("enc_relu", "mid_relu"));
        INDArray d = cam.explain(x, t).map();
        INDArray f = cam.explain(x.castTo(DataType.FLOAT), t).map();
        assertThat(d.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(f.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(f.castTo(DataType.DOUBLE).sub(d).amaxNumber().doubleValue()).isLessThan(1e-4);
    }
}
