package org.xai4j.cam;

import org.xai4j.core.util.BatchPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.InvalidTargetException;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.HostArrays;
import org.xai4j.core.util.Rng;
import org.xai4j.testkit.models.TinyConvNet;

/** Bad input is rejected eagerly with a specific {@link org.xai4j.core.XaiException} naming the problem. */
class CamValidationTest {
    final TinyConvNet tiny = TinyConvNet.random(5, 2, 3, 4, 3, 6, 7);
    final INDArray img = Rng.seeded(6).uniform(DataType.FLOAT, -1, 1, 2, 2, 6, 7);
    final TinySegmenter seg = Reference.segmenter();
    final INDArray segInput = Reference.input("seg");

    @ParameterizedTest
    @EnumSource(CamMethod.class)
    void unknownLayerListsCloseMatches(CamMethod m) {
        assertThatThrownBy(() -> m.create(tiny, CamConfig.of("rellu")).explain(img, Target.classIndex(0)))
                .isInstanceOfSatisfying(UnknownLayerException.class, e -> {
                    assertThat(e.layer()).isEqualTo("rellu");
                    assertThat(e.suggestions()).contains("relu");
                })
                .hasMessageContaining("'rellu'").hasMessageContaining("did you mean");
        assertThatThrownBy(() -> m.create(seg, CamConfig.of("mid_relu", "dec_rlu")).explain(segInput,
                Target.classIndex(0))).isInstanceOfSatisfying(UnknownLayerException.class,
                e -> assertThat(e.suggestions()).contains("dec_relu"));
    }

    @ParameterizedTest
    @EnumSource(CamMethod.class)
    void layerThatIsNotNchwIsRejected(CamMethod m) {
        assertThatThrownBy(() -> m.create(tiny, CamConfig.of("gap")).explain(img, Target.classIndex(1)))
                .isInstanceOf(InvalidShapeException.class)
                .hasMessageContaining("'gap'").hasMessageContaining("[2, 3]").hasMessageContaining("N×C×H×W");
    }

    @ParameterizedTest
    @EnumSource(CamMethod.class)
    void classOutsideTheOutputIsRejected(CamMethod m) {
        assertThatThrownBy(() -> m.create(tiny, CamConfig.of("conv")).explain(img, Target.classIndex(4)))
                .isInstanceOf(InvalidTargetException.class).hasMessageContaining("4");
        assertThatThrownBy(() -> m.create(tiny, CamConfig.of("conv")).explain(img, Target.perRow(0, 7)))
                .isInstanceOf(InvalidTargetException.class).hasMessageContaining("7");
        assertThatThrownBy(() -> m.create(seg, CamConfig.of("mid_relu")).explain(segInput,
                Target.classOverMask(3, Nd4j.ones(8, 8)))).isInstanceOf(InvalidTargetException.class)
                .hasMessageContaining("class index 3");
    }

    @ParameterizedTest
    @EnumSource(CamMethod.class)
    void maskThatDoesNotFitTheOutputIsRejected(CamMethod m) {
        AbstractCam cam = m.create(seg, CamConfig.of("mid_relu"));
        assertThatThrownBy(() -> cam.explain(segInput, Target.classOverMask(1, Nd4j.ones(8, 7))))
                .isInstanceOf(InvalidTargetException.class).hasMessageContaining("[8, 7]")
                .hasMessageContaining("does not fit");
        assertThatThrownBy(() -> cam.explain(segInput, Target.classOverMask(1, Nd4j.ones(3, 8, 8))))
                .isInstanceOf(InvalidTargetException.class).hasMessageContaining("[3, 8, 8]");
        // a mask target on a classifier's N×K output
        assertThatThrownBy(() -> m.create(tiny, CamConfig.of("conv")).explain(img, Target.classOverMask(0, Nd4j.ones(6, 7))))
                .isInstanceOf(InvalidTargetException.class).hasMessageContaining("N×K×H×W");
    }

    @Test
    void nanInputIsRejectedAndLeftAlone() {
        INDArray bad = img.dup();
        bad.putScalar(new long[] {1, 0, 2, 3}, Float.NaN);
        INDArray before = bad.dup();
        for (CamMethod m : CamMethod.values()) {
            assertThatThrownBy(() -> m.create(tiny, CamConfig.of("conv")).explain(bad, Target.classIndex(0)))
                    .isInstanceOf(NonFiniteValueException.class).hasMessageContaining("NaN");
        }
        assertThat(bad.isNaN().castTo(DataType.INT32).sumNumber().intValue()).isEqualTo(1);
        assertThat(java.util.Arrays.equals(HostArrays.doubles(bad), HostArrays.doubles(before))).isTrue();
    }

    @Test
    void layersOfDifferentSizesCannotBeAggregatedAtLayerResolution() {
        CamConfig cfg = CamConfig.of("enc_relu", "mid_relu").withResolution(Resolution.LAYER);
        assertThatThrownBy(() -> new GradCam(seg, cfg).explain(segInput, Target.classOverMask(1, Nd4j.ones(8, 8))))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("8×8").hasMessageContaining("4×4")
                .hasMessageContaining("Resolution.INPUT");
    }

    @Test
    void resizingToTheInputNeedsAnImageBatch() {
        // a model that takes flat N×84 rows (reshaped inside to 2×6×7): its conv layer is N×C×H×W but the
        // input has no H×W to resize to
        CountingModel flatModel = new CountingModel(tiny, new long[] {2, 6, 7});
        INDArray flat = img.reshape(2, 84);
        assertThatThrownBy(() -> new GradCam(flatModel, CamConfig.of("conv")).explain(flat, Target.classIndex(0)))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("rank 4")
                .hasMessageContaining("resizing maps to the input");
        assertThatThrownBy(() -> new ScoreCam(flatModel, CamConfig.of("conv")
                .withResolution(Resolution.LAYER)).explain(flat, Target.classIndex(0)))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("scorecam's input masks");
        assertThat(flatModel.calls).isEmpty();
        // at layer resolution the flat model gives the image model's map
        CamConfig layerRes = CamConfig.of("conv").withResolution(Resolution.LAYER);
        INDArray viaFlat = new GradCam(flatModel, layerRes).explain(flat, Target.classIndex(0)).map();
        INDArray viaImage = new GradCam(tiny, layerRes).explain(img, Target.classIndex(0)).map();
        assertThat(viaFlat.equalsWithEps(viaImage, 0)).isTrue();
    }

    @Test
    void configurationIsValidated() {
        assertThatThrownBy(() -> CamConfig.of((String[]) null)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("layers must not be null");
        assertThatThrownBy(() -> CamConfig.of("a", "a")).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> CamConfig.of(" ")).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> CamConfig.of("a").withBatch(BatchPolicy.ofRows(0)))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("maxRows");
        assertThatThrownBy(() -> CamConfig.of("a").withResolution(null))
                .isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> new GradCam(null, CamConfig.of("a"))).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> new GradCam(tiny, CamConfig.of("conv")).explain(img, null))
                .isInstanceOf(InvalidTargetException.class);
        assertThatThrownBy(() -> CamMethod.of("gradcamm")).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("gradcam");
    }

    @Test
    void ablationWithATargetScoreOfZeroIsReported() {
        // a target function that is identically zero makes (y − y_ablated)/y undefined
        Target zero = Target.function("zero", out -> Nd4j.zeros(out.dataType(), out.size(0)),
                out -> Nd4j.zeros(out.dataType(), out.shape()));
        assertThatThrownBy(() -> new AblationCam(tiny, CamConfig.of("relu")).explain(img, zero))
                .isInstanceOf(NonFiniteValueException.class).hasMessageContaining("target score of row 0 is 0");
    }
}
