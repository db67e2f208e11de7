package org.xai4j.cam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The first-principal-component projection: eigenvector, both Gram branches, sign convention, rank one. */
class EigenProjectionTest {
    static double[] random(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * r.nextDouble() - 1;
        }
        return v;
    }

    @Test
    void topEigenvectorSolvesTheEigenproblemForTheLargestEigenvalue() {
        int d = 7;
        double[] b = random(1, d * d);
        double[] s = new double[d * d]; // bᵀb, symmetric positive semi-definite
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    s[i * d + j] += b[k * d + i] * b[k * d + j];
                }
            }
        }
        double[] v = EigenProjection.topEigenvector(s, d);
        double[] sv = mul(s, v, d);
        double lambda = dot(v, sv);
        assertThat(dot(v, v)).isCloseTo(1, offset(1e-12));
        for (int i = 0; i < d; i++) {
            assertThat(sv[i]).isCloseTo(lambda * v[i], offset(1e-10));
        }
        // the largest: no unit vector has a larger Rayleigh quotient (power iteration from v stays put,
        // and 200 random directions stay below)
        for (int t = 0; t < 200; t++) {
            double[] u = random(100 + t, d);
            double norm = Math.sqrt(dot(u, u));
            for (int i = 0; i < d; i++) {
                u[i] /= norm;
            }
            assertThat(dot(u, mul(s, u, d))).isLessThanOrEqualTo(lambda + 1e-12);
        }
    }

    @Test
    void bothGramBranchesGiveTheSameProjection() {
        // C = 10 channels > P = 4 positions takes the P×P branch; redo it through the C×C matrix here
        int c = 10;
        int p = 4;
        double[] x = random(3, c * p);
        double[] proj = EigenProjection.project(x, 1, c, p);
        double[] m = new double[p * c];
        for (int k = 0; k < c; k++) {
            double mean = 0;
            for (int q = 0; q < p; q++) {
                mean += x[k * p + q] / p;
            }
            for (int q = 0; q < p; q++) {
                m[q * c + k] = x[k * p + q] - mean;
            }
        }
        double[] cov = new double[c * c];
        for (int a = 0; a < c; a++) {
            for (int b = 0; b < c; b++) {
                for (int q = 0; q < p; q++) {
                    cov[a * c + b] += m[q * c + a] * m[q * c + b];
                }
            }
        }
        double[] v = EigenProjection.topEigenvector(cov, c);
        EigenProjection.orient(v);
        for (int q = 0; q < p; q++) {
            double s = 0;
            for (int k = 0; k < c; k++) {
                s += m[q * c + k] * v[k];
            }
            assertThat(proj[q]).isCloseTo(s, offset(1e-10));
        }
    }

    @Test
    void rankOneStackProjectsToItsCentredSpatialPattern() {
        // X[c, q] = a_c·s_q + b_c: centred, every channel is a_c·(s − s̄), so the map is ±‖a‖·(s − s̄), and the
        // sign convention (Σ v ≥ 0, v = ±a/‖a‖) picks sign(Σ a)
        double[] a = {0.5, -0.2, 1.5, 0.3};
        double[] b = {1, 2, -1, 0};
        double[] s = random(5, 12);
        double[] x = new double[4 * 12];
        for (int c = 0; c < 4; c++) {
            for (int q = 0; q < 12; q++) {
                x[c * 12 + q] = a[c] * s[q] + b[c];
            }
        }
        double mean = 0;
        for (double v : s) {
            mean += v / 12;
        }
        double norm = Math.sqrt(dot(a, a));
        double[] proj = EigenProjection.project(x, 1, 4, 12);
        for (int q = 0; q < 12; q++) {
            assertThat(proj[q]).isCloseTo(norm * (s[q] - mean), offset(1e-10));
        }
        // negate every channel: Σ a < 0 now, the map keeps correlating with the channel sum
        for (int i = 0; i < x.length; i++) {
            x[i] = -x[i];
        }
        double[] neg = EigenProjection.project(x, 1, 4, 12);
        for (int q = 0; q < 12; q++) {
            assertThat(neg[q]).isCloseTo(-norm * (s[q] - mean), offset(1e-10));
        }
    }

    @Test
    void mapCorrelatesNonNegativelyWithTheChannelSum() {
        for (long seed = 0; seed < 20; seed++) {
            int c = 6;
            int p = 9;
            double[] x = random(seed, c * p);
            double[] proj = EigenProjection.project(x, 1, c, p);
            double[] sum = MapOps.channelSum(x, 1, c, p);
            double ms = 0;
            for (double v : sum) {
                ms += v / p;
            }
            double cov = 0;
            for (int q = 0; q < p; q++) {
                cov += proj[q] * (sum[q] - ms);
            }
            assertThat(cov).as("seed %d", seed).isGreaterThanOrEqualTo(-1e-12);
        }
    }

    private static double[] mul(double[] s, double[] v, int d) {
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                out[i] += s[i * d + j] * v[j];
            }
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
