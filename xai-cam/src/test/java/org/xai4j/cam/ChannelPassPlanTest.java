package org.xai4j.cam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.node.ConvNode;
import org.xai4j.core.graph.node.FlattenNode;
import org.xai4j.core.graph.node.GemmNode;
import org.xai4j.core.graph.node.GlobalAvgPoolNode;
import org.xai4j.core.graph.node.ReluNode;
import org.xai4j.core.run.BudgetExceededException;
import org.xai4j.core.run.Limits;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;

/**
 * Score-CAM and Ablation-CAM learn their cost from the layer's channels: on a layer with 4 channels of which
 * channel 1 is dead by construction (zero weights and bias before a ReLU, so constant 0), Score-CAM makes one
 * masked pass per live channel and row, Ablation-CAM one per channel and row, and both refuse a budget below
 * that right after the first layer pass.
 */
class ChannelPassPlanTest {
    private static final int ROWS = 3;

    /** N×2×6×7 → conv 3×3 stride 2 (4 channels; channel 1 all zero) → ReLU → global average pool → dense (5). */
    private static Graph deadChannelGraph() {
        INDArray w = CamContractTest.weights(40, 0.6, 4, 2, 3, 3);
        INDArray b = CamContractTest.weights(41, 0.1, 4);
        w.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1)).assign(0);
        b.putScalar(1, 0);
        return Graph.builder("dead-channel").input("x", -1, 2, 6, 7)
                .node(ConvNode.builder("conv").input("x").output("c").weight(w).bias(b).strides(2, 2).pads(1).build())
                .node(new ReluNode("relu", "c", "r"))
                .node(new GlobalAvgPoolNode("gap", "r", "g"))
                .node(new FlattenNode("flat", "g", "f", 1))
                .node(new GemmNode("fc", "f", "out", CamContractTest.weights(42, 1, 5, 4), CamContractTest.weights(43, 0.1, 5)))
                .output("out").build();
    }

    private final Graph graph = deadChannelGraph();
    private final INDArray x = Rng.seeded(44).uniform(DataType.FLOAT, -1, 1, ROWS, 2, 6, 7);

    private long[] countedAndReported(AbstractCam cam) {
        long[] reported = {0};
        long counted = Limits.defaults().withProgress((done, planned) -> reported[0] = planned).call(() -> {
            cam.explain(x, Target.perRow(0, 2, 4));
            return Limits.passesSoFar();
        });
        return new long[] {counted, reported[0]};
    }

    @Test
    void scoreCamSkipsTheDeadChannelInItsPlan() {
        ScoreCam cam = new ScoreCam(graph, CamConfig.of("relu"));
        assertThat(cam.plan(x, Target.predicted())).isEmpty();
        // 1 layer pass per row + 3 live channels per row
        assertThat(countedAndReported(cam)).containsExactly(ROWS + ROWS * 3L, ROWS + ROWS * 3L);
    }

    @Test
    void ablationCamAblatesEveryChannel() {
        assertThat(countedAndReported(new AblationCam(graph, CamConfig.of("relu"))))
                .containsExactly(ROWS + ROWS * 4L, ROWS + ROWS * 4L);
    }

    @Test
    void aBudgetBelowTheChannelPassesIsRefusedRightAfterTheFirstPass() {
        for (AbstractCam cam : new AbstractCam[] {new ScoreCam(graph, CamConfig.of("relu")),
                new AblationCam(graph, CamConfig.of("relu"))}) {
            long[] made = {-1};
            assertThatThrownBy(() -> Limits.defaults().withMaxPasses(ROWS + ROWS * 3L - 1).call(() -> {
                try {
                    return cam.explain(x, Target.predicted());
                } catch (BudgetExceededException e) {
                    made[0] = Limits.passesSoFar();
                    throw e;
                }
            })).isInstanceOf(BudgetExceededException.class).hasMessageContaining("layer 'relu' has 4 channels")
                    .hasMessageContaining("lower the channels (choose a --layer with fewer)");
            assertThat(made[0]).as(cam + ": passes before the refusal").isEqualTo(ROWS);
        }
    }
}
