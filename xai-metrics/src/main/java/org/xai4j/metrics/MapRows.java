package org.xai4j.metrics;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.util.Checks;

/**
 * Reads batches of maps (N rows on the first axis) into double-precision copies, one flat row-major
 * array per row, after checking them. The caller's arrays are never modified or kept.
 */
public final class MapRows {
    private MapRows() {
    }

    /**
     * The rows of {@code maps} as copies: {@code result[i]} holds row i flattened in row-major order.
     *
     * @param maps N×… maps, rank at least 2 (not modified)
     * @param name what to call the maps in error messages
     * @return N new arrays, each the row's elements in row-major order
     * @throws InvalidShapeException                     when {@code maps} is null, empty or of rank below 2
     * @throws org.xai4j.core.NonFiniteValueException    when it holds NaN or an infinity
     */
    public static double[][] rows(INDArray maps, String name) {
        Checks.requireArray(maps, name);
        if (maps.rank() < 2) {
            throw new InvalidShapeException(name + ": expected a batch of maps (N×…, rank ≥ 2) but got shape "
                    + Arrays.toString(maps.shape()));
        }
        Checks.requireFinite(maps, name);
        int n = Math.toIntExact(maps.size(0));
        int m = Math.toIntExact(maps.length() / n);
        double[] flat = flat(maps);
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(flat, i * m, (i + 1) * m);
        }
        return out;
    }

    /**
     * All elements of {@code a} as a new row-major double array (no checks).
     *
     * @param a any array (not modified)
     * @return its elements, row-major
     */
    public static double[] flat(INDArray a) {
        return org.xai4j.core.util.HostArrays.doubles(a);
    }

    /**
     * The shape of one row: all but the first axis.
     *
     * @param maps N×… maps
     * @return a new array of the shape without the first axis
     */
    public static long[] rowShape(INDArray maps) {
        return Arrays.copyOfRange(maps.shape(), 1, maps.rank());
    }

    /**
     * Fails unless {@code a} and {@code b} have exactly the same shape.
     *
     * @param a the first array
     * @param nameA what to call it in messages
     * @param b the second array
     * @param nameB what to call it in messages
     * @throws InvalidShapeException if the shapes differ
     */
    public static void requireSameShape(INDArray a, String nameA, INDArray b, String nameB) {
        Checks.requireSameShape(a, nameA, b, nameB);
    }

    /**
     * Fails unless {@code value} is finite.
     *
     * @param values the values to check
     * @param name what to call them in messages
     * @throws org.xai4j.core.NonFiniteValueException naming the first NaN or infinity and its index
     */
    public static void requireFinite(double[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new org.xai4j.core.NonFiniteValueException(name + " holds " + values[i] + " at index " + i);
            }
        }
    }
}
