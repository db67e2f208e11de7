package org.xai4j.core.graph;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.graph.node.AddNode;
import org.xai4j.core.graph.node.BatchNormNode;
import org.xai4j.core.graph.node.ConcatNode;
import org.xai4j.core.graph.node.ConvNode;
import org.xai4j.core.graph.node.DivNode;
import org.xai4j.core.graph.node.FlattenNode;
import org.xai4j.core.graph.node.GemmNode;
import org.xai4j.core.graph.node.GlobalAvgPoolNode;
import org.xai4j.core.graph.node.HardSwishNode;
import org.xai4j.core.graph.node.MaxPoolNode;
import org.xai4j.core.graph.node.MulNode;
import org.xai4j.core.graph.node.ReluNode;
import org.xai4j.core.graph.node.SigmoidNode;
import org.xai4j.core.graph.node.Window2d;
import org.xai4j.core.util.Rng;

/** Small graphs with the structures real CNNs have: residual fan-out, squeeze-excitation, constants, concat. */
final class TestGraphs {
    private TestGraphs() {
    }

    static INDArray g(long seed, long... shape) {
        return Rng.seeded(seed).gaussian(DataType.DOUBLE, 1.0, shape);
    }

    /**
     * x[N,3,8,8] → conv1 → bn1 → relu1 → conv2 → relu2 ─→ add(bn1 output, residual) → pool → conv3(s2) → hswish
     * → gap ─→ sigmoid → mul (SE gate on gap) → concat(gap, gated) → flatten → div by constant → fc[5].
     */
    static Graph residual() {
        return Graph.builder("residual-test").input("x", -1, 3, 8, 8).dataType(DataType.DOUBLE)
                .node(ConvNode.builder("conv1").input("x").output("c1").weight(g(1, 4, 3, 3, 3)).bias(g(2, 4))
                        .pads(1).build())
                .node(BatchNormNode.of("bn1", "c1", "b1", g(3, 4), g(4, 4), g(5, 4), g(6, 4).mul(g(6, 4)).addi(0.5), 1e-5))
                .node(new ReluNode("relu1", "b1", "r1"))
                .node(ConvNode.builder("conv2").input("r1").output("c2").weight(g(7, 4, 4, 3, 3).mul(0.5)).bias(g(8, 4))
                        .pads(1).build())
                .node(new ReluNode("relu2", "c2", "r2"))
                .node(new AddNode("add", "b1", "r2", "a"))
                .node(new MaxPoolNode("pool", "a", "p", Window2d.of(2, 2).strides(2, 2), false))
                .node(ConvNode.builder("conv3").input("p").output("c3").weight(g(9, 6, 4, 3, 3)).bias(g(10, 6))
                        .strides(2, 2).pads(1).build())
                .node(new HardSwishNode("hswish", "c3", "h"))
                .node(new GlobalAvgPoolNode("gap", "h", "gp"))
                .node(new SigmoidNode("gate", "gp", "s"))
                .node(new MulNode("se", "gp", "s", "m"))
                .node(new ConcatNode("cat", List.of("gp", "m"), "cc", 1))
                .node(new FlattenNode("flatten", "cc", "f", 1))
                .constant("two", Nd4j.scalar(DataType.DOUBLE, 2.0))
                .node(new DivNode("half", "f", "two", "fh"))
                .node(new GemmNode("fc", "fh", "logits", g(11, 5, 12), g(12, 5)))
                .output("logits")
                .build();
    }
}
