package org.xai4j.cam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.HostArrays;

/**
 * Grad-CAM for a segmenter (N×K×H×W output) with {@link Target#classOverMask}, taken at several depths of a
 * U-Net-like model. Agreement with PyTorch for these settings is in {@link ReferenceAgreementTest} (the
 * {@code seg/…} cases); here are the properties that follow from the target's definition.
 */
class SegmentationTargetTest {
    final TinySegmenter seg = Reference.segmenter();
    final INDArray x = Reference.input("seg");
    final INDArray mask = Reference.MODELS.get("seg_mask").nd();
    static final CamConfig RAW = CamConfig.of("mid_relu").withRelu(false).withNormalize(false)
            .withResolution(Resolution.LAYER);

    @Test
    void mapsAtSeveralDepthsKeepTheirLayersAndSizes() {
        CamMap m = new GradCam(seg, CamConfig.of("enc_relu", "mid_relu", "dec_relu"))
                .explain(x, Target.classOverMask(1, mask));
        assertThat(m.layers()).containsExactly("enc_relu", "mid_relu", "dec_relu");
        assertThat(m.map().shape()).containsExactly(2, 8, 8);
        assertThat(m.layerMaps().keySet()).containsExactly("enc_relu", "mid_relu", "dec_relu");
        // the aggregate is the per-image min–max normalised mean of the per-layer maps (pytorch-grad-cam's
        // scale_cam_image: minus the minimum, over 1e-7 + the new maximum), written out here
        double[] mean = new double[2 * 64];
        for (INDArray lm : m.layerMaps().values()) {
            double[] v = lm.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
            for (int i = 0; i < v.length; i++) {
                mean[i] += v[i] / 3;
            }
        }
        for (int r = 0; r < 2; r++) {
            double lo = Double.POSITIVE_INFINITY;
            for (int q = 0; q < 64; q++) {
                lo = Math.min(lo, mean[r * 64 + q]);
            }
            double hi = Double.NEGATIVE_INFINITY;
            for (int q = 0; q < 64; q++) {
                hi = Math.max(hi, mean[r * 64 + q] - lo);
            }
            assertThat(hi).isGreaterThan(0.1);
            for (int q = 0; q < 64; q++) {
                mean[r * 64 + q] = (mean[r * 64 + q] - lo) / (1e-7 + hi);
            }
        }
        double[] got = HostArrays.doubles(m.map());
        for (int i = 0; i < mean.length; i++) {
            assertThat(got[i]).isCloseTo(mean[i], org.assertj.core.data.Offset.offset(1e-12));
        }
        for (String layer : m.layers()) {
            CamMap single = new GradCam(seg, RAW.withLayers(layer)).explain(x, Target.classOverMask(1, mask));
            long side = layer.equals("mid_relu") ? 4 : 8;
            assertThat(single.map().shape()).as(layer).containsExactly(2, side, side);
        }
        assertThat(m.provenance().target()).contains("class 1 over mask [8, 8]");
        assertThat(m.provenance().config()).containsEntry("layers", "[enc_relu, mid_relu, dec_relu]");
    }

    @Test
    void rawGradCamIsLinearInTheMask() {
        // the target score is Σ mask·output, so its gradient — and the raw (no ReLU, no normalisation) map —
        // is linear in the mask
        INDArray left = Nd4j.zeros(8, 8);
        left.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4)).assign(1);
        INDArray right = Nd4j.ones(8, 8).sub(left);
        for (CamMethod method : new CamMethod[] {CamMethod.GRAD_CAM, CamMethod.HIRES_CAM}) {
            AbstractCam cam = method.create(seg, RAW);
            INDArray l = cam.explain(x, Target.classOverMask(2, left)).map();
            INDArray r = cam.explain(x, Target.classOverMask(2, right)).map();
            INDArray both = cam.explain(x, Target.classOverMask(2, Nd4j.ones(8, 8))).map();
            assertThat(l.sub(r).amaxNumber().doubleValue()).as("the halves differ").isGreaterThan(1e-3);
            assertThat(both.sub(l.add(r)).amaxNumber().doubleValue()).as(method.methodName()).isLessThan(1e-12);
        }
    }

    @Test
    void anAllOnesMaskIsTheWholeClassChannel() {
        // a class target on an N×K×H×W output scores the class channel summed over all positions
        for (CamMethod method : CamMethod.values()) {
            AbstractCam cam = method.create(seg, CamConfig.of("enc_relu", "mid_relu"));
            INDArray withMask = cam.explain(x, Target.classOverMask(0, Nd4j.ones(8, 8))).map();
            INDArray withClass = cam.explain(x, Target.classIndex(0)).map();
            assertThat(withMask.sub(withClass).amaxNumber().doubleValue()).as(method.methodName()).isLessThan(1e-12);
        }
    }

    @Test
    void perRowMasksFollowTheirRows() {
        INDArray rowMasks = Reference.MODELS.get("seg_row_masks").nd();
        for (CamMethod method : CamMethod.values()) {
            AbstractCam cam = method.create(seg, CamConfig.of("mid_relu"));
            INDArray batch = cam.explain(x, Target.classOverMask(2, rowMasks)).map();
            for (int i = 0; i < 2; i++) {
                INDArray alone = cam.explain(Batching.rows(x, i, i + 1).dup(),
                        Target.classOverMask(2, Batching.rows(rowMasks, i, i + 1).dup())).map();
                assertThat(alone.sub(Batching.rows(batch, i, i + 1)).amaxNumber().doubleValue())
                        .as("%s row %d", method.methodName(), i).isLessThan(1e-12);
            }
        }
    }
}
