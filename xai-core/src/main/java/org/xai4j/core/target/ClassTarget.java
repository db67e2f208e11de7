package org.xai4j.core.target;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidTargetException;
import org.xai4j.core.util.HostArrays;

/**
 * A class index per row (or one for all rows). For outputs of rank above 2 (N×K×H×W) the score is the
 * class channel summed over all positions.
 */
public final class ClassTarget implements Target {
    private final int[] classes;
    private final boolean shared;
    /** For messages: the row of the batch this target was made for that each class belongs to; null: its index. */
    private final int[] sourceRows;

    private ClassTarget(int[] classes, boolean shared) {
        this(classes, shared, null);
    }

    private ClassTarget(int[] classes, boolean shared, int[] sourceRows) {
        this.classes = classes;
        this.shared = shared;
        this.sourceRows = sourceRows;
    }

    private int sourceRow(int i) {
        return sourceRows == null ? i : sourceRows[i];
    }

    /**
     * The same class for every row.
     *
     * @param classIndex the class, at least 0
     * @return the target
     * @throws InvalidTargetException if {@code classIndex} is negative
     */
    public static ClassTarget of(int classIndex) {
        if (classIndex < 0) {
            throw new InvalidTargetException("class index must be ≥ 0 but was " + classIndex);
        }
        return new ClassTarget(new int[] {classIndex}, true);
    }

    /**
     * One class per row.
     *
     * @param classes one class per row, each at least 0; copied
     * @return the target
     * @throws InvalidTargetException if a class is negative or none is given
     */
    public static ClassTarget perRow(int... classes) {
        if (classes == null || classes.length == 0) {
            throw new InvalidTargetException("perRow needs at least one class index");
        }
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] < 0) {
                throw new InvalidTargetException("class index of row " + i + " must be ≥ 0 but was " + classes[i]);
            }
        }
        return new ClassTarget(classes.clone(), false);
    }

    /**
     * One class per row from an array of class indices, as a user's target file holds them: the values must be
     * whole numbers (floating-point arrays are accepted when every value is integral), in [0, 2³¹−1], and exactly
     * one per row of the batch.
     *
     * @param values the indices, any shape with {@code rows} elements (N, N×1, …)
     * @param source how the user named the array, for messages (a file name)
     * @param rows   the number of rows of the batch the target is for
     * @return the target
     * @throws InvalidTargetException naming the source, the row and the value
     */
    public static ClassTarget fromArray(INDArray values, String source, long rows) {
        if (rows < 1) {
            throw new InvalidTargetException("the input has no rows to give " + source + "'s targets to");
        }
        if (values.length() != rows) {
            throw new InvalidTargetException(source + " has " + values.length() + " target"
                    + (values.length() == 1 ? "" : "s") + " but the input has " + rows + " row" + (rows == 1 ? "" : "s")
                    + "; give exactly one class index per row (or one class for all rows with --target-index)");
        }
        INDArray flat = values.reshape(values.length());
        int[] classes = new int[(int) rows];
        boolean integral = !values.dataType().isFPType();
        long[] asLong = integral ? flat.castTo(DataType.LONG).toLongVector() : null;
        double[] asDouble = integral ? null : flat.castTo(DataType.DOUBLE).toDoubleVector();
        for (int i = 0; i < classes.length; i++) {
            String text;
            long v;
            if (integral) {
                v = asLong[i];
                text = Long.toString(v);
            } else {
                double d = asDouble[i];
                text = d == Math.rint(d) && Math.abs(d) < 1e18 ? Long.toString((long) d) : Double.toString(d);
                if (!Double.isFinite(d) || d != Math.rint(d)) {
                    throw new InvalidTargetException(source + " row " + i + ": " + text
                            + " is not a whole number; targets are class indices (0, 1, 2, ...)");
                }
                v = Math.abs(d) < 1e18 ? (long) d : (d > 0 ? Long.MAX_VALUE : Long.MIN_VALUE);
            }
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new InvalidTargetException(source + " row " + i + ": " + text
                        + " is not a class index; class indices are whole numbers from 0 to " + Integer.MAX_VALUE);
            }
            classes[i] = (int) v;
        }
        return new ClassTarget(classes, false);
    }

    /**
     * Whether one class applies to every row.
     *
     * @return true when made by {@link #of(int)}
     */
    public boolean isShared() {
        return shared;
    }

    /**
     * The class of row {@code row}.
     *
     * @param row a row of the batch
     * @return its class
     */
    public int classOf(int row) {
        return shared ? classes[0] : classes[row];
    }

    /**
     * The classes for {@code n} rows.
     *
     * @param n the number of rows
     * @return a new array of n classes
     * @throws InvalidTargetException if the target is per row and has not n rows
     */
    public int[] classes(int n) {
        if (!shared && n != classes.length) {
            throw new InvalidTargetException("target has " + classes.length + " class indices but the batch has "
                    + n + " rows");
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = classOf(i);
        }
        return out;
    }

    @Override
    public void validate(long[] outputShape) {
        if (outputShape.length < 2) {
            throw new InvalidTargetException("a class target needs an output of rank ≥ 2 (N×K…) but the output has shape "
                    + Arrays.toString(outputShape));
        }
        long n = outputShape[0];
        long k = outputShape[1];
        if (!shared && classes.length != n) {
            throw new InvalidTargetException("target has " + classes.length + " class indices but the batch has "
                    + n + " rows");
        }
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] >= k) {
                throw new InvalidTargetException("class index " + classes[i] + (shared ? "" : " (row " + sourceRow(i) + ")")
                        + " is outside the model's " + k + " outputs (valid: 0.." + (k - 1) + ")");
            }
        }
    }

    /**
     * On an N×K float or double output the score of row i is the one value {@code output[i, class(i)]}, read from
     * a host copy after the same {@link #validate}: {@link #scores} sums {@code output ⊙ one-hot}, which adds
     * only zeros to it ({@code + 0.0} turns a −0 into the +0 that sum gives), but costs a seed array, a product
     * and a reduction (five native allocations, ~0.15 ms per model batch). Other outputs: {@link #scores}.
     */
    @Override
    public double[] scoreValues(INDArray output) {
        DataType type = output.dataType();
        if (output.rank() != 2 || type != DataType.FLOAT && type != DataType.DOUBLE) {
            return Target.super.scoreValues(output);
        }
        long[] shape = output.shape();
        validate(shape);
        int n = (int) shape[0];
        int k = (int) shape[1];
        double[] v = HostArrays.doubles(output);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = v[i * k + classOf(i)] + 0.0;
        }
        return s;
    }

    @Override
    public INDArray seed(INDArray output) {
        validate(output.shape());
        long[] shape = output.shape();
        int n = (int) shape[0];
        int k = (int) shape[1];
        long inner = 1;
        for (int d = 2; d < shape.length; d++) {
            inner *= shape[d];
        }
        double[] v = new double[Math.toIntExact(n * k * inner)];
        for (int i = 0; i < n; i++) {
            int c = classOf(i);
            int base = (int) ((i * (long) k + c) * inner);
            Arrays.fill(v, base, (int) (base + inner), 1.0);
        }
        return Nd4j.create(v, shape, org.nd4j.linalg.api.buffer.DataType.DOUBLE).castTo(output.dataType());
    }

    @Override
    public Target select(int... rows) {
        if (shared) {
            return this;
        }
        int[] c = new int[rows.length];
        int[] from = new int[rows.length];
        for (int j = 0; j < rows.length; j++) {
            if (rows[j] < 0 || rows[j] >= classes.length) {
                throw new InvalidTargetException("row " + rows[j] + " is outside the target's " + classes.length + " rows");
            }
            c[j] = classes[rows[j]];
            from[j] = sourceRow(rows[j]);
        }
        // messages keep naming the row of the batch the user gave (the CLI explains row by row)
        return new ClassTarget(c, false, from);
    }

    @Override
    public String describe() {
        return shared ? "class " + classes[0] : "classes " + Arrays.toString(classes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassTarget t && t.shared == shared && Arrays.equals(t.classes, classes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(classes) * 31 + Boolean.hashCode(shared);
    }

    @Override
    public String toString() {
        return describe();
    }
}
