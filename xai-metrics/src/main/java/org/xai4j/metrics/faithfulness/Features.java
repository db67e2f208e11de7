package org.xai4j.metrics.faithfulness;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.util.Checks;
import org.xai4j.metrics.MapRows;

/**
 * How an attribution map's elements ("features") cover an input row. Either the map has the input's
 * shape (each element is a feature), or it lacks the input's channel axis (rows H×W, or 1×H×W, for input
 * rows C×H×W): then feature f covers the C elements {@code c·(H·W) + f}.
 */
final class Features {
    final int rows;
    final int count;
    final int channels;
    final int rowLength;
    final long[] inputRowShape;

    private Features(int rows, int count, int channels, long[] inputRowShape) {
        this.rows = rows;
        this.count = count;
        this.channels = channels;
        this.rowLength = count * channels;
        this.inputRowShape = inputRowShape;
    }

    /** Checks that {@code attributions} fit {@code input} and returns the layout. */
    static Features of(INDArray input, INDArray attributions) {
        Checks.requireArray(input, "input");
        Checks.requireArray(attributions, "attributions");
        if (input.rank() < 2) {
            throw new InvalidShapeException("input: expected a batch (N×…, rank ≥ 2) but got shape "
                    + Arrays.toString(input.shape()));
        }
        if (attributions.size(0) != input.size(0)) {
            throw new InvalidShapeException("attributions have " + attributions.size(0) + " rows but the input has "
                    + input.size(0) + " (shapes " + Arrays.toString(attributions.shape()) + " and "
                    + Arrays.toString(input.shape()) + ")");
        }
        long[] in = MapRows.rowShape(input);
        long[] at = MapRows.rowShape(attributions);
        int n = Math.toIntExact(input.size(0));
        int rowLength = Math.toIntExact(input.length() / n);
        if (Arrays.equals(in, at)) {
            return new Features(n, rowLength, 1, in);
        }
        long[] inner = in.length > 1 ? Arrays.copyOfRange(in, 1, in.length) : new long[0];
        long[] innerWithOne = new long[in.length];
        innerWithOne[0] = 1;
        System.arraycopy(inner, 0, innerWithOne, 1, inner.length);
        if (in.length >= 2 && (Arrays.equals(at, inner) || Arrays.equals(at, innerWithOne))) {
            int channels = Math.toIntExact(in[0]);
            return new Features(n, rowLength / channels, channels, in);
        }
        throw new InvalidShapeException("attribution rows have shape " + Arrays.toString(at)
                + " but must match the input rows " + Arrays.toString(in)
                + (in.length >= 2 ? " or lack their channel axis " + Arrays.toString(inner) : ""));
    }

    /** Copies the elements of feature {@code f} from {@code src} into {@code dst} (both one input row). */
    void copyFeature(double[] src, double[] dst, int f) {
        for (int c = 0; c < channels; c++) {
            int i = c * count + f;
            dst[i] = src[i];
        }
    }

    /** The feature that input element {@code e} of a row belongs to. */
    int featureOf(int e) {
        return e % count;
    }
}
