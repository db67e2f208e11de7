package org.xai4j.cam;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The projection of a C×H×W stack on its first principal component, per row (Eigen-CAM, Muhammad &amp;
 * Yeasin 2020; pytorch-grad-cam's {@code eigen_smooth}). Each of the H·W positions is a sample of C
 * features; the features are centred over positions, and the map is the centred samples' coordinate along
 * the leading right singular vector v.
 *
 * <p>The sign of a singular vector is arbitrary. Here it is fixed so that Σ_c v_c ≥ 0, which is the same as
 * making the map correlate non-negatively with the (centred) channel sum of the stack, i.e. with the map
 * the method would give without smoothing. When Σ_c v_c is exactly 0 the largest-magnitude entry of v is
 * made positive.
 */
final class EigenProjection {
    private EigenProjection() {
    }

    /** Projects each row of {@code x} (N×C×P flat) to a P-vector; returns N×P. */
    static double[] project(double[] x, int rows, int channels, int plane) {
        double[] out = new double[rows * plane];
        double[] m = new double[plane * channels]; // centred samples, P × C row-major
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < channels; c++) {
                int b = (i * channels + c) * plane;
                double mean = 0;
                for (int q = 0; q < plane; q++) {
                    mean += x[b + q];
                }
                mean /= plane;
                for (int q = 0; q < plane; q++) {
                    double v = x[b + q] - mean;
                    m[q * channels + c] = Double.isNaN(v) ? 0 : v;
                }
            }
            double[] v = leadingRightVector(m, plane, channels);
            orient(v);
            for (int q = 0; q < plane; q++) {
                double s = 0;
                int b = q * channels;
                for (int c = 0; c < channels; c++) {
                    s += m[b + c] * v[c];
                }
                out[i * plane + q] = s;
            }
        }
        return out;
    }

    /** The unit right singular vector of the largest singular value of the P×C matrix {@code m}. */
    static double[] leadingRightVector(double[] m, int p, int c) {
        if (c <= p) {
            double[] gram = new double[c * c]; // mᵀm
            for (int q = 0; q < p; q++) {
                int b = q * c;
                for (int a = 0; a < c; a++) {
                    double ma = m[b + a];
                    if (ma == 0) {
                        continue;
                    }
                    for (int e = a; e < c; e++) {
                        gram[a * c + e] += ma * m[b + e];
                    }
                }
            }
            mirror(gram, c);
            return topEigenvector(gram, c);
        }
        double[] gram = new double[p * p]; // m mᵀ
        for (int a = 0; a < p; a++) {
            for (int e = a; e < p; e++) {
                double s = 0;
                for (int k = 0; k < c; k++) {
                    s += m[a * c + k] * m[e * c + k];
                }
                gram[a * p + e] = s;
            }
        }
        mirror(gram, p);
        double[] u = topEigenvector(gram, p);
        double[] v = new double[c];
        double norm = 0;
        for (int k = 0; k < c; k++) {
            double s = 0;
            for (int q = 0; q < p; q++) {
                s += m[q * c + k] * u[q];
            }
            v[k] = s;
            norm += s * s;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int k = 0; k < c; k++) {
                v[k] /= norm;
            }
        }
        return v;
    }

    private static void mirror(double[] sym, int d) {
        for (int a = 0; a < d; a++) {
            for (int e = 0; e < a; e++) {
                sym[a * d + e] = sym[e * d + a];
            }
        }
    }

    /** The unit eigenvector of the largest eigenvalue of a symmetric d×d matrix (LAPACK {@code syev}). */
    static double[] topEigenvector(double[] sym, int d) {
        if (d == 1) {
            return new double[] {1};
        }
        INDArray a = Nd4j.create(sym.clone(), new long[] {d, d}, DataType.DOUBLE);
        // Eigenvalues come back ascending; a is overwritten by the eigenvectors, one per column.
        Eigen.symmetricGeneralizedEigenvalues(a, true);
        double[] v = new double[d];
        for (int k = 0; k < d; k++) {
            v[k] = a.getDouble(k, d - 1);
        }
        return v;
    }

    /** Fixes the sign: Σ v ≥ 0, or, when the sum is 0, the largest-magnitude entry positive. */
    static void orient(double[] v) {
        double sum = 0;
        int big = 0;
        for (int k = 0; k < v.length; k++) {
            sum += v[k];
            if (Math.abs(v[k]) > Math.abs(v[big])) {
                big = k;
            }
        }
        if (sum < 0 || (sum == 0 && v[big] < 0)) {
            for (int k = 0; k < v.length; k++) {
                v[k] = -v[k];
            }
        }
    }
}
