package org.xai4j.core.util;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Seeded random numbers that give the same bits on every backend and thread: values are drawn in Java
 * from a {@link SplittableRandom} made for one call, then copied into an array. Each explainer call
 * builds its own generator from its configured seed, so results never depend on call order.
 */
public final class Rng {
    private final SplittableRandom random;

    private Rng(SplittableRandom random) {
        this.random = random;
    }

    /**
     * A fresh generator for one call.
     *
     * @param seed the seed
     * @return a new generator
     */
    public static Rng seeded(long seed) {
        return new Rng(new SplittableRandom(seed));
    }

    /**
     * An independent generator derived from this one (for a sub-task such as one row).
     *
     * @return a new generator; this one advances
     */
    public Rng split() {
        return new Rng(random.split());
    }

    /**
     * The underlying Java generator.
     *
     * @return the generator this one draws from
     */
    public SplittableRandom random() {
        return random;
    }

    /**
     * Uniform integer in [0, bound).
     *
     * @param bound the exclusive upper bound, at least 1
     * @return the draw
     */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /**
     * Uniform double in [0, 1).
     *
     * @return the draw
     */
    public double nextDouble() {
        return random.nextDouble();
    }

    /**
     * A standard normal draw by the ziggurat method (Marsaglia and Tsang, "The Ziggurat Method for Generating
     * Random Variables", J. Stat. Softw. 5(8), 2000) with 128 layers in Doornik's formulation ("An Improved
     * Ziggurat Method to Generate Normal Random Samples", 2005): one 64-bit draw gives the layer (its low 7
     * bits) and a uniform in (−1, 1) (its high 53 bits); 98.8% of draws are accepted with one multiply and one
     * comparison; the rest go through the wedge test or, in the base layer, Marsaglia's tail method beyond
     * r = 3.4426. About 5× faster than the polar method. Tables are computed once with {@link StrictMath}, and
     * the rare slow paths use {@link StrictMath} too, so the bits are the same on every JVM.
     *
     * @return the draw
     */
    public double nextGaussian() {
        while (true) {
            long bits = random.nextLong();
            int layer = (int) (bits & (Ziggurat.LAYERS - 1));
            double u = 2.0 * ((bits >>> 11) * 0x1.0p-53) - 1.0;
            if (Math.abs(u) < Ziggurat.RATIO[layer]) {
                return u * Ziggurat.X[layer];
            }
            if (layer == 0) {
                return tail(u < 0);
            }
            double x = u * Ziggurat.X[layer];
            double f0 = StrictMath.exp(-0.5 * (Ziggurat.X[layer] * Ziggurat.X[layer] - x * x));
            double f1 = StrictMath.exp(-0.5 * (Ziggurat.X[layer + 1] * Ziggurat.X[layer + 1] - x * x));
            if (f1 + random.nextDouble() * (f0 - f1) < 1.0) {
                return x;
            }
        }
    }

    /** A draw from the normal tail beyond {@link Ziggurat#R}, with the given sign (Marsaglia 1964). */
    private double tail(boolean negative) {
        double x;
        double y;
        do {
            x = StrictMath.log(1.0 - random.nextDouble()) / Ziggurat.R;
            y = StrictMath.log(1.0 - random.nextDouble());
        } while (-2.0 * y < x * x);
        return negative ? x - Ziggurat.R : Ziggurat.R - x;
    }

    /** The ziggurat's layer edges {@code X[0..128]} and the ratios {@code X[i+1]/X[i]}. */
    private static final class Ziggurat {
        static final int LAYERS = 128;
        /** The start of the tail. */
        static final double R = 3.442619855899;
        /** The area of each layer. */
        static final double V = 9.91256303526217e-3;
        static final double[] X = new double[LAYERS + 1];
        static final double[] RATIO = new double[LAYERS];

        static {
            double f = StrictMath.exp(-0.5 * R * R);
            X[0] = V / f;
            X[1] = R;
            X[LAYERS] = 0.0;
            for (int i = 2; i < LAYERS; i++) {
                X[i] = StrictMath.sqrt(-2.0 * StrictMath.log(V / X[i - 1] + f));
                f = StrictMath.exp(-0.5 * X[i] * X[i]);
            }
            for (int i = 0; i < LAYERS; i++) {
                RATIO[i] = X[i + 1] / X[i];
            }
        }

        private Ziggurat() {
        }
    }

    /**
     * An array of independent N(0, sd²) values of the given type and shape.
     *
     * @param type the data type
     * @param sd the standard deviation
     * @param shape the shape
     * @return a new array
     */
    public INDArray gaussian(DataType type, double sd, long... shape) {
        long n = length(shape);
        double[] v = new double[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = sd * nextGaussian();
        }
        return HostArrays.array(v, shape, type);
    }

    /**
     * An array of independent U[lo, hi) values of the given type and shape.
     *
     * @param type the data type
     * @param lo the inclusive lower bound
     * @param hi the exclusive upper bound
     * @param shape the shape
     * @return a new array
     */
    public INDArray uniform(DataType type, double lo, double hi, long... shape) {
        long n = length(shape);
        double[] v = new double[Math.toIntExact(n)];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * random.nextDouble();
        }
        return HostArrays.array(v, shape, type);
    }

    /**
     * A uniformly random permutation of 0..n-1 (Fisher–Yates).
     *
     * @param n the number of elements
     * @return a new array holding 0 … n−1 in random order
     */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static long length(long[] shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }
}
