package org.xai4j.cam;

import org.xai4j.core.util.BatchPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;
import org.xai4j.testkit.models.TinyConvNet;

/** How many model calls each method makes, and that batching the masked forwards does not change the map. */
class MaskedForwardBatchingTest {
    final TinyConvNet tiny = TinyConvNet.random(11, 2, 5, 3, 3, 6, 7); // 5 filters
    final INDArray x = Rng.seeded(12).uniform(DataType.DOUBLE, -1, 1, 3, 2, 6, 7); // 3 rows → 15 (row, channel) pairs
    final Target target = Target.perRow(2, 0, 1);

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 15, 64})
    void scoreCamBatchesItsMaskedForwards(int batch) {
        CountingModel counting = new CountingModel(tiny);
        CamConfig cfg = CamConfig.of("conv").withBatch(BatchPolicy.ofRows(batch));
        INDArray map = new ScoreCam(counting, cfg).explain(x, target).map();
        assertThat(counting.count("forward")).isEqualTo(1);
        assertThat(counting.count("backward")).isZero();
        // the pre-activation channels are never constant here, so all 15 pairs are scored
        assertThat(counting.count("predict")).isEqualTo((15 + batch - 1) / batch);
        assertThat(counting.calls.stream().filter(c -> c.startsWith("predict:"))
                .mapToInt(c -> Integer.parseInt(c.substring(8))).sum()).isEqualTo(15);
        INDArray unbatched = new ScoreCam(tiny, cfg.withBatch(BatchPolicy.ofRows(1))).explain(x, target).map();
        assertThat(map.equalsWithEps(unbatched, 0)).as("map independent of the batch size").isTrue();
    }

    /**
     * The masks Score-CAM makes to count its passes are kept for the weighting of that same pass only: when another
     * pass (another thread's call, or another layer) counted in between, the weighting makes its own, and the weights
     * are those of a count and weighting done alone.
     */
    @Test
    void scoreCamWeighsEachPassWithItsOwnMasks() {
        ScoreCam cam = new ScoreCam(tiny, CamConfig.of("conv"));
        INDArray other = Rng.seeded(40).uniform(DataType.DOUBLE, -1, 1, 3, 2, 6, 7);
        CamContext cx = new CamContext(x, target, tiny.predict(x));
        CamContext co = new CamContext(other, target, tiny.predict(other));
        LayerActivations lx = activations(x);
        LayerActivations lo = activations(other);
        ScoreCam alone = new ScoreCam(tiny, CamConfig.of("conv"));
        alone.passesAfterLayerPass(cx, lx);
        double[] want = alone.channelWeights(cx, lx);
        cam.passesAfterLayerPass(cx, lx);
        cam.passesAfterLayerPass(co, lo); // another pass counts before x's weighting
        assertThat(cam.channelWeights(cx, lx)).isEqualTo(want);
        assertThat(cam.channelWeights(co, lo)).as("no count kept: made again")
                .isEqualTo(new ScoreCam(tiny, CamConfig.of("conv")).channelWeights(co, lo));
    }

    private LayerActivations activations(INDArray input) {
        INDArray a = tiny.forward(input, List.of("conv")).activations().get("conv");
        return new LayerActivations("conv", (int) a.size(0), (int) a.size(1), (int) a.size(2), (int) a.size(3),
                org.xai4j.core.util.HostArrays.doubles(a), null);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 15, 64})
    void ablationCamBatchesItsAblatedForwards(int batch) {
        CountingModel counting = new CountingModel(tiny);
        CamConfig cfg = CamConfig.of("relu").withBatch(BatchPolicy.ofRows(batch));
        INDArray map = new AblationCam(counting, cfg).explain(x, target).map();
        assertThat(counting.count("forward")).isEqualTo(1);
        assertThat(counting.count("edit")).isEqualTo((15 + batch - 1) / batch);
        assertThat(counting.calls.stream().filter(c -> c.startsWith("edit:"))
                .mapToInt(c -> Integer.parseInt(c.substring(5))).max().orElseThrow()).isEqualTo(Math.min(batch, 15));
        INDArray unbatched = new AblationCam(tiny, cfg.withBatch(BatchPolicy.ofRows(1))).explain(x, target).map();
        assertThat(map.equalsWithEps(unbatched, 0)).as("map independent of the batch size").isTrue();
    }

    @Test
    void scoreCamSkipsConstantChannels() {
        // filter 2 has a bias of −100: after the ReLU it is 0 on every image, so its mask would be 0/0;
        // it is not scored and gets weight 0
        double[][][][] k = new double[5][2][3][3];
        SplittableRandom r = new SplittableRandom(13);
        for (double[][][] f : k) {
            for (double[][] c : f) {
                for (double[] row : c) {
                    for (int j = 0; j < 3; j++) {
                        row[j] = r.nextDouble() - 0.5;
                    }
                }
            }
        }
        double[] bias = {0.1, -0.1, -100, 0.05, 0};
        double[][] fc = {{1, -1, 50, 0.5, 0.2}, {-0.5, 1, 50, 0.3, -1}, {0.2, 0.4, 50, -1, 1}};
        TinyConvNet dead = new TinyConvNet(k, bias, fc, new double[3], 6, 7);
        CountingModel counting = new CountingModel(dead);
        CamConfig cfg = CamConfig.of("relu").withBatch(BatchPolicy.ofRows(1)).withRelu(false).withNormalize(false)
                .withResolution(Resolution.LAYER);
        INDArray map = new ScoreCam(counting, cfg).explain(x, target).map();
        assertThat(counting.count("predict")).as("3 rows × 4 live filters").isEqualTo(12);
        // the map is the softmax-weighted sum of the 4 live filters only
        INDArray relu = dead.activations(x, List.of("relu")).get("relu");
        assertThat(relu.get(NDArrayIndex.all(), NDArrayIndex.point(2)).amaxNumber().doubleValue()).isZero();
        assertThat(Double.isFinite(map.sumNumber().doubleValue())).isTrue();
        assertThat(map.amaxNumber().doubleValue()).isPositive();
    }

    @Test
    void gradientMethodsMakeOneBackwardPassAndNothingElse() {
        for (CamMethod m : List.of(CamMethod.GRAD_CAM, CamMethod.GRAD_CAM_PLUS_PLUS, CamMethod.XGRAD_CAM,
                CamMethod.HIRES_CAM, CamMethod.LAYER_CAM, CamMethod.EIGEN_GRAD_CAM)) {
            CountingModel counting = new CountingModel(tiny);
            m.create(counting, CamConfig.of("conv", "relu")).explain(x, Target.predicted());
            assertThat(counting.calls).as(m.methodName()).containsExactly("backward:3");
        }
        CountingModel counting = new CountingModel(tiny);
        new EigenCam(counting, CamConfig.of("conv", "relu")).explain(x, target);
        assertThat(counting.calls).containsExactly("forward:3");
    }

    @Test
    void augmentationSmoothingRunsSixPassesAfterResolvingTheTargetOnce() {
        CountingModel counting = new CountingModel(tiny);
        CamMap m = new GradCam(counting, CamConfig.of("conv").withAugSmooth(true))
                .explain(x, Target.predicted());
        assertThat(counting.calls).containsExactly("predict:3", "backward:3", "backward:3", "backward:3",
                "backward:3", "backward:3", "backward:3");
        assertThat(m.target().describe()).startsWith("classes [");
    }
}
