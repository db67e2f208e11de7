package org.xai4j.attribution.internal;

import java.lang.ref.SoftReference;
import org.xai4j.core.util.Rng;
import org.xai4j.core.util.ThreadSpares;

/**
 * The standard normal draws of one seed's stream, {@code Rng.seeded(seed).nextGaussian()} in order, for methods
 * whose every input row draws from a generator seeded with the configured seed alone. Every row then draws the
 * same numbers, and so does every call: the first draws are computed once and kept (softly, so the collector
 * can take them back), up to {@link #KEPT} values; a longer request draws each row's numbers as it goes.
 */
public final class SeededNormals {
    /** The most draws kept between calls: as many values as a thread's spare buffer keeps (8 MiB of doubles). */
    public static final int KEPT = ThreadSpares.KEPT;

    private final long seed;
    private final int kept;
    private volatile SoftReference<double[]> memo = new SoftReference<>(null);

    /**
     * The draws of {@code seed}'s stream, keeping up to {@link #KEPT} of them.
     *
     * @param seed the seed every row's generator starts from
     */
    public SeededNormals(long seed) {
        this(seed, KEPT);
    }

    /** For tests: the draws of {@code seed}'s stream, keeping up to {@code kept} of them. */
    SeededNormals(long seed, int kept) {
        this.seed = seed;
        this.kept = kept;
    }

    /**
     * A reader for one call: {@code rows} rows, each taking at most {@code perRow} draws in order.
     *
     * @param rows   the input rows
     * @param perRow the draws one row takes in the call
     * @return a reader starting every row at the stream's first draw
     */
    public Reader reader(int rows, long perRow) {
        return perRow <= kept ? new Reader(first(Math.toIntExact(perRow)), rows) : new Reader(rows);
    }

    /** The stream's first {@code count} draws: the kept ones when there are enough, else drawn now and kept. */
    private double[] first(int count) {
        double[] have = memo.get();
        if (have != null && have.length >= count) {
            return have; // a longer table starts with the same draws
        }
        double[] drawn = new double[count];
        Rng r = Rng.seeded(seed);
        for (int k = 0; k < count; k++) {
            drawn[k] = r.nextGaussian();
        }
        memo = new SoftReference<>(drawn);
        return drawn;
    }

    /**
     * Each row's position in the stream during one call. After {@link #next(int, int)}, the row's draws are
     * {@link #values()} from the index it returned.
     */
    public final class Reader {
        private final double[] table;
        private final int[] position;
        private final RowStreams streams;
        private double[] scratch = new double[0];

        private Reader(double[] table, int rows) {
            this.table = table;
            this.position = new int[rows];
            this.streams = null;
        }

        private Reader(int rows) {
            this.table = null;
            this.position = null;
            this.streams = new RowStreams(seed, rows);
        }

        /**
         * Takes row {@code row}'s next {@code count} draws.
         *
         * @param row   the input row
         * @param count how many draws
         * @return where they start in {@link #values()}
         */
        public int next(int row, int count) {
            if (table != null) {
                int at = position[row];
                position[row] = at + count;
                return at;
            }
            if (scratch.length < count) {
                scratch = new double[count];
            }
            Rng r = streams.of(row);
            for (int k = 0; k < count; k++) {
                scratch[k] = r.nextGaussian();
            }
            return 0;
        }

        /**
         * The array the last {@link #next(int, int)} points into (read it before the next call).
         *
         * @return the kept table, or the draws just taken
         */
        public double[] values() {
            return table != null ? table : scratch;
        }
    }
}
