package org.xai4j.models.onnx;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A small integer vector (or scalar) computed from tensor shapes, whose entries are known numbers or
 * "size of axis k of value v" — what PyTorch's exporter emits for {@code x.view(x.size(0), -1)} and
 * {@code F.interpolate(size=...)}. Folding such vectors lets a Reshape or Resize take a static shape.
 *
 * @param dims   the entries
 * @param scalar whether this is a 0-D value (one entry)
 */
record Sym(List<Dim> dims, boolean scalar) {
    /** One entry: {@code value} when {@code of} is null, else the size of axis {@code axis} of value {@code of}. */
    record Dim(long value, String of, int axis) {
        boolean known() {
            return of == null;
        }

        static Dim of(long v) {
            return new Dim(v, null, -1);
        }

        @Override
        public String toString() {
            return known() ? Long.toString(value) : "size(" + of + ", " + axis + ")";
        }
    }

    Sym {
        dims = List.copyOf(dims);
    }

    /** The symbolic shape of a runtime value of rank {@code rank}. */
    static Sym shapeOf(String value, int rank) {
        List<Dim> d = new ArrayList<>();
        for (int k = 0; k < rank; k++) {
            d.add(new Dim(0, value, k));
        }
        return new Sym(d, false);
    }

    /** A constant integer array (rank ≤ 1) as a symbolic vector. */
    static Sym of(INDArray constant) {
        long[] v = constant.castTo(org.nd4j.linalg.api.buffer.DataType.LONG).reshape(constant.length()).toLongVector();
        List<Dim> d = new ArrayList<>();
        for (long x : v) {
            d.add(Dim.of(x));
        }
        return new Sym(d, constant.rank() == 0);
    }

    boolean allKnown() {
        return dims.stream().allMatch(Dim::known);
    }

    /** The known values as a LONG array (scalar or vector). */
    INDArray toArray() {
        long[] v = dims.stream().mapToLong(Dim::value).toArray();
        INDArray a = Nd4j.createFromArray(v);
        return scalar ? a.reshape(new long[0]) : a;
    }

    @Override
    public String toString() {
        return (scalar ? "" : "[") + String.join(", ", dims.stream().map(Dim::toString).toList()) + (scalar ? "" : "]");
    }
}
