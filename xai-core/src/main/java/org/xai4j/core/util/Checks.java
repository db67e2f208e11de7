package org.xai4j.core.util;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;

/**
 * Eager validation used by every explainer. Each check throws an {@link org.xai4j.core.XaiException}
 * subtype whose message names the argument, what was expected and what was found; none modifies its
 * arguments.
 */
public final class Checks {
    private Checks() {
    }

    /**
     * Fails unless {@code array} is non-null and open (not {@link INDArray#close() closed}); an empty array passes.
     *
     * @param array the array
     * @param name what to call it in the message, as the user knows it
     * @return {@code array}
     * @throws InvalidShapeException if {@code array} is null or closed
     */
    public static INDArray requireOpen(INDArray array, String name) {
        if (array == null) {
            throw new InvalidShapeException(name + ": expected an array but got null");
        }
        if (array.wasClosed()) {
            throw new InvalidShapeException(name + ": expected an open array but got one whose memory was released"
                    + " (INDArray.close() was called on it or on the array it is a view of)");
        }
        return array;
    }

    /**
     * Fails unless {@code array} is non-null, open (not {@link INDArray#close() closed}) and non-empty.
     *
     * @param array the array
     * @param name what to call it in the message, as the user knows it
     * @return {@code array}
     * @throws InvalidShapeException if {@code array} is null, closed or empty
     */
    public static INDArray requireArray(INDArray array, String name) {
        requireOpen(array, name);
        if (array.isEmpty()) {
            throw new InvalidShapeException(name + ": expected a non-empty array but got shape "
                    + Arrays.toString(array.shape()));
        }
        return array;
    }

    /**
     * Fails unless the rank of {@code array} is one of {@code ranks}.
     *
     * @param array the array
     * @param name what to call it in the message
     * @param ranks the allowed ranks
     * @return {@code array}
     */
    public static INDArray requireRank(INDArray array, String name, int... ranks) {
        requireArray(array, name);
        for (int r : ranks) {
            if (array.rank() == r) {
                return array;
            }
        }
        throw new InvalidShapeException(name + ": expected rank " + join(ranks) + " but got rank "
                + array.rank() + " (shape " + Arrays.toString(array.shape()) + ")");
    }

    /**
     * Fails unless {@code array} has exactly {@code expected}; a -1 in {@code expected} matches any size.
     *
     * @param array the array
     * @param name what to call it in the message
     * @param expected the shape, −1 for any size on that axis
     * @return {@code array}
     */
    public static INDArray requireShape(INDArray array, String name, long... expected) {
        requireArray(array, name);
        long[] shape = array.shape();
        boolean ok = shape.length == expected.length;
        for (int i = 0; ok && i < shape.length; i++) {
            ok = expected[i] < 0 || expected[i] == shape[i];
        }
        if (!ok) {
            throw new InvalidShapeException(name + ": expected shape " + pattern(expected) + " but got "
                    + Arrays.toString(shape));
        }
        return array;
    }

    /**
     * Fails unless {@code a} and {@code b} have the same shape.
     *
     * @param a the reference array
     * @param nameA what to call it in the message
     * @param b the array checked against it
     * @param nameB what to call it in the message
     */
    public static void requireSameShape(INDArray a, String nameA, INDArray b, String nameB) {
        requireArray(a, nameA);
        requireArray(b, nameB);
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new InvalidShapeException(nameB + " shape " + Arrays.toString(b.shape()) + " does not match "
                    + nameA + " shape " + Arrays.toString(a.shape()));
        }
    }

    /**
     * Fails unless the per-row shape (all but the first axis) of {@code b} equals that of {@code a}.
     *
     * @param a the reference array
     * @param nameA what to call it in the message
     * @param b the array checked against it
     * @param nameB what to call it in the message
     */
    public static void requireSameRowShape(INDArray a, String nameA, INDArray b, String nameB) {
        requireArray(a, nameA);
        requireArray(b, nameB);
        long[] ra = Arrays.copyOfRange(a.shape(), 1, a.rank());
        long[] rb = Arrays.copyOfRange(b.shape(), 1, b.rank());
        if (!Arrays.equals(ra, rb)) {
            throw new InvalidShapeException(nameB + " rows have shape " + Arrays.toString(rb) + " but " + nameA
                    + " rows have shape " + Arrays.toString(ra) + " (full shapes " + Arrays.toString(b.shape())
                    + " and " + Arrays.toString(a.shape()) + ")");
        }
    }

    /**
     * Fails unless the first axis of {@code array} has {@code rows} entries.
     *
     * @param array the array
     * @param name what to call it in the message
     * @param rows the number of rows expected
     */
    public static void requireRows(INDArray array, String name, long rows) {
        requireArray(array, name);
        if (array.rank() == 0 || array.size(0) != rows) {
            throw new InvalidShapeException(name + ": expected " + rows + " rows (first axis) but got shape "
                    + Arrays.toString(array.shape()));
        }
    }

    /**
     * Fails if {@code array} holds a NaN or an infinity; the message gives the first offending flat index.
     *
     * @param array the array
     * @param name what to call it in the message
     * @return {@code array}
     */
    public static INDArray requireFinite(INDArray array, String name) {
        requireArray(array, name);
        if (!array.dataType().isFPType()) {
            return array;
        }
        if (HostArrays.allFinite(array)) {
            return array;
        }
        double[] flat = HostArrays.doubles(array);
        for (int i = 0; i < flat.length; i++) {
            if (!Double.isFinite(flat[i])) {
                throw new NonFiniteValueException(name + " holds " + flat[i] + " at flat index " + i
                        + " (position " + Arrays.toString(unravel(i, array.shape())) + " of shape "
                        + Arrays.toString(array.shape()) + ")");
            }
        }
        return array;
    }

    /**
     * Fails unless {@code value ≥ min}.
     *
     * @param value the value
     * @param min the smallest allowed value
     * @param name what to call it in the message, as the user typed it
     * @return {@code value}
     */
    public static int requireAtLeast(int value, int min, String name) {
        if (value < min) {
            throw new InvalidConfigException(name + " must be at least " + min + " but was " + value);
        }
        return value;
    }

    /**
     * Fails unless {@code value} is finite and strictly positive.
     *
     * @param value the value
     * @param name what to call it in the message, as the user typed it
     * @return {@code value}
     */
    public static double requirePositive(double value, String name) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new InvalidConfigException(name + " must be a positive finite number but was " + value);
        }
        return value;
    }

    /**
     * Fails unless {@code value} is finite and not negative.
     *
     * @param value the value
     * @param name what to call it in the message, as the user typed it
     * @return {@code value}
     */
    public static double requireNonNegative(double value, String name) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new InvalidConfigException(name + " must be a finite number ≥ 0 but was " + value);
        }
        return value;
    }

    /**
     * Fails unless {@code value} lies in the closed interval [lo, hi].
     *
     * @param value the value
     * @param lo the smallest allowed value
     * @param hi the largest allowed value
     * @param name what to call it in the message, as the user typed it
     * @return {@code value}
     */
    public static double requireInRange(double value, double lo, double hi, String name) {
        if (!(value >= lo && value <= hi)) {
            throw new InvalidConfigException(name + " must lie in [" + lo + ", " + hi + "] but was " + value);
        }
        return value;
    }

    /**
     * Fails unless {@code layer} names a layer (not null, not blank); {@code who} is the method, e.g. "a layer
     * method".
     *
     * @param layer the layer name
     * @param who the method asking, for the message
     * @return {@code layer}
     */
    public static String requireLayerName(String layer, String who) {
        if (layer == null || layer.isBlank()) {
            throw new InvalidConfigException(who + " needs a layer name but got " + (layer == null ? "null" : "'" + layer + "'"));
        }
        return layer;
    }

    /**
     * Fails unless every element of {@code values} is at least {@code min}, naming the axis ("{@code what} axis i").
     *
     * @param values the values, one per axis
     * @param min the smallest allowed value
     * @param what what the values are, e.g. {@code window}
     * @return {@code values}
     */
    public static int[] requireEachAtLeast(int[] values, int min, String what) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] < min) {
                throw new InvalidConfigException(what + " axis " + i + " must be at least " + min + " but was " + values[i]);
            }
        }
        return values;
    }

    /**
     * Fails if {@code value} is null.
     *
     * @param value the value
     * @param name what to call it in the message
     * @param <T> the value's type
     * @return {@code value}
     */
    public static <T> T requireNonNull(T value, String name) {
        if (value == null) {
            throw new InvalidConfigException(name + " must not be null");
        }
        return value;
    }

    /**
     * Row-major multi-index of flat index {@code i} in {@code shape}.
     *
     * @param i a flat index, 0 ≤ i &lt; the product of {@code shape}
     * @param shape the shape
     * @return a new array of one index per axis
     */
    public static long[] unravel(long i, long[] shape) {
        long[] idx = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = shape[d] == 0 ? 0 : i % shape[d];
            i = shape[d] == 0 ? 0 : i / shape[d];
        }
        return idx;
    }

    private static String join(int[] ranks) {
        if (ranks.length == 1) {
            return Integer.toString(ranks[0]);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ranks.length; i++) {
            sb.append(i == 0 ? "" : i == ranks.length - 1 ? " or " : ", ").append(ranks[i]);
        }
        return sb.toString();
    }

    private static String pattern(long[] expected) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < expected.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(expected[i] < 0 ? "*" : Long.toString(expected[i]));
        }
        return sb.append(']').toString();
    }
}
