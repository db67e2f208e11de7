package org.xai4j.cam;

/**
 * Bilinear resizing of stacks of 2-D planes, in double precision, under either {@link Upsampling} convention.
 *
 * <p>Every output value is {@code (1 − fy)·top + fy·bottom} with {@code top} and {@code bottom} the
 * horizontal interpolations {@code (1 − fx)·a + fx·b} of the two source rows around it. The horizontal
 * interpolations depend only on the source row and the output column, so they are computed once per source
 * row ({@code h × outW}) and then combined row by row: the same operations in the same order as evaluating
 * the formula for every output value, so the same bits, with about half the arithmetic.
 */
final class Bilinear {
    private Bilinear() {
    }

    /** Source index pair and weight for every destination index along one axis. */
    private record Axis(int[] lo, int[] hi, double[] frac) {
        static Axis of(int in, int out, Upsampling mode) {
            int[] lo = new int[out];
            int[] hi = new int[out];
            double[] frac = new double[out];
            double scale = mode == Upsampling.HALF_PIXEL ? (double) in / out : out > 1 ? (double) (in - 1) / (out - 1) : 0;
            for (int d = 0; d < out; d++) {
                double src = mode == Upsampling.HALF_PIXEL ? (d + 0.5) * scale - 0.5 : d * scale;
                if (src < 0) {
                    src = 0;
                }
                int i0 = Math.min((int) src, in - 1);
                lo[d] = i0;
                hi[d] = Math.min(i0 + 1, in - 1);
                frac[d] = hi[d] == i0 ? 0 : src - i0;
            }
            return new Axis(lo, hi, frac);
        }
    }

    /**
     * A resize of {@code h×w} planes to {@code outH×outW}, with its index tables and scratch row buffer made
     * once: {@link #apply} then allocates nothing. Not thread-safe (the scratch buffer); one per run.
     */
    static final class Plan {
        private final int h;
        private final int w;
        private final int outH;
        private final int outW;
        private final int[] ylo;
        private final int[] yhi;
        private final double[] yfrac;
        private final double[] ykeep;
        private final int[] xlo;
        private final int[] xhi;
        private final double[] xfrac;
        private final double[] xkeep;
        private final double[] rows;

        Plan(int h, int w, int outH, int outW, Upsampling mode) {
            this.h = h;
            this.w = w;
            this.outH = outH;
            this.outW = outW;
            Axis ay = Axis.of(h, outH, mode);
            Axis ax = Axis.of(w, outW, mode);
            this.ylo = ay.lo;
            this.yhi = ay.hi;
            this.yfrac = ay.frac;
            this.xlo = ax.lo;
            this.xhi = ax.hi;
            this.xfrac = ax.frac;
            this.ykeep = complement(ay.frac);
            this.xkeep = complement(ax.frac);
            this.rows = new double[h * outW];
        }

        /** {@code 1 − f} for every weight {@code f}, computed once (the same value the formula computes). */
        private static double[] complement(double[] f) {
            double[] c = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                c[i] = 1 - f[i];
            }
            return c;
        }

        /** Output values per plane, {@code outH·outW}. */
        int outPlane() {
            return outH * outW;
        }

        /**
         * Resizes the plane at {@code src[srcOff ..]} into {@code dst[dstOff ..]}; a plain copy when the size
         * does not change (as {@link #resize} returns its input then).
         */
        void apply(double[] src, int srcOff, double[] dst, int dstOff) {
            if (h == outH && w == outW) {
                System.arraycopy(src, srcOff, dst, dstOff, h * w);
                return;
            }
            double[] r = rows;
            for (int y = 0; y < h; y++) {
                int sb = srcOff + y * w;
                int rb = y * outW;
                for (int x = 0; x < outW; x++) {
                    r[rb + x] = xkeep[x] * src[sb + xlo[x]] + xfrac[x] * src[sb + xhi[x]];
                }
            }
            for (int y = 0; y < outH; y++) {
                int r0 = ylo[y] * outW;
                int r1 = yhi[y] * outW;
                double fy = yfrac[y];
                double ky = ykeep[y];
                int db = dstOff + y * outW;
                for (int x = 0; x < outW; x++) {
                    dst[db + x] = ky * r[r0 + x] + fy * r[r1 + x];
                }
            }
        }
    }

    /**
     * Resizes many planes at once, one output row at a time across all of them: the same values as {@link Plan#apply}
     * with each plane's rows side by side, so that every loop runs over all planes' columns with one index.
     *
     * <p>{@link #horizontal} makes, for every source row, the horizontal interpolations of the chosen planes,
     * {@code rows[i][k·outW + x]} for the k-th plane; {@link #vertical} then makes any output row of all of them,
     * {@code out[k·outW + x]}, for a range of that index. (A loop that reads or writes arrays at different offsets is
     * not vectorised by Java 17's compiler, and one over a single plane's {@code outW} columns is too short to be: this
     * way each loop reads and writes whole arrays at one index.)
     */
    static final class Rows {
        private final Plan plan;
        private final boolean same;

        Rows(Plan plan) {
            this.plan = plan;
            this.same = plan.h == plan.outH && plan.w == plan.outW;
        }

        /** The plan's output width. */
        int outW() {
            return plan.outW;
        }

        /** The plan's output height. */
        int outH() {
            return plan.outH;
        }

        /**
         * Writes the horizontal interpolations of the planes at {@code src[offsets[k] ..]}, k in [from, to), into
         * {@code rows[0 .. h)}: one array per source row, plane k − from at (k − from)·outW.
         */
        void horizontal(double[] src, int[] offsets, int from, int to, double[][] rows) {
            int h = plan.h;
            int w = plan.w;
            int outW = plan.outW;
            int[] lo = plan.xlo;
            int[] hi = plan.xhi;
            double[] keep = plan.xkeep;
            double[] frac = plan.xfrac;
            for (int y = 0; y < h; y++) {
                double[] r = rows[y];
                for (int k = from; k < to; k++) {
                    int sb = offsets[k] + y * w;
                    int rb = (k - from) * outW;
                    if (same) { // an unchanged size is copied, as apply does
                        System.arraycopy(src, sb, r, rb, w);
                        continue;
                    }
                    for (int x = 0; x < outW; x++) {
                        r[rb + x] = keep[x] * src[sb + lo[x]] + frac[x] * src[sb + hi[x]];
                    }
                }
            }
        }

        /** Output row {@code y} of the planes {@code rows} holds, at indices [from, to), into {@code out}. */
        void vertical(double[][] rows, int y, int from, int to, double[] out) {
            if (same) {
                System.arraycopy(rows[y], from, out, from, to - from);
                return;
            }
            double[] r0 = rows[plan.ylo[y]];
            double[] r1 = rows[plan.yhi[y]];
            double ky = plan.ykeep[y];
            double fy = plan.yfrac[y];
            for (int j = from; j < to; j++) {
                out[j] = ky * r0[j] + fy * r1[j];
            }
        }
    }

    /**
     * Resizes {@code planes} planes of {@code h×w} (flat, row-major, one after another) to {@code outH×outW}.
     * Returns {@code src} itself when the size does not change.
     */
    static double[] resize(double[] src, int planes, int h, int w, int outH, int outW, Upsampling mode) {
        if (h == outH && w == outW) {
            return src;
        }
        Plan plan = new Plan(h, w, outH, outW, mode);
        double[] out = new double[planes * outH * outW];
        for (int p = 0; p < planes; p++) {
            plan.apply(src, p * h * w, out, p * outH * outW);
        }
        return out;
    }
}
