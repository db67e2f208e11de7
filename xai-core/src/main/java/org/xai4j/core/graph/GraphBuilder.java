package org.xai4j.core.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.ModelFormatException;
import org.xai4j.core.util.BatchPolicy;

/**
 * Assembles a {@link Graph}: one input, named constants, nodes (in any order; they are sorted
 * topologically), one output. {@link #build()} checks that every value read is defined exactly once and
 * that there is no cycle, drops nodes and constants the output does not depend on, and casts parameters
 * to the graph's data type (FLOAT unless set).
 */
public final class GraphBuilder {
    private final String id;
    private String inputName;
    private long[] inputShape;
    private String outputName;
    private final Map<String, INDArray> constants = new LinkedHashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private DataType dataType = DataType.FLOAT;
    private BatchPolicy batchPolicy = BatchPolicy.DEFAULT;

    GraphBuilder(String id) {
        if (id == null || id.isBlank()) {
            throw new InvalidConfigException("a graph needs a non-blank id");
        }
        this.id = id;
    }

    /**
     * The graph's input value and, optionally, its declared shape (−1 for free axes such as the batch).
     *
     * @param name the input value's name
     * @param shape the declared shape, or none
     * @return this builder
     */
    public GraphBuilder input(String name, long... shape) {
        this.inputName = name;
        this.inputShape = shape == null || shape.length == 0 ? null : shape.clone();
        return this;
    }

    /**
     * A named constant value (copied) that nodes may read, e.g. the divisor of a {@code Div}.
     *
     * @param name the constant's name
     * @param value the value
     * @return this builder
     * @throws InvalidConfigException if {@code value} is null
     */
    public GraphBuilder constant(String name, INDArray value) {
        if (value == null) {
            throw new InvalidConfigException("constant '" + name + "' is null");
        }
        constants.put(name, value.dup());
        return this;
    }

    /**
     * Adds a node.
     *
     * @param node the node, added after the nodes before it
     * @return this builder
     * @throws InvalidConfigException if {@code node} is null
     */
    public GraphBuilder node(Node node) {
        if (node == null) {
            throw new InvalidConfigException("node must not be null");
        }
        nodes.add(node);
        return this;
    }

    /**
     * The value the graph returns.
     *
     * @param name the name of a value of the graph
     * @return this builder
     */
    public GraphBuilder output(String name) {
        this.outputName = name;
        return this;
    }

    /**
     * The data type of parameters and values (FLOAT by default).
     *
     * @param type a floating-point type
     * @return this builder
     * @throws InvalidConfigException if {@code type} is null or not floating-point
     */
    public GraphBuilder dataType(DataType type) {
        if (type == null || !type.isFPType()) {
            throw new InvalidConfigException("a graph's data type must be a floating-point type but was " + type);
        }
        this.dataType = type;
        return this;
    }

    /**
     * How large batches are split (64 rows by default).
     *
     * @param policy the policy
     * @return this builder
     * @throws InvalidConfigException if {@code policy} is null
     */
    public GraphBuilder batchPolicy(BatchPolicy policy) {
        if (policy == null) {
            throw new InvalidConfigException("batchPolicy must not be null");
        }
        this.batchPolicy = policy;
        return this;
    }

    /**
     * The graph.
     *
     * @return the graph, nodes in execution order
     * @throws ModelFormatException if a value is defined twice or never, a node name repeats, or there is a cycle
     */
    public Graph build() {
        if (inputName == null) {
            throw new ModelFormatException("graph '" + id + "' has no input: call input(name, shape)");
        }
        if (outputName == null) {
            throw new ModelFormatException("graph '" + id + "' has no output: call output(name)");
        }
        Map<String, Node> producer = new HashMap<>();
        Set<String> nodeNames = new HashSet<>();
        for (Node n : nodes) {
            if (!nodeNames.add(n.name())) {
                throw new ModelFormatException("graph '" + id + "': two nodes are called '" + n.name() + "'");
            }
            String out = n.output();
            if (out.equals(inputName) || constants.containsKey(out) || producer.containsKey(out)) {
                throw new ModelFormatException("graph '" + id + "': value '" + out + "' is produced by node '"
                        + n.name() + "' but is already defined" + (producer.containsKey(out)
                        ? " by node '" + producer.get(out).name() + "'" : ""));
            }
            producer.put(out, n);
        }
        if (constants.containsKey(inputName)) {
            throw new ModelFormatException("graph '" + id + "': the input '" + inputName + "' is also a constant");
        }
        for (Node n : nodes) {
            for (String in : n.inputs()) {
                if (!in.equals(inputName) && !constants.containsKey(in) && !producer.containsKey(in)) {
                    throw new ModelFormatException("graph '" + id + "': node '" + n.name() + "' (" + n.opType()
                            + ") reads '" + in + "', which is neither the input, a constant nor a node's output");
                }
            }
        }
        if (!outputName.equals(inputName) && !producer.containsKey(outputName)) {
            throw new ModelFormatException("graph '" + id + "': the output '" + outputName + "' is produced by no node");
        }
        // Keep only what the output depends on.
        Set<String> needed = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(outputName);
        while (!todo.isEmpty()) {
            String v = todo.pop();
            if (needed.add(v)) {
                Node p = producer.get(v);
                if (p != null) {
                    todo.addAll(p.inputs());
                }
            }
        }
        List<Node> kept = new ArrayList<>();
        for (Node n : nodes) {
            if (needed.contains(n.output())) {
                kept.add(n.withDataType(dataType));
            }
        }
        List<Node> sorted = topologicalOrder(kept);
        Map<String, INDArray> keptConstants = new LinkedHashMap<>();
        constants.forEach((k, v) -> {
            if (needed.contains(k)) {
                keptConstants.put(k, v.dataType() == dataType || !v.dataType().isFPType() ? v : v.castTo(dataType));
            }
        });
        return new Graph(id, inputName, inputShape, outputName, sorted, keptConstants, dataType, batchPolicy);
    }

    private List<Node> topologicalOrder(List<Node> kept) {
        Map<String, Node> producer = new HashMap<>();
        for (Node n : kept) {
            producer.put(n.output(), n);
        }
        Map<Node, Integer> pending = new LinkedHashMap<>();
        Map<String, List<Node>> readers = new HashMap<>();
        for (Node n : kept) {
            int deps = 0;
            for (String in : n.inputs()) {
                if (producer.containsKey(in)) {
                    deps++;
                    readers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
                }
            }
            pending.put(n, deps);
        }
        // Kahn's algorithm, preferring the order in which nodes were added.
        List<Node> order = new ArrayList<>();
        Deque<Node> ready = new ArrayDeque<>();
        for (Node n : kept) {
            if (pending.get(n) == 0) {
                ready.add(n);
            }
        }
        Map<Node, Integer> position = new HashMap<>();
        for (int i = 0; i < kept.size(); i++) {
            position.put(kept.get(i), i);
        }
        java.util.PriorityQueue<Node> queue = new java.util.PriorityQueue<>(
                java.util.Comparator.comparingInt(position::get));
        queue.addAll(ready);
        while (!queue.isEmpty()) {
            Node n = queue.poll();
            order.add(n);
            for (Node r : readers.getOrDefault(n.output(), List.of())) {
                int left = pending.merge(r, -1, Integer::sum);
                if (left == 0) {
                    queue.add(r);
                }
            }
        }
        if (order.size() != kept.size()) {
            List<String> stuck = new ArrayList<>();
            for (Node n : kept) {
                if (!order.contains(n)) {
                    stuck.add(n.name());
                }
            }
            throw new ModelFormatException("graph '" + id + "' has a cycle through nodes " + stuck);
        }
        return order;
    }
}
