package org.xai4j.attribution.rules;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.Composite;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.Propagation;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.HostArrays;

/** Graphs of one node, x → node → y, and the multipliers a rule table sends back through them. */
final class OneNodeGraphs {
    private OneNodeGraphs() {
    }

    /** The graph x → {@code node} → y; {@code node} must read "x" and write "y". */
    static Graph of(Node node, DataType type, long... rowShape) {
        long[] shape = new long[rowShape.length + 1];
        shape[0] = -1;
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        return Graph.builder("one-" + node.opType()).input("x", shape).dataType(type).node(node).output("y").build();
    }

    /**
     * What reaches the input when {@code upstream} (the output's shape) arrives at the output, under
     * {@code rules}, with {@code reference} as DeepLIFT's reference.
     */
    static double[] multipliers(Graph g, Composite rules, INDArray x, INDArray reference, INDArray upstream) {
        Target seeded = Target.function("upstream", y -> y.mul(upstream).reshape(y.size(0), -1).sum(1),
                y -> upstream.dup());
        INDArray m = g.propagate(x, Propagation.builder().target(seeded).composite(rules).reference(reference).build())
                .inputGradient();
        return HostArrays.doubles(m);
    }
}
