package org.xai4j.core.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.model.Gradients;
import org.xai4j.core.model.LayerPass;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.Checks;
import org.xai4j.core.util.Names;

/**
 * An explanation graph: a directed acyclic graph of typed {@link Node}s with one input and one output,
 * run forward on libnd4j native ops and backward as vector–Jacobian products with respect to node inputs
 * (never weights), or through any per-node {@link BackwardRule}.
 *
 * <p><b>Thread safety.</b> A graph is immutable and may be shared by any number of threads: nodes and
 * constants are never modified, and every pass keeps its state (values, gradients, buffer counts) in its
 * own call. <b>Memory.</b> Intermediates are freed as soon as neither the rest of the forward pass nor the
 * backward pass needs them; large batches are split into chunks by the graph's {@link BatchPolicy}.
 * <b>Names.</b> Every node keeps its name from the source model; a layer can be asked for by node name or
 * by the name of the value it produces (e.g. ONNX's {@code onnx::Conv_28}). Unknown names fail with
 * {@link UnknownLayerException} listing close matches.
 *
 * <p>Build with {@link #builder(String)}; importers in {@code xai-models} build graphs from ONNX files and
 * DL4J networks.
 */
public final class Graph implements LayeredModel {
    private final String id;
    private final String inputName;
    private final long[] inputShape;
    private final String outputName;
    private final List<Node> nodes;
    private final Map<String, INDArray> constants;
    private final DataType dataType;
    private final BatchPolicy batchPolicy;
    private final ForwardEngine forwardEngine;
    private final GradientEngine gradientEngine;

    private final Map<String, Node> byName = new HashMap<>();
    private final Map<String, Node> byOutput = new HashMap<>();
    private final Set<String> inputDependent = new HashSet<>();
    private final List<String> layerNames;
    private final Map<List<Long>, Long> bytesPerRow = new ConcurrentHashMap<>();
    /** {@link #engine()}'s four answers, written once: index 1 when the forward engine runs, + 2 the gradient one. */
    private final String[] engineTexts;

    Graph(String id, String inputName, long[] inputShape, String outputName, List<Node> nodes,
          Map<String, INDArray> constants, DataType dataType, BatchPolicy batchPolicy) {
        this(id, inputName, inputShape, outputName, nodes, constants, dataType, batchPolicy, null, null);
    }

    private Graph(String id, String inputName, long[] inputShape, String outputName, List<Node> nodes,
                  Map<String, INDArray> constants, DataType dataType, BatchPolicy batchPolicy,
                  ForwardEngine forwardEngine, GradientEngine gradientEngine) {
        this.forwardEngine = forwardEngine;
        this.gradientEngine = gradientEngine;
        this.id = id;
        this.inputName = inputName;
        this.inputShape = inputShape == null ? null : inputShape.clone();
        this.outputName = outputName;
        this.nodes = List.copyOf(nodes);
        this.constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
        this.dataType = dataType;
        this.batchPolicy = batchPolicy;
        inputDependent.add(inputName);
        List<String> names = new ArrayList<>();
        for (Node n : this.nodes) {
            byName.put(n.name(), n);
            byOutput.put(n.output(), n);
            names.add(n.name());
            for (String in : n.inputs()) {
                if (inputDependent.contains(in)) {
                    inputDependent.add(n.output());
                    break;
                }
            }
        }
        this.layerNames = List.copyOf(names);
        String forward = forwardEngine == null ? "" : "; forward passes: " + forwardEngine.name();
        String gradient = gradientEngine == null ? "" : "; gradient passes: " + gradientEngine.name();
        this.engineTexts = new String[] {"graph", "graph" + forward, "graph" + gradient, "graph" + forward + gradient};
    }

    /**
     * A builder for a graph called {@code id}.
     *
     * @param id the graph's id, recorded in provenance
     * @return a new builder
     */
    public static GraphBuilder builder(String id) {
        return new GraphBuilder(id);
    }

    /**
     * A builder holding this graph's input, constants, nodes and output, to derive a changed graph.
     *
     * @return a new builder; this graph is unchanged
     */
    public GraphBuilder toBuilder() {
        GraphBuilder b = new GraphBuilder(id).input(inputName, inputShape).output(outputName).dataType(dataType)
                .batchPolicy(batchPolicy);
        constants.forEach(b::constant);
        nodes.forEach(b::node);
        return b;
    }

    @Override
    public String id() {
        return id;
    }

    /**
     * {@code graph}, followed by {@code ; forward passes: NAME} while a {@link #withForwardEngine forward engine} that
     * can run here is attached (it then runs the plain forward passes) and by {@code ; gradient passes: NAME} while
     * a {@link #withGradientEngine gradient engine} that can run here is (it then runs the plain gradient passes it
     * supports); layer, edited and rule-based passes stay on the graph.
     *
     * @return the engine's description for provenance
     */
    @Override
    public String engine() {
        boolean forward = forwardEngine != null && forwardEngine.available(); // asked every time: it may change
        boolean gradient = gradientEngine != null && gradientEngine.available();
        return engineTexts[(forward ? 1 : 0) + (gradient ? 2 : 0)];
    }

    /**
     * The name of the graph's input value.
     *
     * @return the input's name
     */
    public String inputName() {
        return inputName;
    }

    /**
     * The input shape the source model declares (−1 for free axes), or {@code null} if unknown.
     *
     * @return a copy of the shape, or null
     */
    public long[] inputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    /** The declared shape of one input row (the input shape without its batch axis), when known. */
    @Override
    public java.util.Optional<long[]> rowShape() {
        if (inputShape == null || inputShape.length < 1) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(java.util.Arrays.copyOfRange(inputShape, 1, inputShape.length));
    }

    /**
     * The name of the value the graph returns.
     *
     * @return the output's name
     */
    public String outputName() {
        return outputName;
    }

    /**
     * The nodes in execution order.
     *
     * @return an unmodifiable list of the nodes
     */
    public List<Node> nodes() {
        return nodes;
    }

    /**
     * The named constant values nodes may read (copies are not made: do not modify).
     *
     * @return an unmodifiable map of constant name → value
     */
    public Map<String, INDArray> constants() {
        return constants;
    }

    /**
     * The data type of the graph's parameters and values.
     *
     * @return the data type, FLOAT or DOUBLE
     */
    public DataType dataType() {
        return dataType;
    }

    /**
     * How large batches are split.
     *
     * @return the policy
     */
    public BatchPolicy batchPolicy() {
        return batchPolicy;
    }

    /**
     * This graph with every parameter and constant cast to {@code type} (e.g. DOUBLE for finite differences).
     *
     * @param type a floating-point type
     * @return a new graph, or this one when it already has that type
     */
    public Graph castTo(DataType type) {
        if (type == dataType) {
            return this;
        }
        return toBuilder().dataType(type).build();
    }

    /**
     * This graph with another batching policy.
     *
     * @param policy the policy
     * @return a graph with the same nodes and this policy
     */
    public Graph withBatchPolicy(BatchPolicy policy) {
        return new Graph(id, inputName, inputShape, outputName, nodes, constants, dataType, policy, forwardEngine,
                gradientEngine);
    }

    /**
     * This graph with {@code engine} running its plain forward passes ({@link #predict}); the passes that read
     * layers, edit them or go backward stay on the graph. A graph derived through {@link #toBuilder()} or
     * {@link #castTo} has no engine (it may compute something else).
     *
     * @param engine the engine, or null for none
     * @return a graph with the same nodes and this engine
     */
    public Graph withForwardEngine(ForwardEngine engine) {
        return new Graph(id, inputName, inputShape, outputName, nodes, constants, dataType, batchPolicy, engine,
                gradientEngine);
    }

    /**
     * This graph with {@code engine} running its plain gradient passes ({@link #gradients}: no layers, no edits, the
     * plain gradient) for the targets the engine supports; every other pass, and any pass the engine declines, stays
     * on the graph. A graph derived through {@link #toBuilder()} or {@link #castTo} has no engine.
     *
     * @param engine the engine, or null for none
     * @return a graph with the same nodes and this engine
     */
    public Graph withGradientEngine(GradientEngine engine) {
        return new Graph(id, inputName, inputShape, outputName, nodes, constants, dataType, batchPolicy,
                forwardEngine, engine);
    }

    /**
     * The engine of the plain gradient passes other than the graph itself, if one is attached.
     *
     * @return the engine, or empty when the graph runs its own gradient passes
     */
    public java.util.Optional<GradientEngine> gradientEngine() {
        return java.util.Optional.ofNullable(gradientEngine);
    }

    /**
     * The engine of the plain forward passes other than the graph itself, if one is attached.
     *
     * @return the engine, or empty when the graph runs its own forward passes
     */
    public java.util.Optional<ForwardEngine> forwardEngine() {
        return java.util.Optional.ofNullable(forwardEngine);
    }

    /**
     * The node called {@code name}, or producing the value called {@code name}.
     *
     * @param name a node name or a value name
     * @return the node
     * @throws UnknownLayerException listing close matches if there is none
     */
    public Node node(String name) {
        Node n = byName.get(name);
        if (n == null) {
            n = byOutput.get(name);
        }
        if (n == null) {
            Set<String> candidates = new LinkedHashSet<>(layerNames);
            candidates.addAll(byOutput.keySet());
            throw new UnknownLayerException(String.valueOf(name), Names.closest(String.valueOf(name), candidates, 5));
        }
        return n;
    }

    /**
     * Whether the value called {@code valueName} depends on the graph input (so gradients flow to it).
     *
     * @param valueName the name of a value of the graph
     * @return true when it depends on the input
     */
    public boolean dependsOnInput(String valueName) {
        return inputDependent.contains(valueName);
    }

    @Override
    public List<String> layerNames() {
        return layerNames;
    }

    @Override
    public INDArray predict(INDArray input) {
        if (forwardEngine != null && forwardEngine.available()) {
            INDArray x = prepareInput(input);
            return Batching.map(x, rowsPerChunk(x), forwardEngine::predict);
        }
        return propagate(input, Propagation.builder().build()).output();
    }

    @Override
    public Gradients gradients(INDArray input, Target target) {
        requireTarget(target);
        if (gradientEngine != null && gradientEngine.supports(target) && gradientEngine.available()) {
            INDArray x = prepareInput(input);
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                Gradients g = engineGradients(x, target);
                if (g != null) {
                    return g;
                }
            }
        }
        LayerPass p = propagate(input, Propagation.builder().target(target).build());
        return new Gradients(p.output(), p.inputGradient());
    }

    /** The gradient engine's passes over {@code x}'s chunks, joined; null when it declines any chunk. */
    private Gradients engineGradients(INDArray x, Target target) {
        int per = rowsPerChunk(x);
        long n = x.size(0);
        if (n <= per) {
            Gradients g = gradientEngine.gradients(x, target);
            if (g != null) {
                target.validate(g.output().shape());
            }
            return g;
        }
        List<INDArray> outs = new ArrayList<>();
        List<INDArray> grads = new ArrayList<>();
        for (Batching.Range r : Batching.ranges(n, per)) {
            Target t = target.rows(r.from(), r.to());
            Gradients g = gradientEngine.gradients(Batching.rows(x, r.from(), r.to()), t);
            if (g == null) {
                return null;
            }
            t.validate(g.output().shape());
            outs.add(g.output());
            grads.add(g.inputGradient());
        }
        return new Gradients(Nd4j.concat(0, outs.toArray(INDArray[]::new)),
                Nd4j.concat(0, grads.toArray(INDArray[]::new)), true); // new arrays
    }

    @Override
    public LayerPass forward(INDArray input, Collection<String> layers) {
        return propagate(input, Propagation.builder().layers(List.copyOf(layers)).build());
    }

    @Override
    public LayerPass backward(INDArray input, Target target, Collection<String> layers) {
        return propagate(input, Propagation.builder().target(requireTarget(target)).layers(List.copyOf(layers)).build());
    }

    /** A backward pass that stops at the earliest of {@code layers}: no input gradient (it is {@code null}). */
    @Override
    public LayerPass layerGradients(INDArray input, Target target, Collection<String> layers) {
        return propagate(input, Propagation.builder().target(requireTarget(target)).layers(List.copyOf(layers))
                .inputGradient(false).build());
    }

    /**
     * Runs the forward pass with the activation of {@code layer} replaced by {@code activation} (row i for row
     * i of {@code input}), then the backward pass from {@code target} down to the earliest of {@code layers}
     * (layer integrated gradients); the input gradient is {@code null}.
     */
    @Override
    public LayerPass backwardReplacing(INDArray input, Target target, String layer, INDArray activation,
                                       Collection<String> layers) {
        Node n = node(layer);
        requireTarget(target);
        Checks.requireArray(activation, "activation of layer '" + layer + "'");
        INDArray x = prepareInput(input);
        if (activation.rank() == 0 || activation.size(0) != x.size(0)) {
            throw new InvalidShapeException("the replacement activation of layer '" + layer + "' must have one row per"
                    + " input row (" + x.size(0) + ") but has shape " + Arrays.toString(activation.shape()));
        }
        List<String> wanted = List.copyOf(layers);
        for (String l : wanted) {
            node(l);
        }
        Propagation request = new Propagation(target, Composite.gradient(), null, wanted, false);
        return chunked(x, request, null, r -> {
            INDArray rows = Batching.rows(activation, r.from(), r.to());
            UnaryOperator<INDArray> replace = a -> {
                if (!Arrays.equals(a.shape(), rows.shape())) {
                    throw new InvalidShapeException("the replacement activation of layer '" + layer
                            + "' has rows of shape " + Arrays.toString(Arrays.copyOfRange(rows.shape(), 1,
                            rows.rank())) + " but the layer's activation has rows of shape "
                            + Arrays.toString(Arrays.copyOfRange(a.shape(), 1, a.rank())));
                }
                return rows.dup();
            };
            return Map.of(n.name(), replace);
        });
    }

    @Override
    public INDArray predictWithEdit(INDArray input, String layer, UnaryOperator<INDArray> edit) {
        Node n = node(layer);
        if (edit == null) {
            throw new org.xai4j.core.InvalidConfigException("predictWithEdit: edit must not be null");
        }
        INDArray x = prepareInput(input);
        return chunked(x, Propagation.builder().build(), null, r -> Map.of(n.name(), edit)).output();
    }

    /**
     * The general pass: forward, then — if {@code request} has a target — backward from the target's seed
     * through the request's composite. The result's {@code inputGradient} is what reaches the input (the
     * gradient under the plain rule, relevance under LRP), its {@code gradients} what reaches each named
     * layer's output. Never modifies {@code input} or the reference.
     *
     * @param input N rows (not modified)
     * @param request the target, composite, reference and layers
     * @return the output, what reaches the input (or null), and the layers' activations and backward values
     */
    public LayerPass propagate(INDArray input, Propagation request) {
        INDArray x = prepareInput(input);
        List<String> layers = request.layers();
        for (String l : layers) {
            node(l);
        }
        for (String l : request.composite().names()) {
            node(l);
        }
        for (BackwardEdit e : request.edits()) {
            Node n = node(e.node());
            if (!dependsOnInput(n.output())) {
                throw new org.xai4j.core.InvalidConfigException("edits: node '" + e.node() + "' does not depend on"
                        + " the input, so the backward pass never reaches it");
            }
        }
        INDArray reference = null;
        if (request.reference() != null) {
            reference = prepareReference(request.reference(), x);
        }
        return chunked(x, request, reference, r -> Map.of());
    }

    /**
     * Runs {@code request} over {@code x} in chunks of the batch policy's rows (the whole batch in one
     * execution when it fits), with the layer edits {@code edits} gives for each chunk's rows, and joins the
     * chunks' results.
     */
    private LayerPass chunked(INDArray x, Propagation request, INDArray reference,
                              Function<Batching.Range, Map<String, UnaryOperator<INDArray>>> edits) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            int per = rowsPerChunk(x);
            long n = x.size(0);
            if (n <= per) {
                return new Execution(this, request, edits.apply(new Batching.Range(0, (int) n))).run(x, reference);
            }
            List<LayerPass> parts = new ArrayList<>();
            for (Batching.Range r : Batching.ranges(n, per)) {
                INDArray xs = Batching.rows(x, r.from(), r.to());
                INDArray refs = reference == null ? null
                        : reference.size(0) == 1 ? reference : Batching.rows(reference, r.from(), r.to());
                Target t = request.target() == null ? null : request.target().rows(r.from(), r.to());
                Propagation sub = new Propagation(t, request.composite(), refs, request.layers(),
                        request.inputGradient(), request.edits());
                parts.add(new Execution(this, sub, edits.apply(r)).run(xs, refs));
            }
            return concat(parts);
        }
    }

    private static LayerPass concat(List<LayerPass> parts) {
        INDArray out = Nd4j.concat(0, parts.stream().map(LayerPass::output).toArray(INDArray[]::new));
        INDArray grad = parts.get(0).inputGradient() == null ? null
                : Nd4j.concat(0, parts.stream().map(LayerPass::inputGradient).toArray(INDArray[]::new));
        Map<String, INDArray> acts = new LinkedHashMap<>();
        for (String k : parts.get(0).activations().keySet()) {
            acts.put(k, Nd4j.concat(0, parts.stream().map(p -> p.activations().get(k)).toArray(INDArray[]::new)));
        }
        Map<String, INDArray> grads = new LinkedHashMap<>();
        for (String k : parts.get(0).gradients().keySet()) {
            grads.put(k, Nd4j.concat(0, parts.stream().map(p -> p.gradients().get(k)).toArray(INDArray[]::new)));
        }
        return new LayerPass(out, grad, acts, grads);
    }

    private static Target requireTarget(Target target) {
        if (target == null) {
            throw new org.xai4j.core.InvalidTargetException("a backward pass needs a target but got null");
        }
        return target;
    }

    private INDArray prepareInput(INDArray input) {
        Checks.requireArray(input, "input");
        if (input.rank() == 0) {
            throw new InvalidShapeException("input: expected a batch (first axis = rows) but got a scalar");
        }
        if (inputShape != null) {
            boolean ok = input.rank() == inputShape.length;
            for (int i = 1; ok && i < inputShape.length; i++) {
                ok = inputShape[i] < 0 || inputShape[i] == input.size(i);
            }
            if (!ok) {
                throw new InvalidShapeException("input of graph '" + id + "': expected shape "
                        + pattern(inputShape) + " but got " + Arrays.toString(input.shape()));
            }
        }
        Checks.requireFinite(input, "input");
        return input.dataType() == dataType ? input : input.castTo(dataType);
    }

    private INDArray prepareReference(INDArray reference, INDArray x) {
        Checks.requireArray(reference, "reference");
        long[] rs = reference.shape();
        long[] xs = x.shape();
        boolean rowsOk = rs.length == xs.length && (rs[0] == xs[0] || rs[0] == 1);
        for (int i = 1; rowsOk && i < xs.length; i++) {
            rowsOk = rs[i] == xs[i];
        }
        if (!rowsOk) {
            throw new InvalidShapeException("reference shape " + Arrays.toString(rs) + " does not fit input shape "
                    + Arrays.toString(xs) + " (expected the same shape, or one row of it)");
        }
        Checks.requireFinite(reference, "reference");
        return reference.dataType() == dataType ? reference : reference.castTo(dataType);
    }

    private int rowsPerChunk(INDArray x) {
        if (batchPolicy.memoryBudgetBytes() == 0) {
            return batchPolicy.maxRows();
        }
        long[] s = x.shape();
        List<Long> rowShape = new ArrayList<>();
        for (int i = 1; i < s.length; i++) {
            rowShape.add(s[i]);
        }
        long perRow = bytesPerRow.computeIfAbsent(rowShape, k -> measureBytesPerRow(Batching.rows(x, 0, 1)));
        return batchPolicy.rowsPerBatch(perRow);
    }

    /** The bytes of every value a one-row forward and backward pass creates: an upper bound on its working set. */
    private long measureBytesPerRow(INDArray oneRow) {
        long total = oneRow.length() * oneRow.dataType().width() * 2;
        INDArray v = oneRow;
        Map<String, INDArray> values = new HashMap<>(constants);
        values.put(inputName, v);
        for (Node n : nodes) {
            INDArray[] ins = n.inputs().stream().map(values::get).toArray(INDArray[]::new);
            INDArray out = n.forward(ins);
            values.put(n.output(), out);
            total += out.length() * out.dataType().width() * 2;
        }
        return total;
    }

    static String pattern(long[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i] < 0 ? "*" : Long.toString(shape[i]));
        }
        return sb.append(']').toString();
    }

    @Override
    public String toString() {
        return "Graph[" + id + ": " + nodes.size() + " nodes, input '" + inputName + "' "
                + (inputShape == null ? "" : pattern(inputShape)) + ", output '" + outputName + "', " + dataType + "]";
    }
}
