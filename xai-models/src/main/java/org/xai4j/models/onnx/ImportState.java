package org.xai4j.models.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.Node;

/** Everything one import knows so far: constants, symbolic shapes, runtime values and their ranks, problems. */
final class ImportState {
    final String modelId;
    final long opset;
    /** Constant values by ONNX name (initializers, Constant nodes, folded results). */
    final Map<String, INDArray> constants = new HashMap<>();
    /** Integer vectors computed from shapes. */
    final Map<String, Sym> symbolic = new HashMap<>();
    /** Runtime values (depend on the input) and their ranks (−1 unknown). */
    final Map<String, Integer> ranks = new HashMap<>();
    /** Values downstream of a node that could not be converted. */
    final Set<String> unknown = new HashSet<>();
    /** Constants that converted nodes read as inputs, cast to the graph's type. */
    final Map<String, INDArray> graphConstants = new LinkedHashMap<>();
    final List<Node> nodes = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    final Set<String> problemOps = new java.util.TreeSet<>();
    private final Set<String> names = new HashSet<>();
    private final DataType dataType;

    ImportState(String modelId, long opset, DataType dataType) {
        this.modelId = modelId;
        this.opset = opset;
        this.dataType = dataType;
    }

    boolean isConstant(String v) {
        return constants.containsKey(v);
    }

    boolean isRuntime(String v) {
        return ranks.containsKey(v);
    }

    int rank(String v) {
        return ranks.getOrDefault(v, -1);
    }

    /** The constant as a graph constant of the graph's floating type; returns its name. */
    String graphConstant(String v) {
        graphConstants.computeIfAbsent(v, k -> {
            INDArray c = constants.get(k);
            return c.dataType() == dataType ? c : c.castTo(dataType);
        });
        return v;
    }

    /** A node name unique in the graph: the ONNX name, else op type and first output. */
    String nodeName(OnnxProto.Node n) {
        String base = !n.name().isEmpty() ? n.name()
                : n.opType() + (n.outputs().isEmpty() ? "" : "_" + n.outputs().get(0));
        String name = base;
        for (int k = 2; !names.add(name); k++) {
            name = base + "#" + k;
        }
        return name;
    }

    void problem(OnnxProto.Node n, String reason) {
        problems.add(n.opType() + " (node '" + (n.name().isEmpty() ? String.join(",", n.outputs()) : n.name()) + "')"
                + (reason == null ? "" : ": " + reason));
        problemOps.add(n.opType());
        unknown.addAll(n.outputs());
    }

    void add(Node node, int rank) {
        nodes.add(node);
        ranks.put(node.output(), rank);
    }
}
