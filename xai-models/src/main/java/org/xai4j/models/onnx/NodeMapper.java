package org.xai4j.models.onnx;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.node.AddNode;
import org.xai4j.core.graph.node.AvgPoolNode;
import org.xai4j.core.graph.node.BatchNormNode;
import org.xai4j.core.graph.node.ClipNode;
import org.xai4j.core.graph.node.ConcatNode;
import org.xai4j.core.graph.node.ConvNode;
import org.xai4j.core.graph.node.ConvTransposeNode;
import org.xai4j.core.graph.node.DivNode;
import org.xai4j.core.graph.node.ErfNode;
import org.xai4j.core.graph.node.FlattenNode;
import org.xai4j.core.graph.node.GeluNode;
import org.xai4j.core.graph.node.GemmNode;
import org.xai4j.core.graph.node.GlobalAvgPoolNode;
import org.xai4j.core.graph.node.HardSigmoidNode;
import org.xai4j.core.graph.node.HardSwishNode;
import org.xai4j.core.graph.node.IdentityNode;
import org.xai4j.core.graph.node.LeakyReluNode;
import org.xai4j.core.graph.node.MatMulNode;
import org.xai4j.core.graph.node.MaxPoolNode;
import org.xai4j.core.graph.node.MulNode;
import org.xai4j.core.graph.node.PadNode;
import org.xai4j.core.graph.node.PowNode;
import org.xai4j.core.graph.node.ReduceMeanNode;
import org.xai4j.core.graph.node.ReluNode;
import org.xai4j.core.graph.node.ReshapeNode;
import org.xai4j.core.graph.node.ResizeNode;
import org.xai4j.core.graph.node.SigmoidNode;
import org.xai4j.core.graph.node.SoftmaxNode;
import org.xai4j.core.graph.node.SqrtNode;
import org.xai4j.core.graph.node.SubNode;
import org.xai4j.core.graph.node.TanhNode;
import org.xai4j.core.graph.node.TransposeNode;
import org.xai4j.core.graph.node.Window2d;

/** Maps one ONNX node with run-time inputs to a typed graph node, or explains why it cannot. */
final class NodeMapper {
    /** The ONNX operations that become graph nodes. */
    static final Set<String> SUPPORTED = Set.of("Conv", "ConvTranspose", "Gemm", "MatMul", "BatchNormalization",
            "Relu", "LeakyRelu", "Sigmoid", "Tanh", "HardSigmoid", "HardSwish", "Gelu", "Erf", "Sqrt", "Pow", "Softmax", "Clip",
            "MaxPool", "AveragePool", "GlobalAveragePool", "ReduceMean", "Add", "Sub", "Mul", "Div", "Concat",
            "Flatten", "Reshape", "Transpose", "Squeeze", "Unsqueeze", "Pad", "Resize", "Upsample", "Identity",
            "Dropout", "Cast");

    /** A converted node and the rank of its output (−1 if unknown). */
    record Built(Node node, int rank) {
    }

    /** Thrown for a node that cannot be converted; the importer collects the messages. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    private NodeMapper() {
    }

    static Built map(OnnxProto.Node n, ImportState s, String name) {
        List<String> in = n.inputs();
        String x = Attrs.input(n, 0);
        String y = n.outputs().get(0);
        int r = s.rank(x);
        return switch (n.opType()) {
            case "Conv" -> new Built(conv(n, s, name, x, y), r);
            case "ConvTranspose" -> new Built(convTranspose(n, s, name, x, y), r);
            case "Gemm" -> new Built(gemm(n, s, name, x, y), 2);
            case "MatMul" -> new Built(new MatMulNode(name, in.get(0), in.get(1), y), Math.max(r, s.rank(in.get(1))));
            case "BatchNormalization" -> {
                if (n.outputs().size() > 1 && n.outputs().subList(1, n.outputs().size()).stream().anyMatch(o -> !o.isEmpty())) {
                    throw new Unsupported("training-mode batch norm (running statistics as outputs)");
                }
                yield new Built(BatchNormNode.of(name, x, y, constant(n, s, 1, "scale"), constant(n, s, 2, "bias"),
                        constant(n, s, 3, "mean"), constant(n, s, 4, "variance"), Attrs.f(n, "epsilon", 1e-5f)), r);
            }
            case "Relu" -> new Built(new ReluNode(name, x, y), r);
            case "LeakyRelu" -> new Built(new LeakyReluNode(name, x, y, Attrs.f(n, "alpha", 0.01f)), r);
            case "Sigmoid" -> new Built(new SigmoidNode(name, x, y), r);
            case "Tanh" -> new Built(new TanhNode(name, x, y), r);
            case "HardSigmoid" -> new Built(new HardSigmoidNode(name, x, y, Attrs.f(n, "alpha", 0.2f),
                    Attrs.f(n, "beta", 0.5f)), r);
            case "HardSwish" -> new Built(new HardSwishNode(name, x, y), r);
            case "Gelu" -> new Built(new GeluNode(name, x, y, "tanh".equals(Attrs.s(n, "approximate", "none"))), r);
            case "Erf" -> new Built(new ErfNode(name, x, y), r);
            case "Sqrt" -> new Built(new SqrtNode(name, x, y), r);
            case "Pow" -> {
                INDArray p = constant(n, s, 1, "exponent");
                if (p.length() != 1) {
                    throw new Unsupported("an exponent of shape " + Arrays.toString(p.shape())
                            + " (only one constant exponent is supported)");
                }
                yield new Built(new PowNode(name, x, y, p.castTo(DataType.DOUBLE).getDouble(0)), r);
            }
            case "Softmax" -> {
                boolean legacy = s.opset < 13;
                int axis = (int) Attrs.i(n, "axis", legacy ? 1 : -1);
                yield new Built(new SoftmaxNode(name, x, y, axis, legacy), r);
            }
            case "Clip" -> new Built(clip(n, s, name, x, y), r);
            case "MaxPool" -> {
                if (n.outputs().size() > 1 && !n.outputs().get(1).isEmpty()) {
                    throw new Unsupported("the Indices output of MaxPool");
                }
                yield new Built(new MaxPoolNode(name, x, y, window(n, null), Attrs.i(n, "ceil_mode", 0) != 0), r);
            }
            case "AveragePool" -> new Built(new AvgPoolNode(name, x, y, window(n, null),
                    Attrs.i(n, "count_include_pad", 0) != 0, Attrs.i(n, "ceil_mode", 0) != 0), r);
            case "GlobalAveragePool" -> new Built(new GlobalAvgPoolNode(name, x, y), r);
            case "ReduceMean" -> reduceMean(n, s, name, x, y, r);
            case "Add", "Sub", "Mul", "Div" -> binary(n, s, name, y);
            case "Concat" -> new Built(new ConcatNode(name, in, y, (int) Attrs.i(n, "axis", 0)), r);
            case "Flatten" -> new Built(new FlattenNode(name, x, y, (int) Attrs.i(n, "axis", 1)), 2);
            case "Reshape" -> reshape(n, s, name, x, y);
            case "Transpose" -> new Built(new TransposeNode(name, x, y, Attrs.toInts(Attrs.ints(n, "perm", null))), r);
            case "Squeeze", "Unsqueeze" -> squeeze(n, s, name, x, y, r);
            case "Pad" -> new Built(pad(n, s, name, x, y, r), r);
            case "Resize", "Upsample" -> new Built(resize(n, s, name, x, y, r), r);
            case "Identity" -> new Built(new IdentityNode(name, x, y), r);
            case "Dropout" -> new Built(new IdentityNode(name, x, y, "Dropout"), r);
            case "Cast" -> {
                long to = Attrs.i(n, "to", OnnxTensors.FLOAT);
                if (!OnnxTensors.isFloat((int) to)) {
                    throw new Unsupported("Cast of a run-time value to non-floating type " + to);
                }
                yield new Built(new IdentityNode(name, x, y, "Cast"), r);
            }
            default -> throw new Unsupported(null);
        };
    }

    private static INDArray constant(OnnxProto.Node n, ImportState s, int index, String what) {
        String v = Attrs.input(n, index);
        if (v.isEmpty()) {
            throw new Unsupported("missing " + what + " input");
        }
        INDArray c = s.constants.get(v);
        if (c == null) {
            throw new Unsupported("its " + what + " ('" + v + "') is computed at run time; only constant " + what
                    + "s are supported");
        }
        return c;
    }

    private static INDArray optionalConstant(OnnxProto.Node n, ImportState s, int index, String what) {
        return Attrs.input(n, index).isEmpty() ? null : constant(n, s, index, what);
    }

    private static long[] longs(INDArray a) {
        return a.castTo(DataType.LONG).reshape(a.length()).toLongVector();
    }

    /** Kernel, strides, dilations and pads of a 2-D window; {@code kernel} from the weight when given. */
    private static Window2d window(OnnxProto.Node n, long[] kernel) {
        long[] k = Attrs.ints(n, "kernel_shape", kernel);
        if (k == null || k.length != 2) {
            throw new Unsupported("only 2-D windows are supported (kernel_shape " + Arrays.toString(k) + ")");
        }
        long[] st = Attrs.ints(n, "strides", new long[] {1, 1});
        long[] d = Attrs.ints(n, "dilations", new long[] {1, 1});
        long[] p = Attrs.ints(n, "pads", new long[] {0, 0, 0, 0});
        String auto = Attrs.s(n, "auto_pad", "NOTSET");
        switch (auto) {
            case "NOTSET" -> {
            }
            case "VALID" -> p = new long[] {0, 0, 0, 0};
            case "SAME_UPPER", "SAME_LOWER" -> {
                if (st[0] != 1 || st[1] != 1) {
                    throw new Unsupported("auto_pad " + auto + " with strides " + Arrays.toString(st)
                            + " (padding would depend on the input size)");
                }
                long th = (k[0] - 1) * d[0];
                long tw = (k[1] - 1) * d[1];
                boolean upper = auto.equals("SAME_UPPER");
                long top = upper ? th / 2 : th - th / 2;
                long left = upper ? tw / 2 : tw - tw / 2;
                p = new long[] {top, left, th - top, tw - left};
            }
            default -> throw new Unsupported("auto_pad " + auto);
        }
        return new Window2d((int) k[0], (int) k[1], (int) st[0], (int) st[1], (int) d[0], (int) d[1], (int) p[0],
                (int) p[1], (int) p[2], (int) p[3]);
    }

    private static Node conv(OnnxProto.Node n, ImportState s, String name, String x, String y) {
        INDArray w = constant(n, s, 1, "weight");
        if (w.rank() != 4) {
            throw new Unsupported("only 2-D convolutions are supported (weight shape " + Arrays.toString(w.shape()) + ")");
        }
        Window2d win = window(n, new long[] {w.size(2), w.size(3)});
        return ConvNode.builder(name).input(x).output(y).weight(w.castTo(DataType.FLOAT))
                .bias(optionalConstant(n, s, 2, "bias")).strides(win.strideH(), win.strideW())
                .dilations(win.dilationH(), win.dilationW())
                .pads(win.padTop(), win.padLeft(), win.padBottom(), win.padRight())
                .groups((int) Attrs.i(n, "group", 1)).build();
    }

    private static Node convTranspose(OnnxProto.Node n, ImportState s, String name, String x, String y) {
        INDArray w = constant(n, s, 1, "weight");
        if (w.rank() != 4) {
            throw new Unsupported("only 2-D transposed convolutions are supported");
        }
        if (Attrs.i(n, "group", 1) != 1) {
            throw new Unsupported("grouped transposed convolution (group " + Attrs.i(n, "group", 1) + ")");
        }
        if (n.attribute("output_shape") != null) {
            throw new Unsupported("the output_shape attribute (use pads and output_padding)");
        }
        String auto = Attrs.s(n, "auto_pad", "NOTSET");
        if (!auto.equals("NOTSET") && !auto.equals("VALID")) {
            throw new Unsupported("auto_pad " + auto);
        }
        Window2d win = window(n, new long[] {w.size(2), w.size(3)});
        long[] op = Attrs.ints(n, "output_padding", new long[] {0, 0});
        return new ConvTransposeNode(name, x, y, w, optionalConstant(n, s, 2, "bias"), win, (int) op[0], (int) op[1]);
    }

    private static Node gemm(OnnxProto.Node n, ImportState s, String name, String x, String y) {
        INDArray b = constant(n, s, 1, "B");
        float alpha = Attrs.f(n, "alpha", 1f);
        float beta = Attrs.f(n, "beta", 1f);
        boolean transB = Attrs.i(n, "transB", 0) != 0;
        INDArray w = (transB ? b : b.transpose()).castTo(DataType.FLOAT).mul(alpha);
        INDArray c = optionalConstant(n, s, 2, "C");
        INDArray bias = c == null ? null : c.castTo(DataType.FLOAT).mul(beta);
        return new GemmNode(name, x, y, w, bias, Attrs.i(n, "transA", 0) != 0);
    }

    private static Node clip(OnnxProto.Node n, ImportState s, String name, String x, String y) {
        double lo;
        double hi;
        if (s.opset < 11) {
            lo = Attrs.f(n, "min", -Float.MAX_VALUE);
            hi = Attrs.f(n, "max", Float.MAX_VALUE);
        } else {
            INDArray min = optionalConstant(n, s, 1, "min");
            INDArray max = optionalConstant(n, s, 2, "max");
            lo = min == null ? Double.NEGATIVE_INFINITY : min.getDouble(0);
            hi = max == null ? Double.POSITIVE_INFINITY : max.getDouble(0);
        }
        return new ClipNode(name, x, y, lo, hi);
    }

    private static Built reduceMean(OnnxProto.Node n, ImportState s, String name, String x, String y, int r) {
        long[] axes = Attrs.ints(n, "axes", null);
        if (axes == null && s.opset >= 18) {
            INDArray a = optionalConstant(n, s, 1, "axes");
            axes = a == null ? null : longs(a);
        }
        boolean keep = Attrs.i(n, "keepdims", 1) != 0;
        if ((axes == null || axes.length == 0) && Attrs.i(n, "noop_with_empty_axes", 0) != 0) {
            return new Built(new IdentityNode(name, x, y, "ReduceMean"), r);
        }
        int outRank = keep || r < 0 ? r : axes == null ? 0 : r - axes.length;
        return new Built(new ReduceMeanNode(name, x, y, Attrs.toInts(axes), keep), outRank);
    }

    private static Built binary(OnnxProto.Node n, ImportState s, String name, String y) {
        String a = n.inputs().get(0);
        String b = n.inputs().get(1);
        Node node = switch (n.opType()) {
            case "Add" -> new AddNode(name, a, b, y);
            case "Sub" -> new SubNode(name, a, b, y);
            case "Mul" -> new MulNode(name, a, b, y);
            default -> new DivNode(name, a, b, y);
        };
        int ra = s.isConstant(a) ? s.constants.get(a).rank() : s.rank(a);
        int rb = s.isConstant(b) ? s.constants.get(b).rank() : s.rank(b);
        return new Built(node, ra < 0 || rb < 0 ? -1 : Math.max(ra, rb));
    }

    private static Built reshape(OnnxProto.Node n, ImportState s, String name, String x, String y) {
        String shapeName = n.inputs().get(1);
        long[] shape;
        Sym sym = s.symbolic.get(shapeName);
        if (sym != null) {
            shape = new long[sym.dims().size()];
            for (int i = 0; i < shape.length; i++) {
                Sym.Dim d = sym.dims().get(i);
                if (d.known()) {
                    shape[i] = d.value();
                } else if (d.of().equals(x) && d.axis() == i) {
                    shape[i] = 0;
                } else {
                    throw new Unsupported("its target shape " + sym + " uses a run-time size at a different position");
                }
            }
        } else {
            shape = longs(constant(n, s, 1, "shape"));
        }
        return new Built(new ReshapeNode(name, x, y, shape, Attrs.i(n, "allowzero", 0) != 0), shape.length);
    }

    /** Squeeze and Unsqueeze of trailing axes, as reshapes that keep the leading sizes. */
    private static Built squeeze(OnnxProto.Node n, ImportState s, String name, String x, String y, int r) {
        long[] axes = Attrs.ints(n, "axes", null);
        if (axes == null && !Attrs.input(n, 1).isEmpty()) {
            axes = longs(constant(n, s, 1, "axes"));
        }
        if (axes == null || r < 0) {
            throw new Unsupported("without explicit axes or a known input rank");
        }
        boolean un = n.opType().equals("Unsqueeze");
        int outRank = un ? r + axes.length : r - axes.length;
        int ref = un ? outRank : r;
        long[] norm = Arrays.stream(axes).map(a -> a < 0 ? a + ref : a).sorted().toArray();
        int keep = un ? r : r - axes.length;
        for (int i = 0; i < norm.length; i++) {
            if (norm[i] != ref - norm.length + i) {
                throw new Unsupported("axes " + Arrays.toString(axes) + " are not the trailing axes");
            }
        }
        long[] shape = new long[outRank];
        for (int i = 0; i < outRank; i++) {
            shape[i] = i < keep ? 0 : 1;
        }
        return new Built(new ReshapeNode(name, x, y, shape, false), outRank);
    }

    private static Node pad(OnnxProto.Node n, ImportState s, String name, String x, String y, int r) {
        String mode = Attrs.s(n, "mode", "constant");
        if (!mode.equals("constant")) {
            throw new Unsupported("pad mode '" + mode + "' (only constant padding is supported)");
        }
        long[] pads;
        double value = 0;
        long[] axes = null;
        if (s.opset < 11) {
            pads = Attrs.ints(n, "pads", null);
            value = Attrs.f(n, "value", 0f);
        } else {
            pads = longs(constant(n, s, 1, "pads"));
            INDArray v = optionalConstant(n, s, 2, "constant_value");
            value = v == null ? 0 : v.getDouble(0);
            INDArray a = optionalConstant(n, s, 3, "axes");
            axes = a == null ? null : longs(a);
        }
        int rank = axes == null ? pads.length / 2 : r;
        if (rank < 0) {
            throw new Unsupported("axes given but the input rank is unknown");
        }
        long[] before = new long[rank];
        long[] after = new long[rank];
        int k = axes == null ? rank : axes.length;
        for (int i = 0; i < k; i++) {
            int ax = axes == null ? i : (int) (axes[i] < 0 ? axes[i] + rank : axes[i]);
            before[ax] = pads[i];
            after[ax] = pads[i + k];
        }
        return new PadNode(name, x, y, before, after, value);
    }

    private static Node resize(OnnxProto.Node n, ImportState s, String name, String x, String y, int r) {
        String mode = Attrs.s(n, "mode", "nearest");
        ResizeNode.Mode m = switch (mode) {
            case "nearest" -> ResizeNode.Mode.NEAREST;
            case "linear", "bilinear" -> ResizeNode.Mode.LINEAR;
            default -> throw new Unsupported("mode '" + mode + "' (nearest and linear are supported)");
        };
        boolean upsample = n.opType().equals("Upsample") || s.opset < 11;
        ResizeNode.CoordinateMode cm;
        ResizeNode.NearestMode nm;
        if (upsample) {
            cm = ResizeNode.CoordinateMode.ASYMMETRIC;
            nm = ResizeNode.NearestMode.FLOOR;
        } else {
            String c = Attrs.s(n, "coordinate_transformation_mode", "half_pixel");
            cm = switch (c) {
                case "half_pixel" -> ResizeNode.CoordinateMode.HALF_PIXEL;
                case "pytorch_half_pixel" -> ResizeNode.CoordinateMode.PYTORCH_HALF_PIXEL;
                case "align_corners" -> ResizeNode.CoordinateMode.ALIGN_CORNERS;
                case "asymmetric" -> ResizeNode.CoordinateMode.ASYMMETRIC;
                case "tf_half_pixel_for_nn" -> ResizeNode.CoordinateMode.TF_HALF_PIXEL_FOR_NN;
                default -> throw new Unsupported("coordinate_transformation_mode '" + c + "'");
            };
            String nr = Attrs.s(n, "nearest_mode", "round_prefer_floor");
            nm = switch (nr) {
                case "round_prefer_floor" -> ResizeNode.NearestMode.ROUND_PREFER_FLOOR;
                case "round_prefer_ceil" -> ResizeNode.NearestMode.ROUND_PREFER_CEIL;
                case "floor" -> ResizeNode.NearestMode.FLOOR;
                case "ceil" -> ResizeNode.NearestMode.CEIL;
                default -> throw new Unsupported("nearest_mode '" + nr + "'");
            };
            if (Attrs.i(n, "antialias", 0) != 0) {
                throw new Unsupported("antialiased resizing");
            }
            if (Attrs.i(n, "exclude_outside", 0) != 0) {
                throw new Unsupported("exclude_outside");
            }
            if (n.attribute("axes") != null) {
                throw new Unsupported("the axes attribute");
            }
        }
        // Inputs: Upsample (X, scales); Resize-10 (X, scales); Resize-11+ (X, roi, scales, sizes).
        int scalesIndex = upsample ? 1 : 2;
        INDArray scales = null;
        if (n.opType().equals("Upsample") && n.attribute("scales") != null) {
            float[] f = Attrs.floats(n, "scales");
            scales = org.nd4j.linalg.factory.Nd4j.createFromArray(f);
        } else if (!Attrs.input(n, scalesIndex).isEmpty()) {
            scales = constant(n, s, scalesIndex, "scales");
        }
        if (scales != null && scales.length() == 4) {
            double[] sc = scales.castTo(DataType.DOUBLE).toDoubleVector();
            if (sc[0] != 1 || sc[1] != 1) {
                throw new Unsupported("scaling the batch or channel axis (scales " + Arrays.toString(sc) + ")");
            }
            return ResizeNode.byScale(name, x, y, m, cm, nm, sc[2], sc[3]);
        }
        String sizesName = Attrs.input(n, 3);
        if (upsample || sizesName.isEmpty()) {
            throw new Unsupported("neither 4 scales nor sizes are given");
        }
        long h;
        long w;
        Sym sym = s.symbolic.get(sizesName);
        if (sym != null) {
            if (sym.dims().size() != 4 || !sym.dims().get(2).known() || !sym.dims().get(3).known()) {
                throw new Unsupported("output sizes " + sym + " are not constant");
            }
            for (int i = 0; i < 2; i++) {
                Sym.Dim d = sym.dims().get(i);
                if (!d.known() && !(d.of().equals(x) && d.axis() == i)) {
                    throw new Unsupported("output sizes " + sym + " change the batch or channel axis");
                }
            }
            h = sym.dims().get(2).value();
            w = sym.dims().get(3).value();
        } else {
            long[] sz = longs(constant(n, s, 3, "sizes"));
            if (sz.length != 4) {
                throw new Unsupported("sizes of length " + sz.length);
            }
            h = sz[2];
            w = sz[3];
        }
        return ResizeNode.toSize(name, x, y, m, cm, nm, h, w);
    }
}
