package org.xai4j.core.util;

import java.lang.ref.SoftReference;

/**
 * Each thread's spare work buffer of each type, lent to one user at a time. A hot loop that needs a scratch array on
 * every call takes one here and gives it back when done, instead of allocating: new heap memory is not in the core's
 * cache, so a new 31 KB chunk cost about 11 µs per batch of the small CNN's LIME, and a new 400 KB buffer about 45 µs per
 * Score-CAM call (docs/benchmarks.md). A buffer taken while the spare is out (a user inside another user) is a new one;
 * one not given back (its user threw) is simply not reused. Spares are held softly and only up to {@link #KEPT} values.
 */
public final class ThreadSpares {
    /** The largest buffer kept as a spare, in values (8 MiB of doubles). */
    public static final int KEPT = 1 << 20;

    private static final class Spare {
        SoftReference<float[]> floats = new SoftReference<>(null);
        SoftReference<double[]> doubles = new SoftReference<>(null);
        SoftReference<double[][]> rows = new SoftReference<>(null);
    }

    private static final ThreadLocal<Spare> SPARE = ThreadLocal.withInitial(Spare::new);

    private ThreadSpares() {
    }

    /**
     * A float buffer of at least {@code need} values (contents undefined): the thread's spare when it is in and large
     * enough, else a new one.
     *
     * @param need the values needed
     * @return a buffer the caller has alone until it gives it back
     */
    public static float[] floats(int need) {
        Spare s = SPARE.get();
        float[] b = s.floats.get();
        if (b == null || b.length < need) {
            return new float[need];
        }
        s.floats = new SoftReference<>(null);
        return b;
    }

    /**
     * A double buffer of at least {@code need} values (contents undefined): the thread's spare when it is in and large
     * enough, else a new one.
     *
     * @param need the values needed
     * @return a buffer the caller has alone until it gives it back
     */
    public static double[] doubles(int need) {
        Spare s = SPARE.get();
        double[] b = s.doubles.get();
        if (b == null || b.length < need) {
            return new double[need];
        }
        s.doubles = new SoftReference<>(null);
        return b;
    }

    /**
     * Makes {@code b} the thread's float spare when it is not too large and no larger spare is in.
     *
     * @param b a buffer from {@link #floats} (or any the caller no longer reads)
     */
    public static void giveBack(float[] b) {
        Spare s = SPARE.get();
        float[] in = s.floats.get();
        if (b.length <= KEPT && (in == null || in.length < b.length)) {
            s.floats = new SoftReference<>(b);
        }
    }

    /**
     * Makes {@code b} the thread's double spare when it is not too large and no larger spare is in.
     *
     * @param b a buffer from {@link #doubles} (or any the caller no longer reads)
     */
    public static void giveBack(double[] b) {
        Spare s = SPARE.get();
        double[] in = s.doubles.get();
        if (b.length <= KEPT && (in == null || in.length < b.length)) {
            s.doubles = new SoftReference<>(b);
        }
    }

    /**
     * {@code count} double buffers of at least {@code length} values each (contents undefined): the thread's spare rows
     * when they are in and large enough, else new ones. For a loop that must read and write whole arrays at one index
     * (Java 17 vectorises no loop over one array at two offsets).
     *
     * @param count  the buffers needed
     * @param length the values needed in each
     * @return buffers the caller has alone until it gives them back
     */
    public static double[][] doubleRows(int count, int length) {
        Spare s = SPARE.get();
        double[][] b = s.rows.get();
        if (b == null || b.length < count || b[0].length < length) {
            return new double[count][length];
        }
        s.rows = new SoftReference<>(null);
        return b;
    }

    /**
     * Makes {@code b} the thread's spare rows when they are not too large in all and no larger spare rows are in.
     *
     * @param b buffers from {@link #doubleRows} (or any the caller no longer reads), all of one length
     */
    public static void giveBack(double[][] b) {
        Spare s = SPARE.get();
        double[][] in = s.rows.get();
        long size = b.length == 0 ? 0 : (long) b.length * b[0].length;
        if (size > 0 && size <= KEPT && (in == null || (long) in.length * in[0].length < size)) {
            s.rows = new SoftReference<>(b);
        }
    }
}
