package org.xai4j.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * One input row read from its columns: its id, the class asked for (null: the predicted class), its values, or
 * the reason it cannot be explained (an error carried in from an earlier stage such as image decoding, a null
 * or wrong-length {@code values}, a null, NaN or infinite number).
 *
 * @param id     the row's id
 * @param target the class to explain, or null for the predicted class
 * @param values the row's numbers (null when {@code error} is set)
 * @param error  why the row cannot be explained, or null
 */
record InputRow(long id, Integer target, float[] values, String error) {
    /** Reads row {@code r} through the columns {@code c}, for a model whose rows have shape {@code rowShape}. */
    static InputRow read(Row r, SparkExplainer.Columns c, long[] rowShape) {
        long id = ((Number) r.get(c.id())).longValue();
        Integer target = c.target() < 0 || r.isNullAt(c.target()) ? null : ((Number) r.get(c.target())).intValue();
        if (c.error() >= 0 && !r.isNullAt(c.error())) {
            return new InputRow(id, target, null, r.getString(c.error()));
        }
        if (r.isNullAt(c.values())) {
            return new InputRow(id, target, null, "values is null");
        }
        long length = 1;
        for (long d : rowShape) {
            length *= d;
        }
        // A row straight from an earlier mapPartitions (Spark drops the encoder round trip between two of them)
        // still holds the float[] it was made with; a decoded one holds a Seq.
        Object raw = r.get(c.values());
        List<?> v = raw instanceof float[] f ? floats(f) : r.getList(c.values());
        if (v.size() != length) {
            return new InputRow(id, target, null, "values has " + v.size() + " numbers but the model's row shape "
                    + Arrays.toString(rowShape) + " needs " + length);
        }
        float[] x = new float[v.size()];
        for (int k = 0; k < x.length; k++) {
            Object e = v.get(k);
            if (e == null) {
                return new InputRow(id, target, null, "values[" + k + "] is null");
            }
            x[k] = ((Number) e).floatValue();
            if (!Float.isFinite(x[k])) {
                return new InputRow(id, target, null, "values[" + k + "] is " + x[k] + " (NaN or infinite input)");
            }
        }
        return new InputRow(id, target, x, null);
    }

    private static List<Float> floats(float[] f) {
        List<Float> l = new java.util.ArrayList<>(f.length);
        for (float x : f) {
            l.add(x);
        }
        return l;
    }
}
