package org.xai4j.attribution;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.GraphBuilder;
import org.xai4j.core.graph.node.AvgPoolNode;
import org.xai4j.core.graph.node.BatchNormNode;
import org.xai4j.core.graph.node.ConvNode;
import org.xai4j.core.graph.node.FlattenNode;
import org.xai4j.core.graph.node.GemmNode;
import org.xai4j.core.graph.node.GlobalAvgPoolNode;
import org.xai4j.core.graph.node.MaxPoolNode;
import org.xai4j.core.graph.node.MulNode;
import org.xai4j.core.graph.node.ReluNode;
import org.xai4j.core.graph.node.SigmoidNode;
import org.xai4j.core.graph.node.SiluNode;
import org.xai4j.core.graph.node.TanhNode;
import org.xai4j.core.graph.node.Window2d;
import org.xai4j.core.util.Rng;

/** Small seeded explanation graphs built in test scope (the testkit's models are not graphs). */
final class SmallGraphs {
    private SmallGraphs() {
    }

    static INDArray weights(long seed, double scale, long... shape) {
        return Rng.seeded(seed).uniform(DataType.DOUBLE, -scale, scale, shape);
    }

    /**
     * N×2×6×7 → conv 3×3 (3 channels) → ReLU → overlapping max pool 3×3 stride 2 pad 1 (3×4) → conv 1×1
     * (4 channels) → sigmoid → global average pool → flatten → dense (5 classes).
     */
    static Graph conv(long seed, DataType type) {
        return Graph.builder("small-conv-" + seed).input("x", -1, 2, 6, 7).dataType(type)
                .node(ConvNode.builder("conv1").input("x").output("c1").weight(weights(seed, 0.6, 3, 2, 3, 3))
                        .bias(weights(seed + 1, 0.1, 3)).pads(1).build())
                .node(new ReluNode("relu1", "c1", "r1"))
                .node(new MaxPoolNode("pool", "r1", "p1", Window2d.of(3, 3).strides(2, 2).pads(1), false))
                .node(ConvNode.builder("conv2").input("p1").output("c2").weight(weights(seed + 2, 0.8, 4, 3, 1, 1))
                        .bias(weights(seed + 3, 0.1, 4)).build())
                .node(new SigmoidNode("sig", "c2", "s2"))
                .node(new GlobalAvgPoolNode("gap", "s2", "g"))
                .node(new FlattenNode("flat", "g", "f", 1))
                .node(new GemmNode("fc", "f", "out", weights(seed + 4, 1, 5, 4), weights(seed + 5, 0.1, 5)))
                .output("out").build();
    }

    /** N×6 → dense 8 → tanh → dense 8 → SiLU, times a sigmoid gate (a product of two varying values) → ReLU → dense 4. */
    static Graph mlp(long seed, DataType type) {
        return Graph.builder("small-mlp-" + seed).input("x", -1, 6).dataType(type)
                .node(new GemmNode("fc1", "x", "h1", weights(seed, 0.8, 8, 6), weights(seed + 1, 0.1, 8)))
                .node(new TanhNode("tanh", "h1", "t1"))
                .node(new GemmNode("fc2", "t1", "h2", weights(seed + 2, 0.8, 8, 8), weights(seed + 3, 0.1, 8)))
                .node(new SiluNode("silu", "h2", "a2"))
                .node(new SigmoidNode("gate", "h1", "s1"))
                .node(new MulNode("gated", "a2", "s1", "m2"))
                .node(new ReluNode("relu", "m2", "r2"))
                .node(new GemmNode("fc3", "r2", "out", weights(seed + 4, 1, 4, 8), weights(seed + 5, 0.1, 4)))
                .output("out").build();
    }

    /** A network without nonlinearities: N×2×6×6 → conv → batch norm → average pool 2×2 → flatten → dense (3). */
    static Graph linear(long seed, DataType type) {
        return Graph.builder("small-linear-" + seed).input("x", -1, 2, 6, 6).dataType(type)
                .node(ConvNode.builder("conv").input("x").output("c").weight(weights(seed, 0.6, 3, 2, 3, 3))
                        .bias(weights(seed + 1, 0.1, 3)).pads(1).build())
                .node(BatchNormNode.affine("bn", "c", "b", weights(seed + 2, 1, 3).addi(1.5), weights(seed + 3, 0.3, 3)))
                .node(new AvgPoolNode("avg", "b", "a", Window2d.of(2, 2).strides(2, 2), false, false))
                .node(new FlattenNode("flat", "a", "f", 1))
                .node(new GemmNode("fc", "f", "out", weights(seed + 4, 0.5, 3, 27), weights(seed + 5, 0.1, 3)))
                .output("out").build();
    }

    /** {@code dense(in → hidden) → node → dense(hidden → classes)} around one element-wise node. */
    static Graph sandwich(String id, org.xai4j.core.graph.Node middle, INDArray w1, INDArray b1, INDArray w2,
                          DataType type) {
        GraphBuilder b = Graph.builder(id).input("x", -1, w1.size(1)).dataType(type)
                .node(new GemmNode("fc1", "x", middle.inputs().get(0), w1, b1))
                .node(middle)
                .node(new GemmNode("fc2", middle.output(), "out", w2, null));
        return b.output("out").build();
    }
}
