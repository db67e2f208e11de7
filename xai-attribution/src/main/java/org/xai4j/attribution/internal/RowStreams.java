package org.xai4j.attribution.internal;

import org.xai4j.core.util.Rng;

/**
 * One random stream per input row, each seeded with the configured seed alone: row i draws the same numbers
 * whatever the other rows of the batch are, and its draws are consumed in sample order across blocks.
 */
public final class RowStreams {
    private final long seed;
    private final Rng[] streams;

    public RowStreams(long seed, int rows) {
        this.seed = seed;
        this.streams = new Rng[rows];
    }

    /** Row {@code row}'s generator (made on first use). */
    public Rng of(int row) {
        Rng r = streams[row];
        if (r == null) {
            r = Rng.seeded(seed);
            streams[row] = r;
        }
        return r;
    }

    /** Fills {@code dest[offset … offset+count)} with N(0, sd²) draws from row {@code row}'s stream. */
    public void gaussian(int row, double sd, double[] dest, int offset, int count) {
        Rng r = of(row);
        for (int k = 0; k < count; k++) {
            dest[offset + k] = sd * r.nextGaussian();
        }
    }
}
