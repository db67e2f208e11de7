package org.xai4j.models.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.ModelFormatException;
import org.xai4j.core.UnsupportedModelException;
import org.xai4j.core.graph.Graph;
import org.xai4j.models.ort.OnnxRuntimeForward;
import org.xai4j.models.ort.OnnxRuntimeGradients;
import org.xai4j.core.graph.GraphBuilder;
import org.xai4j.core.graph.Node;

/**
 * Reads an ONNX model into an explanation {@link Graph}.
 *
 * <ul>
 *   <li>The protobuf is parsed directly (field numbers of {@code onnx.proto}); opsets 11–18 of the default
 *       domain are tested (PyTorch's exports), older and newer forms of attributes-vs-inputs are accepted.</li>
 *   <li>Initializers and Constant nodes become parameters; the shape arithmetic PyTorch emits
 *       ({@code Shape → Gather → Unsqueeze → Concat → Reshape}) and any node whose inputs are all constant
 *       is evaluated at import, so only operations on the input remain.</li>
 *   <li>Every graph node keeps its ONNX node name (e.g. {@code /layer1/layer1.0/relu/Relu}), and each value
 *       its ONNX name (e.g. {@code onnx::Conv_28}); either can name a layer.</li>
 *   <li>A model with operations the graph cannot express fails with one {@link UnsupportedModelException}
 *       listing every such operation type and node; a file that is not a valid ONNX model fails with
 *       {@link ModelFormatException}.</li>
 * </ul>
 */
public final class OnnxImporter {
    private OnnxImporter() {
    }

    /**
     * Reads {@code path} with the default options.
     *
     * @param path the {@code .onnx} file
     * @return the graph, with FLOAT values, the only input and the first output
     * @throws ModelFormatException if the file cannot be read or is not a valid ONNX model
     * @throws UnsupportedModelException if operations cannot be expressed, listing every one
     */
    public static Graph read(Path path) {
        return read(path, OnnxImportOptions.DEFAULT);
    }

    /**
     * Reads {@code path}; the graph's id is the file name.
     *
     * @param path the {@code .onnx} file
     * @param options the input, output, data type and batch policy to use
     * @return the graph
     * @throws ModelFormatException if the file cannot be read or is not a valid ONNX model
     * @throws UnsupportedModelException if operations cannot be expressed, listing every one
     */
    public static Graph read(Path path, OnnxImportOptions options) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new ModelFormatException("cannot read ONNX model " + path + ": " + e.getMessage(), e);
        }
        return read(bytes, path.getFileName().toString(), options);
    }

    /**
     * Reads a model from its serialised bytes; {@code id} names the graph (for provenance and messages).
     *
     * @param model the bytes of an ONNX {@code ModelProto}
     * @param id the graph's id
     * @param options the input, output, data type and batch policy to use
     * @return the graph
     * @throws ModelFormatException if the bytes are not a valid ONNX model or declare no default-domain opset
     * @throws UnsupportedModelException if operations cannot be expressed, listing every one
     */
    public static Graph read(byte[] model, String id, OnnxImportOptions options) {
        OnnxProto.Model m = parse(model, id);
        long opset = m.opsets().stream().filter(o -> o.domain().isEmpty() || o.domain().equals("ai.onnx"))
                .mapToLong(OnnxProto.OpsetId::version).max().orElse(0);
        if (opset == 0) {
            throw new ModelFormatException("ONNX model '" + id + "' declares no opset of the default domain");
        }
        OnnxProto.Graph g = m.graph();
        ImportState s = new ImportState(id, opset, options.dataType());
        for (OnnxProto.Tensor t : g.initializers()) {
            s.constants.put(t.name(), OnnxTensors.toArray(t, "ONNX model '" + id + "'"));
        }
        OnnxProto.ValueInfo input = chooseInput(g, s, id, options);
        s.ranks.put(input.name(), input.dims() == null ? -1 : input.dims().length);
        for (OnnxProto.Node n : g.nodes()) {
            convert(n, s);
        }
        String output = chooseOutput(g, id, options);
        if (s.problems.isEmpty() && !s.isRuntime(output)) {
            throw new UnsupportedModelException("ONNX model '" + id + "': output '" + output
                    + "' does not depend on the input '" + input.name() + "'");
        }
        if (!s.problems.isEmpty()) {
            throw new UnsupportedModelException("ONNX model '" + id + "' (opset " + opset + ") uses "
                    + s.problems.size() + " node(s) the explanation graph does not support; unsupported op types: "
                    + String.join(", ", s.problemOps) + "\n  - " + String.join("\n  - ", s.problems));
        }
        GraphBuilder b = Graph.builder(id).input(input.name(), input.dims()).output(output)
                .dataType(options.dataType()).batchPolicy(options.batchPolicy());
        s.graphConstants.forEach(b::constant);
        s.nodes.forEach(b::node);
        Graph graph = b.build();
        // plain forward passes on ONNX Runtime's whole-model session where it runs this file (float graphs only)
        OnnxRuntimeForward fast = options.dataType() == DataType.FLOAT ? OnnxRuntimeForward.of(model, id, output) : null;
        // and plain gradient passes as one ONNX Runtime call, where every node has a gradient model
        OnnxRuntimeGradients gradients = OnnxRuntimeGradients.of(graph);
        Graph engines = fast == null ? graph : graph.withForwardEngine(fast);
        return gradients == null ? engines : engines.withGradientEngine(gradients);
    }

    private static OnnxProto.Model parse(byte[] bytes, String id) {
        OnnxProto.Model m;
        try {
            m = OnnxProto.parseModel(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelFormatException("'" + id + "' is not a valid ONNX model (protobuf error: " + e.getMessage()
                    + ")", e);
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException("'" + id + "' is not a valid ONNX model: " + e.getMessage(), e);
        }
        if (m.graph() == null || m.graph().nodes().isEmpty()) {
            throw new ModelFormatException("'" + id + "' is not a valid ONNX model: it has no graph"
                    + (m.irVersion() == 0 ? " and no IR version" : ""));
        }
        if (m.graph().outputs().isEmpty()) {
            throw new ModelFormatException("ONNX model '" + id + "' declares no graph output");
        }
        return m;
    }

    private static OnnxProto.ValueInfo chooseInput(OnnxProto.Graph g, ImportState s, String id,
                                                   OnnxImportOptions options) {
        List<OnnxProto.ValueInfo> runtime = new ArrayList<>();
        for (OnnxProto.ValueInfo v : g.inputs()) {
            if (!s.constants.containsKey(v.name())) {
                runtime.add(v);
            }
        }
        if (options.input() != null) {
            for (OnnxProto.ValueInfo v : runtime) {
                if (v.name().equals(options.input())) {
                    return v;
                }
            }
            throw new ModelFormatException("ONNX model '" + id + "' has no input '" + options.input() + "'; its inputs are "
                    + runtime.stream().map(OnnxProto.ValueInfo::name).toList());
        }
        if (runtime.size() != 1) {
            throw new UnsupportedModelException("ONNX model '" + id + "' has " + runtime.size() + " run-time inputs "
                    + runtime.stream().map(OnnxProto.ValueInfo::name).toList()
                    + "; the explanation graph takes one (choose it with OnnxImportOptions.input)");
        }
        return runtime.get(0);
    }

    private static String chooseOutput(OnnxProto.Graph g, String id, OnnxImportOptions options) {
        if (options.output() == null) {
            return g.outputs().get(0).name();
        }
        for (OnnxProto.ValueInfo v : g.outputs()) {
            if (v.name().equals(options.output())) {
                return v.name();
            }
        }
        throw new ModelFormatException("ONNX model '" + id + "' has no output '" + options.output() + "'; its outputs are "
                + g.outputs().stream().map(OnnxProto.ValueInfo::name).toList());
    }

    private static void convert(OnnxProto.Node n, ImportState s) {
        if (n.outputs().isEmpty()) {
            return;
        }
        if (!n.domain().isEmpty() && !n.domain().equals("ai.onnx")) {
            s.problem(n, "operator domain '" + n.domain() + "'");
            return;
        }
        for (String in : n.inputs()) {
            if (s.unknown.contains(in)) {
                // Downstream of a problem: only report the op if it would be unsupported on its own.
                if (!NodeMapper.SUPPORTED.contains(n.opType()) && !ShapeFolding.FOLDABLE.contains(n.opType())) {
                    s.problem(n, null);
                }
                s.unknown.addAll(n.outputs());
                return;
            }
        }
        for (String in : n.inputs()) {
            if (!in.isEmpty() && !s.isConstant(in) && !s.isRuntime(in) && !s.symbolic.containsKey(in)) {
                throw new ModelFormatException("ONNX model '" + s.modelId + "': node '" + n.name() + "' (" + n.opType()
                        + ") reads '" + in + "', which no earlier node, initializer or input defines");
            }
        }
        if (ShapeFolding.tryFold(n, s)) {
            return;
        }
        boolean allConstant = n.inputs().stream().allMatch(in -> in.isEmpty() || s.isConstant(in));
        String name = s.nodeName(n);
        NodeMapper.Built built;
        try {
            built = NodeMapper.map(n, s, name);
        } catch (NodeMapper.Unsupported e) {
            s.problem(n, e.getMessage());
            return;
        } catch (RuntimeException e) {
            s.problem(n, e.getMessage());
            return;
        }
        if (allConstant) {
            fold(n, s, built.node());
            return;
        }
        for (String in : built.node().inputs()) {
            if (s.isConstant(in)) {
                s.graphConstant(in);
            } else if (s.symbolic.containsKey(in)) {
                s.problem(n, "reads the shape-derived value '" + in + "' at run time");
                return;
            }
        }
        s.add(built.node(), built.rank());
    }

    /** Evaluates a node whose inputs are all constant (a constant subgraph the exporter left in). */
    private static void fold(OnnxProto.Node n, ImportState s, Node node) {
        try {
            INDArray[] ins = node.inputs().stream().map(in -> {
                INDArray c = s.constants.get(in);
                return c.dataType().isFPType() ? c : c.castTo(DataType.FLOAT);
            }).toArray(INDArray[]::new);
            s.constants.put(node.output(), node.forward(ins));
        } catch (RuntimeException e) {
            s.problem(n, "cannot evaluate constant inputs: " + e.getMessage());
        }
    }

    /**
     * The op types the importer turns into graph nodes or folds away (for documentation and tests).
     *
     * @return an unmodifiable set of ONNX op type names, e.g. {@code "Conv"}, {@code "Gemm"}, {@code "Shape"}
     */
    public static Set<String> supportedOps() {
        Set<String> ops = new HashSet<>(NodeMapper.SUPPORTED);
        ops.addAll(ShapeFolding.FOLDABLE);
        return Set.copyOf(ops);
    }
}
