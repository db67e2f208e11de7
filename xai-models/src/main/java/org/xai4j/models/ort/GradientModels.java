package org.xai4j.models.ort;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.node.AddNode;
import org.xai4j.core.graph.node.AvgPoolNode;
import org.xai4j.core.graph.node.BatchNormNode;
import org.xai4j.core.graph.node.ConvNode;
import org.xai4j.core.graph.node.FlattenNode;
import org.xai4j.core.graph.node.GemmNode;
import org.xai4j.core.graph.node.GlobalAvgPoolNode;
import org.xai4j.core.graph.node.IdentityNode;
import org.xai4j.core.graph.node.MatMulNode;
import org.xai4j.core.graph.node.MaxPoolNode;
import org.xai4j.core.graph.node.ReluNode;
import org.xai4j.core.graph.node.ReshapeNode;
import org.xai4j.core.graph.node.Window2d;
import org.xai4j.core.util.HostArrays;
import org.xai4j.models.ort.ConvolutionModels.Attribute;

/**
 * Writes a float graph's plain gradient pass as one ONNX model for {@link OnnxRuntimeGradients}: the graph's forward
 * pass node for node, the seed of the target, and the backward pass of every node that depends on the input, as
 * ONNX operators. Inputs: the graph's input (float, any number of rows, the other axes as given) and, for fixed
 * classes, {@value #CLASSES} (int64, one class per row); outputs {@value #OUTPUT} (the graph's output, N×K) and
 * {@value #INPUT_GRADIENT} (the gradient of the target's score with respect to the input).
 *
 * <p>Each backward is the one the graph's own node computes, written with ONNX operators: a convolution's input
 * gradient as a convolution with the flipped kernel (stride 1) or a {@code ConvTranspose} with the output padding
 * of the rows no window reached; ReLU's as the upstream times the step of its output; a max pooling's as the
 * upstream at each window's first maximum in row-major order (see {@link #maxPoolGradient} for windows that tile the
 * input, {@link #overlappingMaxPoolGradient} for the others); an average pooling's as the upstream over its window's
 * divisor, spread by a {@code ConvTranspose} with a kernel of ones; a global average pooling's as the upstream over
 * the pooled positions, expanded; a batch normalisation's as the upstream times its per-channel scale, or nothing
 * where it is folded into the convolution before it ({@link #foldedBatchNorms}); Gemm's and MatMul's as products
 * with the constant operand; Add's, Flatten's, Reshape's and Identity's as the upstream (reshaped). Shapes come from
 * one forward pass of the graph over two rows of zeros with the caller's row shape ({@link #shapes}). Opset
 * {@value #OPSET}, for {@code ScatterElements}' sum.
 */
final class GradientModels {
    /** The input of the fixed classes, one per row. */
    static final String CLASSES = "xai4j/classes";
    /** The output of the graph's output. */
    static final String OUTPUT = "xai4j/output";
    /** The output of the input gradient. */
    static final String INPUT_GRADIENT = "xai4j/input_gradient";
    /**
     * The output of a float scalar that is finite when every value a max pooling reads is finite: the sum of those
     * values (a sum is finite only where every term is; one that overflows only sends the pass back to the graph).
     * ONNX Runtime's {@code MaxPool} treats −∞ and NaN unlike the graph's (a window of only such values gets the
     * lowest finite float and no index of its own, a NaN first tap is passed over), and a later ReLU or max pooling
     * can hide the difference from the output.
     */
    static final String CHECK = "xai4j/check";
    /** The models' opset: 16, the first whose {@code ScatterElements} adds values that reach the same position. */
    static final long OPSET = 16;

    /** A model this writer cannot make for one row shape (the graph then runs those passes itself). */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    private final Graph graph;
    private final Map<String, long[]> shapes;
    private final List<ByteString> nodes = new ArrayList<>();
    private final List<ByteString> initializers = new ArrayList<>();
    /** Gradient contributions reaching each value, in the order they arrive. */
    private final Map<String, List<String>> contributions = new HashMap<>();
    /** The names of the initializers written so far. */
    private final java.util.Set<String> written = new java.util.HashSet<>();
    /** By convolution name: the batch normalisation folded into it. */
    private final Map<String, BatchNormNode> folded;
    /** By max pooling name: the value of its forward's indices (pools whose windows do not tile the input). */
    private final Map<String, String> poolIndices = new HashMap<>();
    /** The values whose finiteness {@value #CHECK} reports, each once. */
    private final java.util.Set<String> checked = new java.util.LinkedHashSet<>();
    private int fresh;

    private GradientModels(Graph graph, Map<String, long[]> shapes) {
        this.graph = graph;
        this.shapes = shapes;
        this.folded = foldedBatchNorms(graph);
    }

    /**
     * The batch normalisations that can be folded into the convolution that feeds them, by the convolution's name:
     * those whose input is a convolution's output that nothing else reads and that is not the graph's output. The
     * written model then has one convolution with the weights times the scale and the bias times the scale plus the
     * shift (the same numbers up to rounding), and no per-channel pass forward or backward.
     *
     * @param graph a graph
     * @return convolution name → the batch normalisation folded into it
     */
    static Map<String, BatchNormNode> foldedBatchNorms(Graph graph) {
        Map<String, Integer> readers = new HashMap<>();
        Map<String, ConvNode> convolutions = new HashMap<>();
        for (Node n : graph.nodes()) {
            n.inputs().forEach(in -> readers.merge(in, 1, Integer::sum));
            if (n instanceof ConvNode c) {
                convolutions.put(c.output(), c);
            }
        }
        Map<String, BatchNormNode> folded = new HashMap<>();
        for (Node n : graph.nodes()) {
            String in = n.inputs().get(0);
            ConvNode c = convolutions.get(in);
            if (n instanceof BatchNormNode b && c != null && readers.get(in) == 1 && !in.equals(graph.outputName())) {
                folded.put(c.name(), b);
            }
        }
        return folded;
    }

    /**
     * Why this writer cannot write {@code graph}'s passes, or null when it can (the node types and their settings;
     * the shapes are checked when a model is written).
     *
     * @param graph a graph
     * @return a reason, or null
     */
    static String unsupported(Graph graph) {
        if (graph.dataType() != DataType.FLOAT) {
            return "a " + graph.dataType() + " graph";
        }
        for (Node n : graph.nodes()) {
            String why = unsupported(graph, n);
            if (why != null) {
                return "node '" + n.name() + "' (" + n.opType() + "): " + why;
            }
        }
        return null;
    }

    private static String unsupported(Graph graph, Node n) {
        if (n instanceof ConvNode || n instanceof ReluNode || n instanceof IdentityNode || n instanceof FlattenNode
                || n instanceof GemmNode || n instanceof AddNode || n instanceof BatchNormNode
                || n instanceof GlobalAvgPoolNode) {
            return null;
        }
        if (n instanceof MaxPoolNode m) {
            // ONNX Runtime 1.20 keeps a last window that starts in the trailing padding, the graph drops it
            return m.ceilMode() ? "ceil mode" : null;
        }
        if (n instanceof AvgPoolNode a) {
            return a.ceilMode() ? "ceil mode" : null;
        }
        if (n instanceof ReshapeNode r) {
            return Arrays.stream(r.shape()).anyMatch(d -> d == 0) ? "a 0 in the target shape" : null;
        }
        if (n instanceof MatMulNode) {
            int dependent = 0;
            for (String in : n.inputs()) {
                if (graph.dependsOnInput(in)) {
                    dependent++;
                } else if (!graph.constants().containsKey(in) || graph.constants().get(in).rank() != 2) {
                    return "the operand that does not depend on the input must be a constant matrix";
                }
            }
            return dependent <= 1 ? null : "both operands depend on the input";
        }
        return "no gradient model for this operator";
    }

    /**
     * Whether each output row of {@code graph} depends only on the same input row, so that a pass may be cut into row
     * ranges: every value that depends on the input keeps the rows on its first axis ({@code shapes}, over two rows:
     * a first dimension of 2 — a Reshape or Flatten that keeps it moves each row's block as a whole), no Gemm
     * transposes an input-dependent first operand and no MatMul has its input-dependent operand second (those
     * contract over the rows).
     *
     * @param graph a graph {@link #unsupported} accepts
     * @param shapes its values' shapes over two rows ({@link #shapes})
     * @return true when rows may be run apart
     */
    static boolean rowsSeparate(Graph graph, Map<String, long[]> shapes) {
        for (Node n : graph.nodes()) {
            if (n instanceof GemmNode gemm && gemm.transA() && graph.dependsOnInput(n.inputs().get(0))) {
                return false;
            }
            if (n instanceof MatMulNode && n.inputs().size() > 1 && graph.dependsOnInput(n.inputs().get(1))) {
                return false;
            }
            long[] s = shapes.get(n.output());
            if (graph.dependsOnInput(n.output()) && (s == null || s.length == 0 || s[0] != 2)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The shape of every value of {@code graph} in a forward pass over two rows of zeros of shape {@code row}.
     *
     * @param graph a graph {@link #unsupported} accepts
     * @param row the shape of one input row
     * @return value name → shape
     */
    static Map<String, long[]> shapes(Graph graph, long[] row) {
        long[] s = new long[row.length + 1];
        s[0] = 2;
        System.arraycopy(row, 0, s, 1, row.length);
        Map<String, INDArray> values = new HashMap<>(graph.constants());
        values.put(graph.inputName(), Nd4j.zeros(graph.dataType(), s));
        Map<String, long[]> shapes = new LinkedHashMap<>();
        values.forEach((k, v) -> shapes.put(k, v.shape()));
        for (Node n : graph.nodes()) {
            INDArray out = n.forward(n.inputs().stream().map(values::get).toArray(INDArray[]::new));
            values.put(n.output(), out);
            shapes.put(n.output(), out.shape());
        }
        return shapes;
    }

    /**
     * The gradient model of {@code graph} for input rows of shape {@code row}.
     *
     * @param graph a graph {@link #unsupported} accepts
     * @param row the shape of one input row
     * @param predicted whether the target is the predicted class (an ArgMax of the output) rather than the
     *                  {@value #CLASSES} input
     * @return the model's bytes
     * @throws Unsupported when the shapes rule the model out (e.g. an output that is not N×K)
     */
    static byte[] model(Graph graph, long[] row, boolean predicted) {
        return model(graph, shapes(graph, row), predicted);
    }

    /**
     * The gradient model of {@code graph} for the value shapes {@link #shapes} gave.
     *
     * @param graph a graph {@link #unsupported} accepts
     * @param shapes its values' shapes over two rows
     * @param predicted whether the target is the predicted class
     * @return the model's bytes
     * @throws Unsupported when the shapes rule the model out
     */
    static byte[] model(Graph graph, Map<String, long[]> shapes, boolean predicted) {
        return new GradientModels(graph, shapes).write(predicted);
    }

    /**
     * The values one input row makes in the forward pass (the elements of every node's output): the size of a
     * pass's work.
     *
     * @param graph the graph
     * @param shapes its values' shapes over two rows ({@link #shapes})
     * @return elements per row
     */
    static long elementsPerRow(Graph graph, Map<String, long[]> shapes) {
        long total = 0;
        for (Node n : graph.nodes()) {
            long e = 1;
            for (long d : shapes.get(n.output())) {
                e *= d;
            }
            total += e / 2;
        }
        return total;
    }

    private byte[] write(boolean predicted) {
        long[] out = shapes.get(graph.outputName());
        if (out.length != 2 || out[0] != shapes.get(graph.inputName())[0]) {
            throw new Unsupported("an output of shape " + Arrays.toString(out) + " (N×K, a row per input row, is"
                    + " supported)");
        }
        for (Node n : graph.nodes()) {
            for (String in : n.inputs()) {
                INDArray c = graph.constants().get(in);
                if (c != null && written.add(in)) {
                    if (c.dataType() != DataType.FLOAT) {
                        throw new Unsupported("the " + c.dataType() + " constant '" + in + "'");
                    }
                    initializers.add(ConvolutionModels.tensor(in, c.shape(), HostArrays.floats(c)));
                }
            }
            forward(n);
        }
        seed(predicted, out[1]);
        List<Node> all = graph.nodes();
        for (int k = all.size() - 1; k >= 0; k--) {
            Node n = all.get(k);
            if (graph.dependsOnInput(n.output())) {
                String g = gradient(n.output());
                if (g != null) {
                    backward(n, g);
                }
            }
        }
        String dx = gradient(graph.inputName());
        if (dx == null) {
            throw new Unsupported("no gradient reaches the input");
        }
        node("Identity", new String[] {graph.outputName()}, OUTPUT);
        node("Identity", new String[] {dx}, INPUT_GRADIENT);
        check();
        long[] in = shapes.get(graph.inputName());
        return ConvolutionModels.model(ConvolutionModels.message(g -> {
            for (ByteString n : nodes) {
                g.writeBytes(1, n);
            }
            g.writeString(2, "xai4j-gradients");
            for (ByteString t : initializers) {
                g.writeBytes(5, t);
            }
            g.writeBytes(11, ConvolutionModels.valueInfo(graph.inputName(), ConvolutionModels.FLOAT, rows(in)));
            if (!predicted) {
                g.writeBytes(11, ConvolutionModels.valueInfo(CLASSES, ConvolutionModels.INT64, -1));
            }
            g.writeBytes(12, ConvolutionModels.valueInfo(OUTPUT, ConvolutionModels.FLOAT, rows(out)));
            g.writeBytes(12, ConvolutionModels.valueInfo(INPUT_GRADIENT, ConvolutionModels.FLOAT, rows(in)));
            g.writeBytes(12, ConvolutionModels.valueInfo(CHECK, ConvolutionModels.FLOAT, new long[0]));
        }), OPSET);
    }

    /** {@code shape} with a free first axis. */
    private static long[] rows(long[] shape) {
        long[] s = shape.clone();
        s[0] = -1;
        return s;
    }

    /** {@value #CHECK}: the sum of every checked value's sum (0 when none is checked). */
    private void check() {
        if (checked.isEmpty()) {
            node("Identity", new String[] {zero()}, CHECK);
            return;
        }
        List<String> sums = new ArrayList<>();
        for (String v : checked) {
            String sum = name("check_sum");
            node("ReduceSum", new String[] {v}, sum, Attribute.of("keepdims", 0));
            sums.add(sum);
        }
        node("Sum", sums.toArray(String[]::new), CHECK);
    }

    /** The seed dScore/dOutput: one-hot rows of the classes given, or of each row's largest output. */
    private void seed(boolean predicted, long columns) {
        String classes = CLASSES;
        if (predicted) {
            classes = name("predicted");
            node("ArgMax", new String[] {graph.outputName()}, classes, Attribute.of("axis", 1),
                    Attribute.of("keepdims", 0));
        }
        String column = name("class_column");
        node("Unsqueeze", new String[] {classes, longs("axes", new long[] {1}, 1)}, column);
        long[] ids = new long[(int) columns];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        String hit = name("is_class");
        node("Equal", new String[] {column, longs("class_ids", new long[] {1, columns}, ids)}, hit);
        String seed = name("seed");
        node("Cast", new String[] {hit}, seed, Attribute.of("to", ConvolutionModels.FLOAT));
        contribute(graph.outputName(), seed);
    }

    private void forward(Node n) {
        String[] ins = n.inputs().toArray(String[]::new);
        if (n instanceof ConvNode c) {
            String w = convolutionWeight(c);
            String b = convolutionBias(c);
            String[] args = b == null ? new String[] {ins[0], w} : new String[] {ins[0], w, b};
            node("Conv", args, n.output(),
                    withGroups(OnnxRuntimeConvolution.forwardAttributes(c.window()), c.groups()));
        } else if (n instanceof ReluNode) {
            node("Relu", ins, n.output());
        } else if (n instanceof MaxPoolNode m) {
            Window2d w = m.window();
            if (graph.dependsOnInput(ins[0])) {
                checked.add(ins[0]);
            }
            if (tiles(m)) {
                node("MaxPool", ins, n.output(), new Attribute("kernel_shape", w.kernelH(), w.kernelW()),
                        new Attribute("strides", w.strideH(), w.strideW()));
            } else {
                String indices = name("pool_indices");
                poolIndices.put(m.name(), indices);
                nodes.add(ConvolutionModels.node("MaxPool", ins, new String[] {n.output(), indices},
                        PoolingModels.poolAttributes(w)));
            }
        } else if (n instanceof AvgPoolNode a) {
            Window2d w = a.window();
            node("AveragePool", ins, n.output(), new Attribute("kernel_shape", w.kernelH(), w.kernelW()),
                    new Attribute("strides", w.strideH(), w.strideW()),
                    new Attribute("pads", w.padTop(), w.padLeft(), w.padBottom(), w.padRight()),
                    Attribute.of("count_include_pad", a.countIncludePad() ? 1 : 0));
        } else if (n instanceof GlobalAvgPoolNode) {
            node("GlobalAveragePool", ins, n.output());
        } else if (n instanceof BatchNormNode b) {
            if (folded.containsValue(b)) {
                node("Identity", ins, n.output());
            } else {
                String scaled = name("bn_scaled");
                node("Mul", new String[] {ins[0], perChannel(b.name() + "/scale", b.weight(), ins[0])}, scaled);
                node("Add", new String[] {scaled, perChannel(b.name() + "/shift", b.bias(), ins[0])}, n.output());
            }
        } else if (n instanceof GemmNode gemm) {
            String[] args = {ins[0], weight(gemm, gemm.weight())};
            if (gemm.bias() != null) {
                args = new String[] {ins[0], args[1], floats(gemm.name() + "/bias", gemm.bias().shape(),
                        HostArrays.floats(gemm.bias()))};
            }
            node("Gemm", args, n.output(), Attribute.of("transA", gemm.transA() ? 1 : 0), Attribute.of("transB", 1));
        } else if (n instanceof MatMulNode) {
            node("MatMul", ins, n.output());
        } else if (n instanceof AddNode) {
            node("Add", ins, n.output());
        } else if (n instanceof FlattenNode f) {
            node("Flatten", ins, n.output(), Attribute.of("axis", f.axis()));
        } else if (n instanceof ReshapeNode r) {
            long[] s = r.shape();
            node("Reshape", new String[] {ins[0], longs("shape", new long[] {s.length}, s)}, n.output());
        } else {
            node("Identity", ins, n.output());
        }
    }

    private void backward(Node n, String g) {
        String x = n.inputs().get(0);
        if (n instanceof ConvNode c) {
            contribute(x, convolutionGradient(c, g, shapes.get(x)));
        } else if (n instanceof ReluNode) {
            // (ONNX Runtime's Sign, which would be the same step on ReLU's output, took about 3× Greater and Cast)
            String step = name("step");
            node("Greater", new String[] {n.output(), zero()}, step);
            String mask = name("mask");
            node("Cast", new String[] {step}, mask, Attribute.of("to", ConvolutionModels.FLOAT));
            String gx = name("relu_grad");
            node("Mul", new String[] {mask, g}, gx);
            contribute(x, gx);
        } else if (n instanceof MaxPoolNode m) {
            contribute(x, tiles(m) ? maxPoolGradient(m.window(), x, n.output(), g)
                    : overlappingMaxPoolGradient(poolIndices.get(m.name()), x, g));
        } else if (n instanceof AvgPoolNode a) {
            contribute(x, averagePoolGradient(a, x, n.output(), g));
        } else if (n instanceof GlobalAvgPoolNode) {
            long[] s = shapes.get(x);
            long count = 1;
            for (int i = 2; i < s.length; i++) {
                count *= s[i];
            }
            String mean = name("gap_mean");
            node("Div", new String[] {g, floats("count_" + count, new long[0], count)}, mean);
            String shape = name("shape");
            node("Shape", new String[] {x}, shape);
            String gx = name("gap_grad");
            node("Expand", new String[] {mean, shape}, gx);
            contribute(x, gx);
        } else if (n instanceof BatchNormNode b) {
            if (folded.containsValue(b)) {
                contribute(x, g);
            } else {
                String gx = name("bn_grad");
                node("Mul", new String[] {g, perChannel(b.name() + "/scale", b.weight(), x)}, gx);
                contribute(x, gx);
            }
        } else if (n instanceof GemmNode gemm) {
            String gx = name("gemm_grad");
            if (gemm.transA()) {
                node("Gemm", new String[] {weight(gemm, gemm.weight()), g}, gx, Attribute.of("transA", 1),
                        Attribute.of("transB", 1));
            } else {
                node("MatMul", new String[] {g, weight(gemm, gemm.weight())}, gx);
            }
            contribute(x, gx);
        } else if (n instanceof MatMulNode) {
            String a = n.inputs().get(0);
            String b = n.inputs().get(1);
            String gx = name("matmul_grad");
            if (graph.dependsOnInput(a)) {
                node("MatMul", new String[] {g, transposed(b)}, gx);
                contribute(a, gx);
            } else {
                node("MatMul", new String[] {transposed(a), g}, gx);
                contribute(b, gx);
            }
        } else if (n instanceof AddNode) {
            for (String in : n.inputs()) {
                if (graph.dependsOnInput(in)) {
                    if (!Arrays.equals(shapes.get(in), shapes.get(n.output()))) {
                        throw new Unsupported("Add '" + n.name() + "' broadcasts " + Arrays.toString(shapes.get(in))
                                + ", which depends on the input, to " + Arrays.toString(shapes.get(n.output())));
                    }
                    contribute(in, g);
                }
            }
        } else if (n instanceof FlattenNode || n instanceof ReshapeNode) {
            String shape = name("shape");
            node("Shape", new String[] {x}, shape);
            String gx = name("reshaped_grad");
            node("Reshape", new String[] {g, shape}, gx);
            contribute(x, gx);
        } else {
            contribute(x, g);
        }
    }

    /** The input gradient of {@code c} for upstream {@code g}, its input of shape {@code in}. */
    private String convolutionGradient(ConvNode c, String g, long[] in) {
        Window2d w = c.window();
        String gx = name("conv_grad");
        if (c.groups() == 1 && OnnxRuntimeConvolution.flipped(w)) {
            long[] s = c.weight().shape();
            float[] flipped = OnnxRuntimeConvolution.flippedWeight(convolutionWeights(c), s[0], s[1], w);
            String wf = floats(c.name() + "/flipped_weight", new long[] {s[1], s[0], s[2], s[3]}, flipped);
            node("Conv", new String[] {g, wf}, gx, OnnxRuntimeConvolution.flippedAttributes(w));
        } else {
            long rh = OnnxRuntimeConvolution.leftOverRows(w, in[2]);
            long rw = OnnxRuntimeConvolution.leftOverColumns(w, in[3]);
            node("ConvTranspose", new String[] {g, convolutionWeight(c)}, gx,
                    withGroups(OnnxRuntimeConvolution.transposedAttributes(w, rh, rw), c.groups()));
        }
        return gx;
    }

    /** Whether {@code m}'s windows tile its input (stride = kernel, no padding or dilation). */
    private static boolean tiles(MaxPoolNode m) {
        Window2d w = m.window();
        return !m.ceilMode() && w.unpadded() && w.dilationH() == 1 && w.dilationW() == 1
                && w.strideH() == w.kernelH() && w.strideW() == w.kernelW();
    }

    /**
     * The input gradient of max pooling {@code x} over any windows (ResNet's 3×3 stride 2 with padding): the forward
     * {@code MaxPool} also wrote the flat index of each window's maximum ({@code indices}; ONNX Runtime takes the
     * first maximum in row-major window order, the padding never), and {@code ScatterElements} adds each upstream
     * value into zeros at its index, in the windows' row-major order: a position that is the maximum of several
     * windows gets the sum of their upstream values, added in the order the step engine adds them.
     */
    private String overlappingMaxPoolGradient(String indices, String x, String g) {
        long[] flat = {1};
        String gFlat = name("pool_grad_flat");
        node("Reshape", new String[] {g, longs("flat", flat, -1)}, gFlat);
        String iFlat = name("pool_indices_flat");
        node("Reshape", new String[] {indices, longs("flat", flat, -1)}, iFlat);
        String size = name("size");
        node("Size", new String[] {x}, size);
        String length = name("length");
        node("Unsqueeze", new String[] {size, longs("axes", flat, 0)}, length);
        String zeros = name("zeros");
        node("ConstantOfShape", new String[] {length}, zeros);
        String sum = name("pool_grad_sum");
        node("ScatterElements", new String[] {zeros, iFlat, gFlat}, sum, Attribute.of("axis", 0),
                Attribute.of("reduction", "add"));
        String shape = name("shape");
        node("Shape", new String[] {x}, shape);
        String gx = name("pool_grad");
        node("Reshape", new String[] {sum, shape}, gx);
        return gx;
    }

    /**
     * The input gradient of average pooling {@code x} into {@code y}: the upstream over each window's divisor (its
     * size, or with {@code count_include_pad} off the input positions it covers), spread over the window by a
     * {@code ConvTranspose} of one kernel of ones per channel, with the output padding of the rows no window
     * reached.
     */
    private String averagePoolGradient(AvgPoolNode a, String x, String y, String g) {
        Window2d w = a.window();
        long[] xs = shapes.get(x);
        long[] ys = shapes.get(y);
        String divisor;
        if (a.countIncludePad()) {
            divisor = floats("window_" + w.kernelH() + "x" + w.kernelW(), new long[0], w.kernelH() * w.kernelW());
        } else {
            float[] counts = new float[Math.toIntExact(ys[2] * ys[3])];
            for (int i = 0; i < ys[2]; i++) {
                long top = (long) i * w.strideH() - w.padTop();
                long rows = Math.min(top + w.kernelH(), xs[2]) - Math.max(top, 0);
                for (int j = 0; j < ys[3]; j++) {
                    long left = (long) j * w.strideW() - w.padLeft();
                    counts[(int) (i * ys[3] + j)] = rows * (Math.min(left + w.kernelW(), xs[3]) - Math.max(left, 0));
                }
            }
            divisor = floats(a.name() + "/counts", new long[] {1, 1, ys[2], ys[3]}, counts);
        }
        String mean = name("avg_pool_share");
        node("Div", new String[] {g, divisor}, mean);
        float[] ones = new float[Math.toIntExact(xs[1] * w.kernelH() * w.kernelW())];
        Arrays.fill(ones, 1f);
        String kernel = floats("ones_" + xs[1] + "x" + w.kernelH() + "x" + w.kernelW(),
                new long[] {xs[1], 1, w.kernelH(), w.kernelW()}, ones);
        long rh = OnnxRuntimeConvolution.leftOverRows(w, xs[2]);
        long rw = OnnxRuntimeConvolution.leftOverColumns(w, xs[3]);
        String gx = name("avg_pool_grad");
        node("ConvTranspose", new String[] {mean, kernel}, gx,
                withGroups(OnnxRuntimeConvolution.transposedAttributes(w, rh, rw), (int) xs[1]));
        return gx;
    }

    /**
     * The input gradient of max pooling {@code x} into {@code y} over windows that tile it: {@code g} at each
     * window's first maximum in row-major order, zero elsewhere and in the rows and columns no window reached. Each
     * position of a window gets a rank, {@code k²} for the first down to 1 for the last; the ranks of the positions
     * equal to the window's maximum, max-pooled, give the rank of the first of them. Every array has the pooled
     * input's shape (ONNX Runtime broadcasts slowly at higher ranks): the window values are repeated over their
     * windows by a nearest-neighbour {@code Resize}. Measured on the demo CNN's pools, this took about a fifth of
     * the same rule written with the windows as axes of a rank-6 reshape and a {@code CumSum} over them.
     */
    private String maxPoolGradient(Window2d w, String x, String y, String g) {
        long[] xs = shapes.get(x);
        long[] ys = shapes.get(y);
        int kh = w.kernelH();
        int kw = w.kernelW();
        long h = ys[2] * kh;
        long wd = ys[3] * kw;
        String covered = x;
        if (xs[2] != h || xs[3] != wd) {
            covered = name("covered");
            node("Slice", new String[] {x, longs("starts", new long[] {2}, 0, 0), longs("ends", new long[] {2}, h, wd),
                longs("axes", new long[] {2}, 2, 3)}, covered);
        }
        String equal = name("is_max");
        node("Equal", new String[] {covered, repeated(y, kh, kw)}, equal);
        String ones = name("max_ones");
        node("Cast", new String[] {equal}, ones, Attribute.of("to", ConvolutionModels.FLOAT));
        String ranked = name("ranked");
        node("Mul", new String[] {ones, ranks(kh, kw, h, wd)}, ranked);
        String firstRank = name("first_rank");
        node("MaxPool", new String[] {ranked}, firstRank, new Attribute("kernel_shape", kh, kw),
                new Attribute("strides", kh, kw));
        String first = name("first_max");
        node("Equal", new String[] {ranked, repeated(firstRank, kh, kw)}, first);
        // times 0 or 1 rather than a Where: ONNX Runtime's Where with a scalar took about 10× a Mul here (the
        // upstream's negative values give −0 where the step engine writes +0: equal as numbers)
        String mask = name("first_mask");
        node("Cast", new String[] {first}, mask, Attribute.of("to", ConvolutionModels.FLOAT));
        String gx = name("pool_grad");
        node("Mul", new String[] {mask, repeated(g, kh, kw)}, gx);
        if (!covered.equals(x)) {
            String padded = name("pool_grad_padded");
            node("Pad", new String[] {gx, longs("pads", new long[] {8}, 0, 0, 0, 0, 0, 0, xs[2] - h, xs[3] - wd)},
                    padded);
            gx = padded;
        }
        return gx;
    }

    /** {@code v} (N×C×h×w) with each value repeated over a kh×kw block. */
    private String repeated(String v, int kh, int kw) {
        String r = name("repeated");
        node("Resize", new String[] {v, "", floats("scales_" + kh + "x" + kw, new long[] {4}, 1f, 1f, kh, kw)}, r,
                Attribute.of("mode", "nearest"), Attribute.of("coordinate_transformation_mode", "asymmetric"),
                Attribute.of("nearest_mode", "floor"));
        return r;
    }

    /** 1 × 1 × h × w: each position's rank in its kh×kw window, k² for the first in row-major order to 1. */
    private String ranks(int kh, int kw, long h, long w) {
        float[] r = new float[Math.toIntExact(h * w)];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                r[(int) (i * w + j)] = kh * kw - ((i % kh) * kw + (j % kw));
            }
        }
        return floats("ranks_" + kh + "x" + kw + "_" + h + "x" + w, new long[] {1, 1, h, w}, r);
    }

    /** The sum of what reached {@code value}, or null when nothing did. */
    private String gradient(String value) {
        List<String> parts = contributions.remove(value);
        if (parts == null || parts.isEmpty()) {
            return null;
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        String sum = name("sum");
        node("Sum", parts.toArray(String[]::new), sum);
        return sum;
    }

    private void contribute(String value, String gradient) {
        if (graph.dependsOnInput(value)) {
            contributions.computeIfAbsent(value, k -> new ArrayList<>()).add(gradient);
        }
    }

    /** The initializer of a Gemm's weight. */
    private String weight(Node n, INDArray weight) {
        return floats(n.name() + "/weight", weight.shape(), HostArrays.floats(weight));
    }

    /** A convolution's weights, each output channel's times the scale of the batch normalisation folded into it. */
    private float[] convolutionWeights(ConvNode c) {
        float[] w = HostArrays.floats(c.weight());
        BatchNormNode b = folded.get(c.name());
        if (b != null) {
            float[] scale = HostArrays.floats(b.weight());
            int per = w.length / scale.length;
            for (int i = 0; i < w.length; i++) {
                w[i] *= scale[i / per];
            }
        }
        return w;
    }

    /** The initializer of a convolution's weight ({@link #convolutionWeights}). */
    private String convolutionWeight(ConvNode c) {
        String full = "xai4j/" + c.name() + "/weight";
        return written.contains(full) ? full : floats(c.name() + "/weight", c.weight().shape(), convolutionWeights(c));
    }

    /** The initializer of a convolution's bias (times the folded scale, plus the folded shift), or null for none. */
    private String convolutionBias(ConvNode c) {
        BatchNormNode b = folded.get(c.name());
        if (b == null) {
            return c.bias() == null ? null
                    : floats(c.name() + "/bias", c.bias().shape(), HostArrays.floats(c.bias()));
        }
        float[] scale = HostArrays.floats(b.weight());
        float[] shift = HostArrays.floats(b.bias());
        float[] bias = c.bias() == null ? new float[scale.length] : HostArrays.floats(c.bias());
        for (int i = 0; i < bias.length; i++) {
            bias[i] = bias[i] * scale[i] + shift[i];
        }
        return floats(c.name() + "/bias", new long[] {bias.length}, bias);
    }

    /** A per-channel vector shaped to broadcast over {@code value}'s axes after the channel axis (C×1×…×1). */
    private String perChannel(String hint, INDArray vector, String value) {
        long[] dims = new long[shapes.get(value).length - 1];
        Arrays.fill(dims, 1);
        dims[0] = vector.length();
        return floats(hint, dims, HostArrays.floats(vector));
    }

    private String transposed(String constant) {
        INDArray t = graph.constants().get(constant).transpose().dup('c');
        return floats(constant + "/transposed", t.shape(), HostArrays.floats(t));
    }

    private String zero() {
        return floats("zero", new long[0], 0f);
    }

    private static Attribute[] withGroups(Attribute[] attributes, int groups) {
        if (groups == 1) {
            return attributes;
        }
        Attribute[] all = Arrays.copyOf(attributes, attributes.length + 1);
        all[attributes.length] = Attribute.of("group", groups);
        return all;
    }

    /** A float initializer called {@code xai4j/NAME} (written once per name). */
    private String floats(String name, long[] dims, float... values) {
        String full = "xai4j/" + name;
        if (written.add(full)) {
            initializers.add(ConvolutionModels.tensor(full, dims, values));
        }
        return full;
    }

    /** An int64 initializer of these values (a new one per call). */
    private String longs(String hint, long[] dims, long... values) {
        String full = name(hint);
        initializers.add(ConvolutionModels.longTensor(full, dims, values));
        return full;
    }

    private String name(String hint) {
        return "xai4j/" + (fresh++) + "/" + hint;
    }

    private void node(String op, String[] inputs, String output, Attribute... attributes) {
        nodes.add(ConvolutionModels.node(op, inputs, new String[] {output}, attributes));
    }
}
