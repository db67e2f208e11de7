package org.xai4j.attribution.lrp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.GraphBuilder;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.node.BatchNormNode;
import org.xai4j.core.graph.node.ConvNode;
import org.xai4j.core.graph.node.ConvTransposeNode;
import org.xai4j.core.graph.node.GemmNode;
import org.xai4j.core.graph.node.IdentityNode;
import org.xai4j.core.graph.node.LinearNode;

/**
 * The canonizer zennit calls {@code MergeBatchNorm}, as a graph rewrite: every inference batch norm whose input is
 * the output of a Conv, ConvTranspose (one group) or Gemm that nothing else reads is folded into that layer
 * ({@code W' = scale·W} per output channel, {@code b' = scale·b + shift}), and the batch norm node becomes an
 * identity with the same name and output, so every node and value name of the graph still resolves. The merged
 * layer's output value then holds the normalised activation (as zennit's merged layer does).
 *
 * <p>Why: LRP rules split an affine map's output by its inputs' contributions; a batch norm applied after a
 * convolution changes which contributions are positive, so the z⁺, αβ and γ rules give other (and for αβ/γ
 * nonsensical) results unless the two are seen as one affine map. The rewrite returns a new graph; the original is
 * unchanged (undoing it is keeping the original). PyTorch's ONNX export in eval mode already folds batch norms into
 * the preceding convolutions; DL4J graphs and ONNX files exported with {@code training=PRESERVE} do not.
 *
 * <p>A batch norm that follows something else (an activation, an addition) but is the only input of a Gemm or of
 * an unpadded one-group Conv is merged into that <em>following</em> layer ({@code W' = W·diag(scale)} over its input
 * channels, {@code b' = b + W·shift}), which is exact there (zero padding would see the shift at the borders, so
 * padded convolutions are left alone). zennit has no such merge (it gives such a batch norm the pass rule); every
 * other batch norm is left as it is and gets {@link Pass}.
 */
public final class MergeBatchNorm {
    private MergeBatchNorm() {
    }

    /**
     * Merges every mergeable batch norm of {@code graph} into its neighbouring affine layer (see the class comment).
     *
     * @param graph the explanation graph; not changed
     * @return a new graph with every mergeable batch norm merged, with the same node names, value names, input,
     *         output and constants; {@code graph} itself when there is none to merge
     */
    public static Graph apply(Graph graph) {
        Map<String, Node> producer = new HashMap<>();
        Map<String, Integer> readers = new HashMap<>();
        for (Node n : graph.nodes()) {
            producer.put(n.output(), n);
            for (String in : n.inputs()) {
                readers.merge(in, 1, Integer::sum);
            }
        }
        readers.merge(graph.outputName(), 1, Integer::sum);
        Map<String, Node> replace = new HashMap<>();
        for (Node n : graph.nodes()) {
            if (!(n instanceof BatchNormNode bn)) {
                continue;
            }
            String v = bn.inputs().get(0);
            Node p = producer.get(v);
            if (p == null || readers.getOrDefault(v, 0) != 1 || replace.containsKey(p.name())) {
                continue;
            }
            LinearNode merged = merge(p, bn.weight(), bn.bias());
            if (merged != null) {
                replace.put(p.name(), merged);
                replace.put(bn.name(), new IdentityNode(bn.name(), v, bn.output()));
            }
        }
        // A batch norm that is not merged backward but feeds only a Gemm or an unpadded one-group Conv is merged
        // into that layer instead: W' = W·diag(scale) over input channels, b' = b + W·shift.
        Map<String, Node> consumer = new HashMap<>();
        for (Node n : graph.nodes()) {
            for (String in : n.inputs()) {
                consumer.put(in, n);
            }
        }
        for (Node n : graph.nodes()) {
            if (!(n instanceof BatchNormNode bn) || replace.containsKey(bn.name())) {
                continue;
            }
            String u = bn.output();
            Node q = consumer.get(u);
            if (q == null || readers.getOrDefault(u, 0) != 1 || replace.containsKey(q.name())
                    || q.inputs().indexOf(u) != 0) {
                continue;
            }
            LinearNode merged = mergeForward(q, bn.weight(), bn.bias());
            if (merged != null) {
                replace.put(q.name(), merged);
                replace.put(bn.name(), new IdentityNode(bn.name(), bn.inputs().get(0), u));
            }
        }
        if (replace.isEmpty()) {
            return graph;
        }
        List<Node> nodes = new ArrayList<>();
        for (Node n : graph.nodes()) {
            nodes.add(replace.getOrDefault(n.name(), n));
        }
        GraphBuilder b = Graph.builder(graph.id()).input(graph.inputName(), graph.inputShape())
                .output(graph.outputName()).dataType(graph.dataType()).batchPolicy(graph.batchPolicy());
        graph.constants().forEach(b::constant);
        nodes.forEach(b::node);
        return b.build();
    }

    /** {@code p} with the batch norm's {@code scale} and {@code shift} folded in, or {@code null} if it cannot be. */
    private static LinearNode merge(Node p, INDArray scale, INDArray shift) {
        long c = scale.length();
        if (p instanceof ConvNode conv) {
            INDArray w = conv.weight();
            if (w.size(0) != c) {
                return null;
            }
            return conv.withParameters(w.mul(scale.reshape(c, 1, 1, 1).castTo(w.dataType())), mergedBias(conv.bias(),
                    scale, shift));
        }
        if (p instanceof ConvTransposeNode ct) {
            INDArray w = ct.weight();
            if (w.size(1) != c) {
                return null;
            }
            return ct.withParameters(w.mul(scale.reshape(1, c, 1, 1).castTo(w.dataType())), mergedBias(ct.bias(), scale,
                    shift));
        }
        if (p instanceof GemmNode gemm && !gemm.transA()) {
            INDArray w = gemm.weight();
            INDArray b = gemm.bias();
            if (w.size(0) != c || (b != null && b.length() != c)) {
                return null;
            }
            return gemm.withParameters(w.mul(scale.reshape(c, 1).castTo(w.dataType())), mergedBias(b, scale, shift));
        }
        return null;
    }

    /** {@code q} reading the batch norm's input directly, or {@code null} where that is not exact. */
    private static LinearNode mergeForward(Node q, INDArray scale, INDArray shift) {
        long c = scale.length();
        if (q instanceof GemmNode gemm && !gemm.transA()) {
            INDArray w = gemm.weight();
            INDArray b = gemm.bias();
            if (w.size(1) != c || (b != null && b.length() != w.size(0))) {
                return null;
            }
            INDArray s = scale.reshape(1, c).castTo(w.dataType());
            INDArray shiftOut = w.mmul(shift.reshape(c, 1).castTo(w.dataType())).reshape(w.size(0));
            return gemm.withParameters(w.mulRowVector(s), b == null ? shiftOut : b.reshape(w.size(0)).add(shiftOut));
        }
        if (q instanceof ConvNode conv && conv.groups() == 1 && conv.window().unpadded()) {
            INDArray w = conv.weight();
            if (w.size(1) != c) {
                return null;
            }
            INDArray s = scale.reshape(1, c, 1, 1).castTo(w.dataType());
            INDArray t = shift.reshape(1, c, 1, 1).castTo(w.dataType());
            INDArray shiftOut = w.mul(t).sum(1, 2, 3).reshape(w.size(0));
            INDArray b = conv.bias();
            return conv.withParameters(w.mul(s), b == null ? shiftOut : b.reshape(w.size(0)).add(shiftOut));
        }
        return null;
    }

    private static INDArray mergedBias(INDArray bias, INDArray scale, INDArray shift) {
        long c = scale.length();
        INDArray s = scale.reshape(c);
        return bias == null ? shift.reshape(c).dup() : bias.reshape(c).castTo(s.dataType()).mul(s).addi(shift.reshape(c));
    }
}
