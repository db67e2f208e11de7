package org.xai4j.cam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.model.LayerPass;
import org.xai4j.core.target.Target;

/**
 * The test segmenter's hand-written backward pass against central finite differences taken through
 * {@code predictWithEdit} (a nudge of one activation) and through the input: the segmentation tests rely
 * on these gradients.
 */
class TinySegmenterGradientTest {
    @Test
    void layerAndInputGradientsMatchFiniteDifferences() {
        TinySegmenter seg = Reference.segmenter();
        INDArray x = Reference.input("seg");
        Target t = Target.classOverMask(1, Reference.MODELS.get("seg_mask").nd());
        List<String> layers = TinySegmenter.LAYERS;
        LayerPass pass = seg.backward(x, t, layers);
        SplittableRandom r = new SplittableRandom(7);
        double eps = 1e-6;
        for (String layer : layers) {
            INDArray g = pass.gradient(layer);
            for (int trial = 0; trial < 6; trial++) {
                long flat = r.nextLong(g.length());
                double fd = (score(seg, x, t, layer, flat, eps) - score(seg, x, t, layer, flat, -eps)) / (2 * eps);
                double got = g.getDouble(flat);
                assertThat(Math.abs(fd - got)).as("%s[%d]: backward %s, finite difference %s", layer, flat, got, fd)
                        .isLessThan(1e-6 * Math.max(1, Math.abs(fd)));
            }
        }
        for (int trial = 0; trial < 6; trial++) {
            long flat = r.nextLong(x.length());
            INDArray plus = x.dup();
            plus.putScalar(flat, x.getDouble(flat) + eps);
            INDArray minus = x.dup();
            minus.putScalar(flat, x.getDouble(flat) - eps);
            double fd = (t.scores(seg.predict(plus)).sumNumber().doubleValue()
                    - t.scores(seg.predict(minus)).sumNumber().doubleValue()) / (2 * eps);
            assertThat(pass.inputGradient().getDouble(flat)).isCloseTo(fd, org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    private static double score(TinySegmenter seg, INDArray x, Target t, String layer, long flat, double eps) {
        INDArray out = seg.predictWithEdit(x, layer, a -> {
            INDArray e = a.dup();
            e.putScalar(flat, a.getDouble(flat) + eps);
            return e;
        });
        return t.scores(out).sumNumber().doubleValue();
    }
}
