package org.xai4j.examples.shortcut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.cam.CamConfig;
import org.xai4j.cam.GradCam;
import org.xai4j.cam.Resolution;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.node.FlattenNode;
import org.xai4j.core.graph.node.GemmNode;
import org.xai4j.core.graph.node.GlobalAvgPoolNode;
import org.xai4j.core.graph.node.MulNode;
import org.xai4j.core.graph.node.ReluNode;
import org.xai4j.core.graph.node.ReshapeNode;
import org.xai4j.core.graph.node.SigmoidNode;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;

/**
 * {@link AttentionGradCam} on a squeeze-and-excitation net worked by hand: A = ReLU(x) = x for x ≥ 0 (2 channels,
 * 4×4); gate s = σ(0·GAP(A) + (0, ln 3)) = (1/2, 3/4); y = w · GAP(A ⊙ s) with w = (2, −1). Then ∂y/∂A_c = w_c s_c / 16
 * (the gate's own path carries zero weights), so Grad-CAM's raw map is Σ_c (w_c s_c / 16)·A_c and the attention-weighted
 * map Σ_c s_c (w_c s_c / 16)·A_c.
 */
class AttentionGradCamTest {
    @Test
    void mapsMatchTheHandDerivedChannelWeights() {
        Graph g = Graph.builder("se-by-hand").input("x", -1, 2, 4, 4).dataType(DataType.DOUBLE)
                .node(new ReluNode("A", "x", "a"))
                .node(new GlobalAvgPoolNode("squeeze", "a", "sq"))
                .node(new FlattenNode("flat1", "sq", "f1", 1))
                .node(new GemmNode("gate-pre", "f1", "gp", Nd4j.zeros(DataType.DOUBLE, 2, 2),
                        Nd4j.createFromArray(0, Math.log(3))))
                .node(new SigmoidNode("gate", "gp", "s"))
                .node(new ReshapeNode("gate4", "s", "s4", new long[] {-1, 2, 1, 1}, false))
                .node(new MulNode("scale", "a", "s4", "z"))
                .node(new GlobalAvgPoolNode("gap", "z", "gz"))
                .node(new FlattenNode("flat2", "gz", "f2", 1))
                .node(new GemmNode("out", "f2", "y", Nd4j.createFromArray(new double[][] {{2, -1}}), null))
                .output("y").build();
        INDArray x = Rng.seeded(3).uniform(DataType.DOUBLE, 0, 1, 1, 2, 4, 4);
        CamConfig raw = CamConfig.of("A").withRelu(false).withNormalize(false).withResolution(Resolution.LAYER);
        INDArray attention = new AttentionGradCam(g, raw, "gate").explain(x, Target.classIndex(0)).map();
        INDArray gradCam = new GradCam(g, raw).explain(x, Target.classIndex(0)).map();
        double[] w = {2, -1};
        double[] s = {0.5, 0.75};
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double plain = 0;
                double weighted = 0;
                for (int c = 0; c < 2; c++) {
                    plain += w[c] * s[c] / 16 * x.getDouble(0, c, i, j);
                    weighted += s[c] * w[c] * s[c] / 16 * x.getDouble(0, c, i, j);
                }
                assertThat(gradCam.getDouble(0, i, j)).isCloseTo(plain, within(1e-9));
                assertThat(attention.getDouble(0, i, j)).isCloseTo(weighted, within(1e-9));
            }
        }
    }
}
