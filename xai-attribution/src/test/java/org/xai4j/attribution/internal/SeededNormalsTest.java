package org.xai4j.attribution.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.xai4j.core.util.Rng;

class SeededNormalsTest {
    private static final long SEED = 42;

    /** Row {@code row}'s draws in the order {@code takes} asks for them, read through {@code reader}. */
    private static double[][] read(SeededNormals.Reader reader, int[][] takes) {
        double[][] got = new double[takes.length][];
        for (int t = 0; t < takes.length; t++) {
            int row = takes[t][0];
            int count = takes[t][1];
            int at = reader.next(row, count);
            got[t] = Arrays.copyOfRange(reader.values(), at, at + count);
        }
        return got;
    }

    /** What each take should hold: every row walks its own {@code Rng.seeded(SEED)} stream. */
    private static double[][] byHand(int rows, int[][] takes) {
        Rng[] streams = new Rng[rows];
        double[][] want = new double[takes.length][];
        for (int t = 0; t < takes.length; t++) {
            int row = takes[t][0];
            if (streams[row] == null) {
                streams[row] = Rng.seeded(SEED);
            }
            want[t] = new double[takes[t][1]];
            for (int k = 0; k < want[t].length; k++) {
                want[t][k] = streams[row].nextGaussian();
            }
        }
        return want;
    }

    @Test
    void everyRowReadsItsOwnStreamWhetherTheDrawsAreKeptOrNot() {
        int[][] takes = {{0, 7}, {2, 7}, {0, 7}, {1, 3}, {2, 7}, {1, 11}, {0, 7}};
        double[][] want = byHand(3, takes);
        // row 0 takes 21 draws, the most of any row
        assertThat(read(new SeededNormals(SEED).reader(3, 21), takes)).as("kept table").isDeepEqualTo(want);
        assertThat(read(new SeededNormals(SEED, 20).reader(3, 21), takes)).as("too many to keep: drawn as read")
                .isDeepEqualTo(want);
    }

    @Test
    void theDrawsAreKeptBetweenCallsAndALongerCallRedrawsThem() {
        SeededNormals normals = new SeededNormals(SEED);
        double[] first = normals.reader(1, 50).values();
        assertThat(normals.reader(4, 50).values()).as("same count: kept").isSameAs(first);
        assertThat(normals.reader(1, 10).values()).as("fewer: a prefix of the kept ones").isSameAs(first);
        double[] longer = normals.reader(1, 80).values();
        assertThat(longer).hasSize(80).startsWith(first);
        assertThat(normals.reader(1, 50).values()).isSameAs(longer);
        assertThat(read(normals.reader(2, 50), new int[][] {{1, 25}, {1, 25}}))
                .isDeepEqualTo(byHand(2, new int[][] {{1, 25}, {1, 25}}));
    }
}
