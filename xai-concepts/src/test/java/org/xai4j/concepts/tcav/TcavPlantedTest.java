package org.xai4j.concepts.tcav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.InvalidTargetException;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.HostArrays;

/**
 * TCAV where the concept direction is planted: concept examples are N(0, I) + 3u, random sets N(0, I), in a layer
 * h = x of the model y_k = Σ_j W[k][j]·tanh(h_j) whose gradient is known in closed form. Class 0 reads u
 * (W[0] = u), class 1 reads −u, class 2 a direction orthogonal to u.
 */
class TcavPlantedTest {
    static final int D = 16;
    static final double[] U = unit(1);
    static final double[] V = orthogonal(U, unit(2));
    static final TanhHeadModel MODEL = new TanhHeadModel(new double[][] {U, negate(U), V});
    static final TcavConfig CFG = TcavConfig.at("h").withSeed(7);

    static double[] unit(long seed) {
        double[] v = HostArrays.doubles(TanhHeadModel.gaussian(seed + 100, 1, D, null, 0));
        double n = Math.sqrt(dot(v, v));
        for (int i = 0; i < D; i++) {
            v[i] /= n;
        }
        return v;
    }

    static double[] orthogonal(double[] u, double[] v) {
        double p = dot(u, v);
        double[] o = new double[D];
        for (int i = 0; i < D; i++) {
            o[i] = v[i] - p * u[i];
        }
        double n = Math.sqrt(dot(o, o));
        for (int i = 0; i < D; i++) {
            o[i] /= n;
        }
        return o;
    }

    static double[] negate(double[] u) {
        double[] o = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            o[i] = -u[i];
        }
        return o;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static List<INDArray> randoms(int m) {
        List<INDArray> out = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            out.add(TanhHeadModel.gaussian(1000 + i, 80, D, null, 0));
        }
        return out;
    }

    static final INDArray CONCEPT = TanhHeadModel.gaussian(5, 80, D, U, 3);
    static final INDArray INPUTS = TanhHeadModel.gaussian(9, 50, D, null, 0);

    @Test
    void cavsRecoverThePlantedDirection() {
        Tcav t = Tcav.train(MODEL, CFG, "u", CONCEPT, randoms(8));
        double worst = 1;
        double worstAcc = 1;
        for (Cav c : t.cavs()) {
            worst = Math.min(worst, dot(c.direction(), U));
            worstAcc = Math.min(worstAcc, c.accuracy());
            assertThat(Math.sqrt(dot(c.direction(), c.direction()))).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
        }
        System.out.printf("planted TCAV: worst cosine(CAV, u) over 8 CAVs %.4f, worst held-out accuracy %.3f%n", worst,
                worstAcc);
        assertThat(worst).isGreaterThan(0.75);
        assertThat(worstAcc).isGreaterThanOrEqualTo(0.8); // the Bayes accuracy of a 3σ shift is Φ(1.5) = 0.933
    }

    @Test
    void sensitivitiesAndScoresHaveTheClosedForm() {
        Tcav t = Tcav.train(MODEL, CFG, "u", CONCEPT, randoms(4));
        int n = (int) INPUTS.size(0);
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            classes[i] = i % 3;
        }
        INDArray s = t.explain(INPUTS, Target.perRow(classes)).derivatives();
        double[] x = HostArrays.doubles(INPUTS);
        for (int m = 0; m < t.cavs().size(); m++) {
            double[] c = t.cavs().get(m).direction();
            for (int i = 0; i < n; i++) {
                double[] g = MODEL.gradient(java.util.Arrays.copyOfRange(x, i * D, (i + 1) * D), classes[i]);
                assertThat(s.getDouble(i, m)).isCloseTo(dot(g, c), org.assertj.core.data.Offset.offset(1e-12));
            }
        }
        // the TCAV score of class 2 counts the positive closed-form derivatives exactly
        TcavResult r = t.score(INPUTS, Target.classIndex(2));
        for (int m = 0; m < t.cavs().size(); m++) {
            double[] c = t.cavs().get(m).direction();
            int pos = 0;
            double p = 0;
            double a = 0;
            for (int i = 0; i < n; i++) {
                double d = dot(MODEL.gradient(java.util.Arrays.copyOfRange(x, i * D, (i + 1) * D), 2), c);
                pos += d > 0 ? 1 : 0;
                p += Math.max(d, 0);
                a += Math.abs(d);
            }
            assertThat(r.scores()[m]).isEqualTo((double) pos / n);
            assertThat(r.magnitudes()[m]).isCloseTo(p / a, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void alignedClassIsSignificantRandomIsNotOpposedScoresLow() {
        Tcav t = Tcav.train(MODEL, CFG, "u", CONCEPT, randoms(8));
        TcavResult aligned = t.score(INPUTS, Target.classIndex(0));
        TcavResult opposed = t.score(INPUTS, Target.classIndex(1));
        System.out.printf("planted TCAV, class 0 (reads u): mean %.3f, p %.2e; class 1 (reads -u): mean %.3f, p %.2e%n",
                aligned.mean(), aligned.pValue(), opposed.mean(), opposed.pValue());
        assertThat(aligned.mean()).isGreaterThanOrEqualTo(0.9);
        assertThat(aligned.pValue()).isLessThan(0.05);
        assertThat(aligned.significant()).isTrue();
        assertThat(opposed.mean()).isLessThanOrEqualTo(0.1);
        // Bonferroni with 10^6 comparisons lowers the threshold below the aligned p-value... unless p is 0
        TcavResult strict = Tcav.train(MODEL, CFG.withComparisons(1_000_000), "u", CONCEPT, randoms(8))
                .score(INPUTS, Target.classIndex(0));
        assertThat(strict.threshold()).isEqualTo(0.05 / 1_000_000);
        assertThat(strict.significant()).isEqualTo(strict.pValue() < 5e-8);
    }

    /**
     * Random concepts: a "concept" made of random images is a draw from the null hypothesis. 200 independent random
     * concepts, each with its own 6 random sets of 40. The test treats the concept set as fixed (the paper's
     * procedure: one concept set, several random sets), so the variation between concept sets is not in its
     * variance and it rejects more often than α: measured 25 of 200 (12.5%) with random CAVs on disjoint pairs of
     * random sets; with the random counterpart of Kim et al.'s code (R_0 against every R_i) it was 58 of 200 (29%).
     * The bound 15% keeps that measured rate from growing.
     */
    @Test
    @Tag("slow")
    void randomConceptsAreSignificantAtAboutTwiceTheNominalRate() {
        int trials = 200;
        int rejected = 0;
        for (int trial = 0; trial < trials; trial++) {
            List<INDArray> sets = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                sets.add(TanhHeadModel.gaussian(5000 + 10L * trial + i, 40, D, null, 0));
            }
            INDArray randomConcept = TanhHeadModel.gaussian(9000 + trial, 40, D, null, 0);
            TcavResult r = Tcav.train(MODEL, CFG.withSeed(trial), "random", randomConcept, sets)
                    .score(INPUTS, Target.classIndex(0));
            rejected += r.significant() ? 1 : 0;
        }
        System.out.println("random concepts, " + trials + " trials: " + rejected + " significant at 0.05");
        assertThat((double) rejected / trials).isLessThanOrEqualTo(0.15);
    }

    @Test
    void relativeCavPointsFromOneConceptToTheOther() {
        INDArray other = TanhHeadModel.gaussian(77, 80, D, V, 3);
        Cav rel = Tcav.relative(MODEL, CFG, "u", CONCEPT, "v", other);
        double[] diff = new double[D];
        for (int i = 0; i < D; i++) {
            diff[i] = U[i] - V[i];
        }
        double cos = dot(rel.direction(), diff) / Math.sqrt(dot(diff, diff));
        System.out.printf("relative CAV u vs v: cosine with u - v %.4f, accuracy %.3f%n", cos, rel.accuracy());
        assertThat(cos).isGreaterThan(0.8);
        double[] sc = Tcav.score(MODEL, CFG, rel, INPUTS, Target.classIndex(0));
        assertThat(sc[0]).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void sameSeedSameBits() {
        Tcav a = Tcav.train(MODEL, CFG, "u", CONCEPT, randoms(3));
        Tcav b = Tcav.train(MODEL, CFG, "u", CONCEPT, randoms(3));
        for (int i = 0; i < 3; i++) {
            assertThat(a.cavs().get(i).direction()).isEqualTo(b.cavs().get(i).direction());
        }
        TcavResult r = a.score(INPUTS, Target.classIndex(0));
        assertThat(r.toMap()).containsKeys("scores", "mean", "random_scores", "p_value", "cav_accuracy");
        assertThat(r.provenance().seed()).isEqualTo(7L);
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> Tcav.train(MODEL, CFG, "u", CONCEPT, randoms(2)))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("at least 3 random sets");
        assertThatThrownBy(() -> Tcav.train(MODEL, CFG, "u", CONCEPT.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)),
                randoms(3))).isInstanceOf(InvalidShapeException.class).hasMessageContaining("concept 'u'");
        List<INDArray> bad = randoms(3);
        bad.set(1, TanhHeadModel.gaussian(3, 10, D + 1, null, 0));
        assertThatThrownBy(() -> Tcav.train(MODEL, CFG, "u", CONCEPT, bad)).isInstanceOf(InvalidShapeException.class)
                .hasMessageContaining("random set 1");
        assertThatThrownBy(() -> Tcav.train(MODEL, CFG.withLayer("hh"), "u", CONCEPT, randoms(3)))
                .isInstanceOf(UnknownLayerException.class).hasMessageContaining("h");
        assertThatThrownBy(() -> Tcav.train(MODEL, TcavConfig.DEFAULTS, "u", CONCEPT, randoms(3)))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("layer");
        Tcav t = Tcav.train(MODEL, CFG, "u", CONCEPT, randoms(3));
        assertThatThrownBy(() -> t.score(INPUTS, Target.classIndex(3))).isInstanceOf(InvalidTargetException.class);
        assertThatThrownBy(() -> TcavConfig.at("h").withAlpha(1)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> TcavConfig.at("h").withTestFraction(0)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> TcavConfig.at("h").withComparisons(0)).isInstanceOf(InvalidConfigException.class);
    }
}
