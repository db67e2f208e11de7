package org.xai4j.attribution.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * How N rows × S samples (interpolation points, noise draws) are cut into model calls of at most
 * {@code maxRows} rows. When S ≤ maxRows a block holds whole rows (all their samples); otherwise each row's
 * samples are cut into consecutive runs of maxRows. Either way, how one row's samples are grouped does not
 * depend on the other rows, so a row's result is the same in any batch; memory per block is bounded by
 * maxRows whatever S is.
 */
public final class Blocks {
    private Blocks() {
    }

    /** Rows [rowFrom, rowTo) × samples [sampleFrom, sampleTo), expanded row-major (row, then sample). */
    public record Block(int rowFrom, int rowTo, int sampleFrom, int sampleTo) {
        /** The number of expanded rows. */
        public int size() {
            return (rowTo - rowFrom) * (sampleTo - sampleFrom);
        }

        /** For each expanded row, the original row it stands for. */
        public int[] rowOf() {
            int[] r = new int[size()];
            int s = sampleTo - sampleFrom;
            for (int j = 0; j < r.length; j++) {
                r[j] = rowFrom + j / s;
            }
            return r;
        }

        /** For each expanded row, its sample index. */
        public int[] sampleOf() {
            int[] r = new int[size()];
            int s = sampleTo - sampleFrom;
            for (int j = 0; j < r.length; j++) {
                r[j] = sampleFrom + j % s;
            }
            return r;
        }
    }

    /** The blocks covering {@code rows} × {@code samples}, in row-major order. */
    public static List<Block> plan(int rows, int samples, int maxRows) {
        List<Block> out = new ArrayList<>();
        if (samples <= maxRows) {
            int per = Math.max(1, maxRows / samples);
            for (int r = 0; r < rows; r += per) {
                out.add(new Block(r, Math.min(rows, r + per), 0, samples));
            }
        } else {
            for (int r = 0; r < rows; r++) {
                for (int s = 0; s < samples; s += maxRows) {
                    out.add(new Block(r, r + 1, s, Math.min(samples, s + maxRows)));
                }
            }
        }
        return out;
    }
}
