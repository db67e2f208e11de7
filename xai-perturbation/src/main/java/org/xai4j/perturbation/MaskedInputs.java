package org.xai4j.perturbation;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidShapeException;

/**
 * Builds perturbed copies of one input row from coalitions of features: element e keeps the input's value
 * when its feature is in the coalition and takes a reference row's value otherwise. With B reference rows
 * (a background set) every coalition is composed once per reference, coalition-major: batch row r is
 * coalition r / B against reference r % B.
 *
 * <p>Works on private flat copies of the row and references, so the caller's arrays are never touched.
 */
public final class MaskedInputs {
    /** Says which features coalition {@code k} holds. */
    @FunctionalInterface
    public interface CoalitionSource {
        /** Marks the features of coalition {@code k} in {@code present} (length = number of features, cleared before the call). */
        void coalition(int k, boolean[] present);
    }

    private final long[] rowShape;
    private final DataType type;
    private final int length;
    private final int[] featureOf;
    private final int numFeatures;
    private final int references;
    private final float[] xf;
    private final float[][] rf;
    private final double[] xd;
    private final double[][] rd;

    /**
     * @param row        one input row, shape 1×…
     * @param references B reference rows, shape B×… (same row shape)
     * @param featureOf  for every element of a row (row-major), its feature in 0..numFeatures-1
     */
    public MaskedInputs(INDArray row, INDArray references, int[] featureOf, int numFeatures) {
        long[] s = row.shape();
        this.rowShape = Arrays.copyOfRange(s, 1, s.length);
        long[] rs = references.shape();
        if (!Arrays.equals(rowShape, Arrays.copyOfRange(rs, 1, rs.length))) {
            throw new InvalidShapeException("reference rows have shape " + Arrays.toString(Arrays.copyOfRange(rs, 1, rs.length))
                    + " but input rows have shape " + Arrays.toString(rowShape));
        }
        this.type = row.dataType();
        this.length = Math.toIntExact(row.length());
        if (featureOf.length != length) {
            throw new InvalidShapeException("feature index has " + featureOf.length + " entries but a row has "
                    + length + " elements");
        }
        this.featureOf = featureOf;
        this.numFeatures = numFeatures;
        this.references = (int) references.size(0);
        if (type == DataType.FLOAT) {
            xf = row.dup('c').data().asFloat();
            rf = new float[this.references][];
            float[] all = references.castTo(DataType.FLOAT).dup('c').data().asFloat();
            for (int b = 0; b < this.references; b++) {
                rf[b] = Arrays.copyOfRange(all, b * length, (b + 1) * length);
            }
            xd = null;
            rd = null;
        } else {
            xd = org.xai4j.core.util.HostArrays.doubles(row);
            rd = new double[this.references][];
            double[] all = org.xai4j.core.util.HostArrays.doubles(references);
            for (int b = 0; b < this.references; b++) {
                rd[b] = Arrays.copyOfRange(all, b * length, (b + 1) * length);
            }
            xf = null;
            rf = null;
        }
    }

    /** The number of reference rows B. */
    public int references() {
        return references;
    }

    /** Elements per row. */
    public int rowLength() {
        return length;
    }

    /** Bytes one composed row takes. */
    public long bytesPerRow() {
        return (long) length * type.width();
    }

    /** The number of features. */
    public int numFeatures() {
        return numFeatures;
    }

    /** Batch rows [from, to) in the coalition-major order described above, with the input's data type. */
    public INDArray compose(int from, int to, CoalitionSource source) {
        int n = to - from;
        boolean[] present = new boolean[numFeatures];
        int lastCoalition = -1;
        long[] shape = new long[rowShape.length + 1];
        shape[0] = n;
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        if (xf != null) {
            float[] out = new float[n * length];
            for (int r = 0; r < n; r++) {
                int k = (from + r) / references;
                if (k != lastCoalition) {
                    Arrays.fill(present, false);
                    source.coalition(k, present);
                    lastCoalition = k;
                }
                float[] ref = rf[(from + r) % references];
                int off = r * length;
                for (int e = 0; e < length; e++) {
                    out[off + e] = present[featureOf[e]] ? xf[e] : ref[e];
                }
            }
            return Nd4j.create(out, shape, DataType.FLOAT);
        }
        double[] out = new double[n * length];
        for (int r = 0; r < n; r++) {
            int k = (from + r) / references;
            if (k != lastCoalition) {
                Arrays.fill(present, false);
                source.coalition(k, present);
                lastCoalition = k;
            }
            double[] ref = rd[(from + r) % references];
            int off = r * length;
            for (int e = 0; e < length; e++) {
                out[off + e] = present[featureOf[e]] ? xd[e] : ref[e];
            }
        }
        INDArray a = Nd4j.create(out, shape, DataType.DOUBLE);
        return type == DataType.DOUBLE ? a : a.castTo(type);
    }

    /**
     * The value of {@code count} coalitions: each one's score averaged over the B references. Works through
     * the coalitions in chunks of about 2^20 model rows, so memory does not grow with count × B.
     */
    public double[] values(int count, ModelEvaluator evaluator, org.xai4j.core.target.Target rowTarget, int row,
                           CoalitionSource source) {
        double[] v = new double[count];
        int chunk = Math.max(1, (1 << 20) / references);
        for (int start = 0; start < count; start += chunk) {
            int first = start;
            int size = Math.min(chunk, count - start);
            double[] s = evaluator.scores(size * references, bytesPerRow(), rowTarget, row,
                    (from, to) -> compose(from, to, (k, present) -> source.coalition(first + k, present)));
            for (int k = 0; k < size; k++) {
                double sum = 0;
                for (int b = 0; b < references; b++) {
                    sum += s[k * references + b];
                }
                v[start + k] = references == 1 ? s[k] : sum / references;
            }
        }
        return v;
    }
}
