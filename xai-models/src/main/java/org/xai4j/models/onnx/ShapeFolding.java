package org.xai4j.models.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.core.ModelFormatException;

/**
 * Constant folding at import: Constant nodes, the identity of initializers, and the integer arithmetic
 * on shapes that PyTorch emits (Shape, Gather, Unsqueeze, Squeeze, Concat, Slice, Cast, arithmetic), either
 * on constants or symbolically on the sizes of run-time values ({@link Sym}).
 */
final class ShapeFolding {
    /** Operations this class folds when their inputs are constant or symbolic. */
    static final Set<String> FOLDABLE = Set.of("Constant", "Identity", "Cast", "Shape", "Gather", "Unsqueeze",
            "Squeeze", "Concat", "Slice", "Reshape", "Flatten", "Transpose", "Add", "Sub", "Mul", "Div", "Neg",
            "ConstantOfShape", "Range", "Size");

    private ShapeFolding() {
    }

    /** Folds {@code n} if it can; true when its output is now a constant or symbolic value (or a problem). */
    static boolean tryFold(OnnxProto.Node n, ImportState s) {
        String op = n.opType();
        if (op.equals("Constant")) {
            constantNode(n, s);
            return true;
        }
        if ((op.equals("Shape") || op.equals("Size")) && s.isRuntime(Attrs.input(n, 0))) {
            int rank = s.rank(n.inputs().get(0));
            if (rank < 0) {
                s.problem(n, "the rank of '" + n.inputs().get(0) + "' is unknown, so its shape cannot be folded");
                return true;
            }
            if (op.equals("Size")) {
                s.problem(n, "Size of a run-time value is not supported");
                return true;
            }
            Sym sym = Sym.shapeOf(n.inputs().get(0), rank);
            long start = Attrs.i(n, "start", 0);
            long end = Attrs.i(n, "end", rank);
            s.symbolic.put(n.outputs().get(0), slice(sym, start, end, 1));
            return true;
        }
        boolean anySymbolic = false;
        for (String in : n.inputs()) {
            if (in.isEmpty()) {
                continue;
            }
            if (s.symbolic.containsKey(in)) {
                anySymbolic = true;
            } else if (!s.isConstant(in)) {
                return false;
            }
        }
        if (!FOLDABLE.contains(op)) {
            return false;
        }
        try {
            if (anySymbolic) {
                Sym r = symbolic(n, s);
                if (r == null) {
                    s.problem(n, "shape arithmetic on run-time sizes is not supported");
                } else if (r.allKnown()) {
                    s.constants.put(n.outputs().get(0), r.toArray());
                } else {
                    s.symbolic.put(n.outputs().get(0), r);
                }
            } else {
                INDArray r = constant(n, s);
                if (r == null) {
                    return false;
                }
                s.constants.put(n.outputs().get(0), r);
            }
        } catch (RuntimeException e) {
            s.problem(n, "cannot fold constant inputs: " + e.getMessage());
        }
        return true;
    }

    private static void constantNode(OnnxProto.Node n, ImportState s) {
        String out = n.outputs().get(0);
        for (OnnxProto.Attribute a : n.attributes()) {
            switch (a.name()) {
                case "value" -> {
                    s.constants.put(out, OnnxTensors.toArray(a.t(), "ONNX model '" + s.modelId + "', Constant '" + n.name() + "'"));
                    return;
                }
                case "value_float" -> {
                    s.constants.put(out, Nd4j.scalar(DataType.FLOAT, a.f()));
                    return;
                }
                case "value_floats" -> {
                    s.constants.put(out, Nd4j.createFromArray(Attrs.floats(n, "value_floats")));
                    return;
                }
                case "value_int" -> {
                    s.constants.put(out, Nd4j.scalar(DataType.LONG, a.i()));
                    return;
                }
                case "value_ints" -> {
                    s.constants.put(out, Nd4j.createFromArray(Attrs.ints(n, "value_ints", null)));
                    return;
                }
                default -> {
                }
            }
        }
        s.problem(n, "a Constant without a numeric value (sparse or string constants are not supported)");
    }

    private static Sym sym(String v, ImportState s) {
        Sym sym = s.symbolic.get(v);
        if (sym != null) {
            return sym;
        }
        INDArray c = s.constants.get(v);
        if (c == null || c.rank() > 1) {
            return null;
        }
        return Sym.of(c);
    }

    private static long[] longs(ImportState s, String v) {
        INDArray c = s.constants.get(v);
        return c == null ? null : c.castTo(DataType.LONG).reshape(c.length()).toLongVector();
    }

    private static long[] axes(OnnxProto.Node n, ImportState s, int inputIndex) {
        long[] a = Attrs.ints(n, "axes", null);
        if (a == null && !Attrs.input(n, inputIndex).isEmpty()) {
            a = longs(s, Attrs.input(n, inputIndex));
        }
        return a;
    }

    /** Symbolic evaluation; null when the result cannot be represented. */
    private static Sym symbolic(OnnxProto.Node n, ImportState s) {
        List<String> in = n.inputs();
        switch (n.opType()) {
            case "Identity", "Cast" -> {
                return sym(in.get(0), s);
            }
            case "Gather" -> {
                Sym data = sym(in.get(0), s);
                INDArray idx = s.constants.get(in.get(1));
                if (data == null || data.scalar() || idx == null || Attrs.i(n, "axis", 0) != 0) {
                    return null;
                }
                long[] ix = idx.castTo(DataType.LONG).reshape(idx.length()).toLongVector();
                List<Sym.Dim> out = new ArrayList<>();
                for (long i : ix) {
                    out.add(data.dims().get((int) (i < 0 ? i + data.dims().size() : i)));
                }
                return new Sym(out, idx.rank() == 0);
            }
            case "Unsqueeze" -> {
                Sym data = sym(in.get(0), s);
                long[] ax = axes(n, s, 1);
                if (data == null || !data.scalar() || ax == null || ax.length != 1 || (ax[0] != 0 && ax[0] != -1)) {
                    return null;
                }
                return new Sym(data.dims(), false);
            }
            case "Squeeze" -> {
                Sym data = sym(in.get(0), s);
                if (data == null || data.scalar() || data.dims().size() != 1) {
                    return null;
                }
                return new Sym(data.dims(), true);
            }
            case "Concat" -> {
                List<Sym.Dim> out = new ArrayList<>();
                for (String v : in) {
                    Sym part = sym(v, s);
                    if (part == null) {
                        return null;
                    }
                    out.addAll(part.dims());
                }
                return new Sym(out, false);
            }
            case "Slice" -> {
                Sym data = sym(in.get(0), s);
                if (data == null || data.scalar()) {
                    return null;
                }
                long[] starts = s.opset >= 10 ? longs(s, in.get(1)) : Attrs.ints(n, "starts", null);
                long[] ends = s.opset >= 10 ? longs(s, in.get(2)) : Attrs.ints(n, "ends", null);
                long[] steps = s.opset >= 10 && !Attrs.input(n, 4).isEmpty() ? longs(s, in.get(4)) : new long[] {1};
                if (starts == null || ends == null || steps == null) {
                    return null;
                }
                return slice(data, starts[0], ends[0], steps[0]);
            }
            case "Add", "Sub", "Mul", "Div" -> {
                Sym a = sym(in.get(0), s);
                Sym b = sym(in.get(1), s);
                if (a == null || b == null || !a.allKnown() || !b.allKnown()) {
                    return null;
                }
                INDArray r = arithmetic(n.opType(), a.toArray(), b.toArray());
                return Sym.of(r);
            }
            default -> {
                return null;
            }
        }
    }

    private static Sym slice(Sym data, long start, long end, long step) {
        int size = data.dims().size();
        List<Sym.Dim> out = new ArrayList<>();
        long[] r = sliceRange(start, end, step, size);
        for (long i = r[0]; step > 0 ? i < r[1] : i > r[1]; i += step) {
            out.add(data.dims().get((int) i));
        }
        return new Sym(out, false);
    }

    /** ONNX Slice's clamping of start and end for one axis of length {@code size}. */
    static long[] sliceRange(long start, long end, long step, long size) {
        if (start < 0) {
            start += size;
        }
        if (end < 0) {
            end += size;
        }
        if (step > 0) {
            start = Math.max(0, Math.min(size, start));
            end = Math.max(0, Math.min(size, end));
        } else {
            start = Math.max(-1, Math.min(size - 1, start));
            end = Math.max(-1, Math.min(size - 1, end));
        }
        return new long[] {start, end};
    }

    static INDArray arithmetic(String op, INDArray a, INDArray b) {
        boolean ints = OnnxTensors.isInteger(a) && OnnxTensors.isInteger(b);
        DataType t = ints ? DataType.LONG : a.dataType().isFPType() ? a.dataType() : b.dataType();
        INDArray x = a.castTo(t);
        INDArray y = b.castTo(t);
        if (ints && op.equals("Div")) {
            // Integer division truncates toward zero.
            long[] xs = x.reshape(x.length()).toLongVector();
            long[] ys = y.reshape(y.length()).toLongVector();
            if (xs.length != ys.length && ys.length != 1 && xs.length != 1) {
                throw new IllegalArgumentException("integer Div of shapes " + Arrays.toString(x.shape()) + " and "
                        + Arrays.toString(y.shape()));
            }
            int n = Math.max(xs.length, ys.length);
            long[] r = new long[n];
            for (int i = 0; i < n; i++) {
                r[i] = xs[xs.length == 1 ? 0 : i] / ys[ys.length == 1 ? 0 : i];
            }
            INDArray out = Nd4j.createFromArray(r);
            return x.length() >= y.length() ? out.reshape(x.shape()) : out.reshape(y.shape());
        }
        return switch (op) {
            case "Add" -> x.add(y);
            case "Sub" -> x.sub(y);
            case "Mul" -> x.mul(y);
            default -> x.div(y);
        };
    }

    /** Constant evaluation of the integer/shape operations; null if {@code n} is not one of them. */
    private static INDArray constant(OnnxProto.Node n, ImportState s) {
        List<String> in = n.inputs();
        INDArray x = in.isEmpty() ? null : s.constants.get(in.get(0));
        switch (n.opType()) {
            case "Identity" -> {
                return x;
            }
            case "Cast" -> {
                long to = Attrs.i(n, "to", OnnxTensors.FLOAT);
                if (to == OnnxTensors.FLOAT || to == OnnxTensors.FLOAT16 || to == OnnxTensors.BFLOAT16) {
                    return x.castTo(DataType.FLOAT);
                }
                if (to == OnnxTensors.DOUBLE) {
                    return x.castTo(DataType.DOUBLE);
                }
                if (to == OnnxTensors.BOOL) {
                    return x.neq(0).castTo(DataType.LONG);
                }
                return x.dataType().isFPType() ? Nd4j.getExecutioner().exec(
                        new org.nd4j.linalg.api.ops.impl.transforms.same.Floor(x.dup())).castTo(DataType.LONG)
                        : x.castTo(DataType.LONG);
            }
            case "Shape" -> {
                long[] shape = x.shape();
                long[] r = sliceRange(Attrs.i(n, "start", 0), Attrs.i(n, "end", shape.length), 1, shape.length);
                return Nd4j.createFromArray(Arrays.copyOfRange(shape, (int) r[0], (int) Math.max(r[0], r[1])));
            }
            case "Size" -> {
                return Nd4j.scalar(DataType.LONG, x.length());
            }
            case "Gather" -> {
                return gather(x, s.constants.get(in.get(1)), (int) Attrs.i(n, "axis", 0));
            }
            case "Unsqueeze" -> {
                long[] ax = axes(n, s, 1);
                long[] shape = x.shape();
                int rank = shape.length + ax.length;
                long[] out = new long[rank];
                boolean[] inserted = new boolean[rank];
                for (long a : ax) {
                    inserted[(int) (a < 0 ? a + rank : a)] = true;
                }
                for (int i = 0, j = 0; i < rank; i++) {
                    out[i] = inserted[i] ? 1 : shape[j++];
                }
                return x.reshape(out);
            }
            case "Squeeze" -> {
                long[] ax = axes(n, s, 1);
                long[] shape = x.shape();
                List<Long> out = new ArrayList<>();
                for (int i = 0; i < shape.length; i++) {
                    final int k = i;
                    boolean squeeze = ax == null ? shape[i] == 1
                            : Arrays.stream(ax).anyMatch(a -> (a < 0 ? a + shape.length : a) == k);
                    if (!squeeze) {
                        out.add(shape[i]);
                    }
                }
                return x.reshape(out.stream().mapToLong(Long::longValue).toArray());
            }
            case "Concat" -> {
                INDArray[] parts = in.stream().map(s.constants::get).toArray(INDArray[]::new);
                int axis = (int) Attrs.i(n, "axis", 0);
                if (axis < 0) {
                    axis += parts[0].rank();
                }
                return parts.length == 1 ? parts[0] : Nd4j.concat(axis, parts);
            }
            case "Slice" -> {
                return sliceConstant(n, s, x);
            }
            case "Reshape" -> {
                long[] shape = longs(s, in.get(1));
                long[] resolved = new org.xai4j.core.graph.node.ReshapeNode("fold", "x", "y", shape,
                        Attrs.i(n, "allowzero", 0) != 0).forward(x).shape();
                return x.reshape('c', resolved);
            }
            case "Flatten", "Transpose" -> {
                return null;
            }
            case "Add", "Sub", "Mul", "Div" -> {
                return arithmetic(n.opType(), x, s.constants.get(in.get(1)));
            }
            case "Neg" -> {
                return x.neg();
            }
            case "ConstantOfShape" -> {
                long[] shape = x.castTo(DataType.LONG).toLongVector();
                long count = 1;
                for (long d : shape) {
                    if (d < 0 || (d != 0 && count > Integer.MAX_VALUE / d)) {
                        throw new ModelFormatException("ONNX model '" + s.modelId + "', ConstantOfShape '" + n.name()
                                + "': shape " + Arrays.toString(shape) + " is negative or too large to fill");
                    }
                    count *= d;
                }
                OnnxProto.Attribute v = n.attribute("value");
                INDArray value = v == null ? Nd4j.scalar(DataType.FLOAT, 0f) : OnnxTensors.toArray(v.t(), "ONNX model '" + s.modelId + "', " + n.opType() + " '" + n.name() + "'");
                return Nd4j.valueArrayOf(shape, value.getDouble(0), value.dataType());
            }
            case "Range" -> {
                double start = x.getDouble(0);
                double limit = s.constants.get(in.get(1)).getDouble(0);
                double delta = s.constants.get(in.get(2)).getDouble(0);
                int count = (int) Math.max(0, Math.ceil((limit - start) / delta));
                double[] v = new double[count];
                for (int i = 0; i < count; i++) {
                    v[i] = start + i * delta;
                }
                return Nd4j.createFromArray(v).castTo(x.dataType());
            }
            default -> {
                return null;
            }
        }
    }

    private static INDArray gather(INDArray data, INDArray indices, int axis) {
        int ax = axis < 0 ? axis + data.rank() : axis;
        long[] idx = indices.castTo(DataType.LONG).reshape(indices.length()).toLongVector();
        long size = data.size(ax);
        INDArray[] parts = new INDArray[idx.length];
        for (int k = 0; k < idx.length; k++) {
            long i = idx[k] < 0 ? idx[k] + size : idx[k];
            INDArrayIndex[] sel = new INDArrayIndex[data.rank()];
            for (int d = 0; d < sel.length; d++) {
                sel[d] = d == ax ? NDArrayIndex.interval(i, i + 1) : NDArrayIndex.all();
            }
            parts[k] = data.get(sel).dup();
        }
        INDArray stacked = parts.length == 1 ? parts[0] : Nd4j.concat(ax, parts);
        long[] ds = data.shape();
        long[] is = indices.shape();
        long[] out = new long[ds.length - 1 + is.length];
        System.arraycopy(ds, 0, out, 0, ax);
        System.arraycopy(is, 0, out, ax, is.length);
        System.arraycopy(ds, ax + 1, out, ax + is.length, ds.length - ax - 1);
        return stacked.reshape('c', out);
    }

    private static INDArray sliceConstant(OnnxProto.Node n, ImportState s, INDArray x) {
        List<String> in = n.inputs();
        long[] starts = s.opset >= 10 ? longs(s, in.get(1)) : Attrs.ints(n, "starts", null);
        long[] ends = s.opset >= 10 ? longs(s, in.get(2)) : Attrs.ints(n, "ends", null);
        long[] axes = s.opset >= 10 ? (Attrs.input(n, 3).isEmpty() ? null : longs(s, in.get(3)))
                : Attrs.ints(n, "axes", null);
        long[] steps = s.opset >= 10 && !Attrs.input(n, 4).isEmpty() ? longs(s, in.get(4)) : null;
        INDArray out = x;
        for (int k = 0; k < starts.length; k++) {
            int ax = axes == null ? k : (int) (axes[k] < 0 ? axes[k] + x.rank() : axes[k]);
            long step = steps == null ? 1 : steps[k];
            if (step == 0) {
                throw new IllegalArgumentException("Slice with step 0");
            }
            long[] r = sliceRange(starts[k], ends[k], step, out.size(ax));
            List<Long> idx = new ArrayList<>();
            for (long i = r[0]; step > 0 ? i < r[1] : i > r[1]; i += step) {
                idx.add(i);
            }
            if (idx.isEmpty()) {
                long[] shape = out.shape();
                shape[ax] = 0;
                return Nd4j.create(out.dataType(), shape);
            }
            INDArray ix = Nd4j.createFromArray(idx.stream().mapToLong(Long::longValue).toArray());
            out = gather(out, ix, ax);
        }
        return out;
    }
}
