package org.xai4j.metrics.similarity;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.metrics.Ranks;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.util.Checks;

/**
 * The Jaccard index |A ∩ B| / |A ∪ B| (Jaccard, 1912) of the top-k sets of two maps: A holds the k
 * elements of the first row with the largest absolute value (or largest signed value when built with
 * {@link #signed(double)}), B the same for the second row, k = round(top · size) with ties of the rounding
 * going to the even integer (Python's and NumPy's {@code round}). Among equal values the element with the
 * lower flat index is taken first, so the sets are always exactly k elements.
 *
 * <p>Always defined when k ≥ 1; a fraction that rounds to k = 0 for the map size is an
 * {@link InvalidConfigException}.
 */
public final class TopKJaccard implements MapSimilarity {
    private final double top;
    private final boolean absolute;

    /**
     * Top fraction by absolute value.
     *
     * @param top the fraction of elements kept, in (0, 1]
     */
    public TopKJaccard(double top) {
        this(top, true);
    }

    private TopKJaccard(double top, boolean absolute) {
        if (!(top > 0 && top <= 1)) {
            throw new InvalidConfigException("top-k Jaccard fraction 'top' must lie in (0, 1] but was " + top);
        }
        this.top = top;
        this.absolute = absolute;
    }

    /**
     * Top fraction by signed value (largest positive relevance first).
     *
     * @param top the fraction of elements kept, in (0, 1]
     * @return the measure
     */
    public static TopKJaccard signed(double top) {
        return new TopKJaccard(top, false);
    }

    /**
     * The fraction of elements kept.
     *
     * @return the fraction, in (0, 1]
     */
    public double top() {
        return top;
    }

    @Override
    public String name() {
        return "top-k-jaccard";
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("top", Double.toString(top));
        m.put("by", absolute ? "absolute value" : "signed value");
        return m;
    }

    /**
     * k for a map of {@code size} elements: round half to even of top·size.
     *
     * @param size the number of elements of one map
     * @return k, in [1, size]
     * @throws InvalidConfigException if top·size rounds to 0
     */
    public int k(int size) {
        int k = (int) Math.rint(top * size);
        if (k < 1) {
            throw new InvalidConfigException("top-k Jaccard: top = " + top + " of " + size
                    + " elements rounds to k = 0; use a larger fraction");
        }
        return Math.min(k, size);
    }

    @Override
    public double between(double[] a, double[] b, long[] rowShape) {
        Checks.requireNonNull(a, "first map");
        int k = k(a.length);
        boolean[] inA = new boolean[a.length];
        for (int i : Ranks.topK(key(a), k)) {
            inA[i] = true;
        }
        int both = 0;
        for (int i : Ranks.topK(key(b), k)) {
            if (inA[i]) {
                both++;
            }
        }
        return both / (double) (2 * k - both);
    }

    private double[] key(double[] v) {
        if (!absolute) {
            return v;
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.abs(v[i]);
        }
        return out;
    }
}
