package org.xai4j.cam;

import org.xai4j.core.util.BatchPolicy;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.node.ConvNode;
import org.xai4j.core.graph.node.FlattenNode;
import org.xai4j.core.graph.node.GemmNode;
import org.xai4j.core.graph.node.GlobalAvgPoolNode;
import org.xai4j.core.graph.node.ReluNode;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;
import org.xai4j.testkit.contract.ContractCase;
import org.xai4j.testkit.contract.ExplainerContract;
import org.xai4j.testkit.models.TinyConvNet;

/** Every CAM method joins the explainer contract, on the testkit's conv net and on the test segmenter. */
class CamContractTest extends ExplainerContract {
    @Override
    protected Stream<ContractCase<?>> cases() {
        TinyConvNet conv = TinyConvNet.random(4, 2, 3, 5, 3, 6, 7);
        INDArray img = Rng.seeded(12).uniform(DataType.FLOAT, -1, 1, 3, 2, 6, 7);
        TinySegmenter seg = Reference.segmenter();
        INDArray segInput = Reference.input("seg").castTo(DataType.FLOAT);
        Stream.Builder<ContractCase<?>> s = Stream.builder();
        for (CamMethod m : CamMethod.values()) {
            // Score-CAM and Ablation-CAM: one pass per channel of the layer, declared after the first layer pass
            boolean perChannel = m == CamMethod.SCORE_CAM || m == CamMethod.ABLATION_CAM;
            CamConfig atConv = CamConfig.of("conv").withBatch(BatchPolicy.ofRows(4));
            s.add(ContractCase.of(m.methodName() + " on tiny-conv conv", m.create(conv, atConv))
                    .values(CamMap::map).expectedShape(3, 6, 7)
                    .input(img).target(Target.perRow(4, 0, 2)).classes(5).planAfterFirstPasses(perChannel ? 3 : 0)
                    .layer("conv", l -> m.create(conv, atConv.withLayers(l))).build());
            CamConfig raw = CamConfig.of("relu").withRelu(false).withNormalize(false)
                    .withResolution(Resolution.LAYER).withEigenSmooth(true);
            s.add(ContractCase.of(m.methodName() + " on tiny-conv relu, raw, eigen-smooth", m.create(conv, raw))
                    .values(CamMap::map).expectedShape(3, 6, 7)
                    .input(img).target(Target.predicted()).classes(5).planAfterFirstPasses(perChannel ? 3 : 0)
                    .layer("relu", l -> m.create(conv, raw.withLayers(l))).build());
            CamConfig depths = CamConfig.of("enc_relu", "mid_relu");
            INDArray mask = Nd4j.ones(DataType.FLOAT, 8, 8);
            s.add(ContractCase.of(m.methodName() + " on segmenter, two depths, mask", m.create(seg, depths))
                    .values(CamMap::map).expectedShape(2, 8, 8)
                    .input(segInput).target(Target.classOverMask(1, mask)).classes(3).watch(mask)
                    .planAfterFirstPasses(perChannel ? segInput.size(0) : 0)
                    .layer("mid_relu", l -> m.create(seg, depths.withLayers(l))).build());
        }
        CamConfig smoothed = CamConfig.of("conv").withAugSmooth(true);
        s.add(ContractCase.of("grad-cam with augmentation smoothing on tiny-conv conv",
                        CamMethod.GRAD_CAM.create(conv, smoothed))
                .values(CamMap::map).expectedShape(3, 6, 7).input(img).target(Target.perRow(1, 3, 0)).classes(5).build());
        Graph graph = smallConvGraph();
        for (GuidedGradCamConfig.Interpolation mode : GuidedGradCamConfig.Interpolation.values()) {
            GuidedGradCamConfig cfg = GuidedGradCamConfig.of("relu").withInterpolation(mode);
            s.add(ContractCase.attribution("guided-gradcam " + mode + " on small graph relu", new GuidedGradCam(graph, cfg))
                    .input(img).target(Target.perRow(4, 0, 2)).classes(5)
                    .layer("relu", l -> new GuidedGradCam(graph, cfg.withLayer(l))).build());
        }
        return s.build();
    }

    static INDArray weights(long seed, double scale, long... shape) {
        return Rng.seeded(seed).uniform(DataType.FLOAT, -scale, scale, shape);
    }

    /** N×2×6×7 → conv 3×3 stride 2 (4 channels, 3×4) → ReLU → conv 1×1 → ReLU → global average pool → dense (5). */
    static Graph smallConvGraph() {
        return Graph.builder("small-conv-graph").input("x", -1, 2, 6, 7)
                .node(ConvNode.builder("conv").input("x").output("c").weight(weights(30, 0.6, 4, 2, 3, 3))
                        .bias(weights(31, 0.1, 4)).strides(2, 2).pads(1).build())
                .node(new ReluNode("relu", "c", "r"))
                .node(ConvNode.builder("conv2").input("r").output("c2").weight(weights(32, 0.8, 3, 4, 1, 1)).build())
                .node(new ReluNode("relu2", "c2", "r2"))
                .node(new GlobalAvgPoolNode("gap", "r2", "g"))
                .node(new FlattenNode("flat", "g", "f", 1))
                .node(new GemmNode("fc", "f", "out", weights(33, 1, 5, 3), weights(34, 0.1, 5)))
                .output("out").build();
    }
}
