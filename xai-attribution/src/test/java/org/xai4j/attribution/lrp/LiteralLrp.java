package org.xai4j.attribution.lrp;

import java.util.ArrayList;
import java.util.List;

/**
 * The LRP rules written literally, in float64 plain loops over an explicit list of connections (input i, weight k)
 * per output j of one row: a slow, independent re-implementation of each rule's formula for the tests.
 */
final class LiteralLrp {
    /** Output j reads input {@code in[j][t]} through weight {@code weight[j][t]}. */
    final int[][] in;
    final int[][] wIndex;
    final double[] w;
    final double[] b;
    final int inputs;

    LiteralLrp(int[][] in, int[][] wIndex, double[] w, double[] b, int inputs) {
        this.in = in;
        this.wIndex = wIndex;
        this.w = w;
        this.b = b;
        this.inputs = inputs;
    }

    /** A dense layer {@code out × in}, weight row-major. */
    static LiteralLrp dense(double[] w, double[] b, int out, int inputs) {
        int[][] in = new int[out][inputs];
        int[][] k = new int[out][inputs];
        for (int j = 0; j < out; j++) {
            for (int i = 0; i < inputs; i++) {
                in[j][i] = i;
                k[j][i] = j * inputs + i;
            }
        }
        return new LiteralLrp(in, k, w, b, inputs);
    }

    /** A convolution O×C×k×k over C×H×W, stride s, symmetric zero padding p (padding taps are skipped). */
    static LiteralLrp conv(double[] w, double[] b, int o, int c, int kk, int h, int wd, int s, int p) {
        int oh = (h + 2 * p - kk) / s + 1;
        int ow = (wd + 2 * p - kk) / s + 1;
        int[][] in = new int[o * oh * ow][];
        int[][] wi = new int[o * oh * ow][];
        for (int oc = 0; oc < o; oc++) {
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    List<int[]> taps = new ArrayList<>();
                    for (int ic = 0; ic < c; ic++) {
                        for (int ky = 0; ky < kk; ky++) {
                            for (int kx = 0; kx < kk; kx++) {
                                int iy = y * s + ky - p;
                                int ix = x * s + kx - p;
                                if (iy < 0 || ix < 0 || iy >= h || ix >= wd) {
                                    continue;
                                }
                                taps.add(new int[] {(ic * h + iy) * wd + ix, ((oc * c + ic) * kk + ky) * kk + kx});
                            }
                        }
                    }
                    int j = (oc * oh + y) * ow + x;
                    in[j] = taps.stream().mapToInt(t -> t[0]).toArray();
                    wi[j] = taps.stream().mapToInt(t -> t[1]).toArray();
                }
            }
        }
        double[] bias = null;
        if (b != null) {
            bias = new double[o * oh * ow];
            for (int j = 0; j < bias.length; j++) {
                bias[j] = b[j / (oh * ow)];
            }
        }
        return new LiteralLrp(in, wi, w, bias, c * h * wd);
    }

    int outputs() {
        return in.length;
    }

    private double bias(int j) {
        return b == null ? 0 : b[j];
    }

    static double stab(double z, double eps) {
        return z + eps * (z < 0 ? -1 : 1);
    }

    static double pos(double v) {
        return Math.max(v, 0);
    }

    static double neg(double v) {
        return Math.min(v, 0);
    }

    double[] epsilon(double[] x, double[] r, double eps) {
        double[] out = new double[inputs];
        for (int j = 0; j < outputs(); j++) {
            double z = bias(j);
            for (int t = 0; t < in[j].length; t++) {
                z += w[wIndex[j][t]] * x[in[j][t]];
            }
            double s = r[j] / stab(z, eps);
            for (int t = 0; t < in[j].length; t++) {
                out[in[j][t]] += x[in[j][t]] * w[wIndex[j][t]] * s;
            }
        }
        return out;
    }

    double[] zPlus(double[] x, double[] r, double eps) {
        return alphaBeta(x, r, 1, 0, eps);
    }

    double[] alphaBeta(double[] x, double[] r, double alpha, double beta, double eps) {
        double[] out = new double[inputs];
        for (int j = 0; j < outputs(); j++) {
            double zp = pos(bias(j));
            double zn = neg(bias(j));
            for (int t = 0; t < in[j].length; t++) {
                double wt = w[wIndex[j][t]];
                double xi = x[in[j][t]];
                zp += pos(wt) * pos(xi) + neg(wt) * neg(xi);
                zn += neg(wt) * pos(xi) + pos(wt) * neg(xi);
            }
            double sp = r[j] / stab(zp, eps);
            double sn = r[j] / stab(zn, eps);
            for (int t = 0; t < in[j].length; t++) {
                double wt = w[wIndex[j][t]];
                double xi = x[in[j][t]];
                out[in[j][t]] += alpha * (pos(wt) * pos(xi) + neg(wt) * neg(xi)) * sp
                        - beta * (neg(wt) * pos(xi) + pos(wt) * neg(xi)) * sn;
            }
        }
        return out;
    }

    double[] gamma(double[] x, double[] r, double gamma, double eps) {
        double[] out = new double[inputs];
        for (int j = 0; j < outputs(); j++) {
            double z = bias(j);
            double bj = bias(j);
            double zp = bj + gamma * pos(bj);
            double zn = bj + gamma * neg(bj);
            for (int t = 0; t < in[j].length; t++) {
                double wt = w[wIndex[j][t]];
                double xi = x[in[j][t]];
                double wa = wt + gamma * pos(wt);
                double wb = wt + gamma * neg(wt);
                z += wt * xi;
                zp += wa * pos(xi) + wb * neg(xi);
                zn += wb * pos(xi) + wa * neg(xi);
            }
            double sp = z > 0 ? r[j] / stab(zp, eps) : 0;
            double sn = z < 0 ? r[j] / stab(zn, eps) : 0;
            for (int t = 0; t < in[j].length; t++) {
                double wt = w[wIndex[j][t]];
                double xi = x[in[j][t]];
                double wa = wt + gamma * pos(wt);
                double wb = wt + gamma * neg(wt);
                out[in[j][t]] += pos(xi) * (wa * sp + wb * sn) + neg(xi) * (wb * sp + wa * sn);
            }
        }
        return out;
    }

    double[] flat(double[] r, double eps) {
        double[] out = new double[inputs];
        for (int j = 0; j < outputs(); j++) {
            double s = r[j] / stab(in[j].length, eps);
            for (int t = 0; t < in[j].length; t++) {
                out[in[j][t]] += s;
            }
        }
        return out;
    }

    double[] wSquare(double[] r, double eps) {
        double[] out = new double[inputs];
        for (int j = 0; j < outputs(); j++) {
            double z = bias(j) * bias(j);
            for (int t = 0; t < in[j].length; t++) {
                z += w[wIndex[j][t]] * w[wIndex[j][t]];
            }
            double s = r[j] / stab(z, eps);
            for (int t = 0; t < in[j].length; t++) {
                out[in[j][t]] += w[wIndex[j][t]] * w[wIndex[j][t]] * s;
            }
        }
        return out;
    }

    /** z<sup>B</sup> with per-input bounds {@code low[i]}, {@code high[i]}. */
    double[] zBox(double[] x, double[] r, double[] low, double[] high, double eps) {
        double[] out = new double[inputs];
        for (int j = 0; j < outputs(); j++) {
            double z = 0; // the biases cancel: b − b⁺ − b⁻ = 0
            for (int t = 0; t < in[j].length; t++) {
                double wt = w[wIndex[j][t]];
                int i = in[j][t];
                z += wt * x[i] - pos(wt) * low[i] - neg(wt) * high[i];
            }
            double s = r[j] / stab(z, eps);
            for (int t = 0; t < in[j].length; t++) {
                double wt = w[wIndex[j][t]];
                int i = in[j][t];
                out[i] += (wt * x[i] - pos(wt) * low[i] - neg(wt) * high[i]) * s;
            }
        }
        return out;
    }
}
