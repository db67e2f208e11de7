package org.xai4j.attribution.lrp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.core.util.HostArrays;
import org.xai4j.core.util.Rng;

/**
 * The single-pass kernels against the stabilised ratio written out here in float, r / (z + ε·sign(z)) with
 * sign(0) = +1 (zennit's stabilizer; {@link Relevance#stabilize} is checked against the same literal), and ND4J's
 * {@code mul}: the same float operations in the same order, so every value must have the same bits.
 */
class FusedTest {
    private static final double EPSILON = 1e-6;

    /** Gaussian values with exact zeros, negative zeros, tiny values around ±ε and a NaN mixed in. */
    private static INDArray values(long seed, long... shape) {
        INDArray a = Rng.seeded(seed).gaussian(DataType.FLOAT, 1.0, shape);
        float[] v = HostArrays.floats(a);
        v[0] = 0f;
        v[1] = -0f;
        v[2] = 1e-7f;
        v[3] = -1e-7f;
        v[4] = -1e-6f;
        v[5] = Float.NaN;
        return HostArrays.floatArray(v, shape);
    }

    private static int[] bits(INDArray a) {
        float[] v = HostArrays.floats(a);
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }

    /** z + ε·sign(z), sign(0) = sign(−0) = +1, in float: written out here, not taken from Relevance. */
    private static float stabilizedByHand(float z) {
        float e = (float) EPSILON;
        return z + (z < 0 ? -e : e);
    }

    /** r / stabilize(z) element by element, z's one row (or as many rows as r) repeated over r's rows. */
    private static INDArray ratioByNd4j(INDArray r, INDArray z) {
        float[] rv = HostArrays.floats(r);
        float[] zv = HostArrays.floats(z);
        float[] out = new float[rv.length];
        for (int i = 0; i < rv.length; i++) {
            out[i] = rv[i] / stabilizedByHand(zv[i % zv.length]);
        }
        return HostArrays.floatArray(out, r.shape());
    }

    @Test
    void stabilizeAddsEpsilonWithTheSignOfZAndPlusForZeros() {
        INDArray z = values(19, 1, 4, 7, 5);
        float[] zv = HostArrays.floats(z);
        float[] want = new float[zv.length];
        for (int i = 0; i < zv.length; i++) {
            want[i] = stabilizedByHand(zv[i]);
        }
        assertThat(bits(Relevance.stabilize(z.dup(), EPSILON))).isEqualTo(bits(HostArrays.floatArray(want, z.shape())));
        // by hand: 0 and −0 → +ε; −1e-7 → −1e-7 − 1e-6 = −1.1e-6; −1e-6 → −2e-6
        INDArray s = Relevance.stabilize(HostArrays.floatArray(new float[] {0f, -0f, -1e-7f, -1e-6f, 2f}, new long[] {5}),
                EPSILON);
        assertThat(HostArrays.floats(s)).containsExactly(new float[] {1e-6f, 1e-6f, -1.1e-6f, -2e-6f, 2.000001f},
                org.assertj.core.data.Offset.offset(1e-12f));
    }

    @Test
    void ratioHasTheSequencesBits() {
        INDArray r = values(1, 1, 4, 7, 5);
        INDArray z = values(2, 1, 4, 7, 5);
        INDArray fused = Fused.ratio(r, z, EPSILON);
        assertThat(fused).isNotNull();
        assertThat(bits(fused)).isEqualTo(bits(ratioByNd4j(r, z)));
    }

    @Test
    void ratioBroadcastsOneRowOfZAgainstKRowsOfR() {
        INDArray r = values(3, 3, 3, 41, 37);
        INDArray z = values(4, 1, 3, 41, 37);
        INDArray fused = Fused.ratio(r, z, EPSILON);
        assertThat(fused.shape()).containsExactly(3, 3, 41, 37);
        assertThat(bits(fused)).isEqualTo(bits(ratioByNd4j(r, z)));
    }

    @Test
    void sharesHaveTheNormRulesBits() {
        // 3·41·37 = 4551 values: two whole windows of 2048 and a part of one, each of r's two rows
        INDArray a = values(5, 1, 3, 41, 37);
        INDArray b = values(6, 1, 3, 41, 37);
        INDArray z = a.add(b);
        INDArray r = values(7, 2, 3, 41, 37);
        INDArray[] fused = Fused.shares(r, z, a, b, EPSILON);
        INDArray s = ratioByNd4j(r, z);
        assertThat(bits(fused[0])).isEqualTo(bits(a.mul(s)));
        assertThat(bits(fused[1])).isEqualTo(bits(b.mul(s)));
    }

    @Test
    void divideIntoOverwritesTheDenominator() {
        INDArray r = values(8, 1, 3, 11);
        INDArray z = values(9, 1, 3, 11);
        int[] expected = bits(r.div(z));
        INDArray out = Fused.divideInto(r, z);
        assertThat(out).isSameAs(z);
        assertThat(bits(z)).isEqualTo(expected);
    }

    @Test
    void viewsOtherTypesAndOtherShapesAreLeftToTheCaller() {
        INDArray big = values(10, 2, 4, 5);
        INDArray view = big.get(NDArrayIndex.point(1)).reshape(1, 4, 5); // offset 20
        INDArray plain = values(11, 1, 4, 5);
        assertThat(Fused.plain(view)).isFalse();
        assertThat(Fused.ratio(view, plain, EPSILON)).isNull();
        assertThat(Fused.ratio(plain.castTo(DataType.DOUBLE), plain.castTo(DataType.DOUBLE), EPSILON)).isNull();
        assertThat(Fused.ratio(values(12, 1, 5, 4), plain, EPSILON)).isNull();
        assertThat(Fused.ratio(values(12, 2, 4, 5), values(13, 2, 4, 5), EPSILON)).isNotNull();
        assertThat(Fused.ratio(values(12, 3, 4, 5), values(13, 2, 4, 5), EPSILON)).isNull();
        assertThat(Fused.shares(plain, plain, plain, values(14, 1, 5, 4), EPSILON)).isNull();
        INDArray z = values(15, 1, 4, 5);
        int[] before = bits(z);
        assertThat(Fused.divideInto(values(16, 2, 4, 5), z)).isNull();
        assertThat(bits(z)).isEqualTo(before);
    }

    @Test
    void relevanceRatioAgreesWhetherFusedOrNot() {
        INDArray r = values(17, 2, 4, 5);
        INDArray z = values(18, 2, 4, 5);
        INDArray viaView = Relevance.ratio(r.dup('f'), z.dup('f'), EPSILON); // 'f' order: the ND4J sequence
        assertThat(bits(viaView.dup('c'))).isEqualTo(bits(Relevance.ratio(r, z, EPSILON)));
    }
}
