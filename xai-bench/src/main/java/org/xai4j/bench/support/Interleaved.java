package org.xai4j.bench.support;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A ratio "method time ÷ raw-pass time" measured by interleaving, for shared machines where the load from
 * other processes changes over seconds: each round times the raw work and the method back to back (in
 * alternating order), so that both see the same load, and the per-round ratios are summarised by their
 * median with a distribution-free 95% confidence interval (order statistics of the binomial(n, ½) law).
 * JMH runs one benchmark after the other, minutes apart, so its two scores can see different loads.
 */
public final class Interleaved {
    /**
     * The summary of one comparison.
     *
     * @param median  median of the per-round ratios
     * @param low     lower end of the 95% confidence interval of the median ratio
     * @param high    upper end of that interval
     * @param rawMs   median raw time per round, ms
     * @param methodMs median method time per round, ms
     * @param rounds  number of rounds
     * @param min     smallest per-round ratio
     * @param max     largest per-round ratio
     */
    public record Result(double median, double low, double high, double rawMs, double methodMs, int rounds,
                         double min, double max) {
        /** One Markdown-ready line. */
        public String describe() {
            return String.format(Locale.ROOT, "median ratio %.3f (95%% CI %.3f–%.3f), raw median %.1f ms, "
                    + "method median %.1f ms, %d rounds", median, low, high, rawMs, methodMs, rounds);
        }
    }

    private Interleaved() {
    }

    /**
     * Runs {@code warmup} untimed pairs, then {@code rounds} timed pairs. With the system property
     * {@code xai4j.bench.block=B} (default 1) each side of a round is B consecutive calls, timed together:
     * alternating single calls can penalise one side (measured: Ablation-CAM on the small CNN 1.2–1.7 per
     * round, against ≈ 1.03 in blocks of 300), blocks let each side run as it would in a loop.
     *
     * <p>Warm-up lasts {@code warmup} pairs and at least {@code xai4j.bench.warmupSeconds} seconds (default 10):
     * an explainer's own loops (mask building, resizing, checks) run a few times per call, so after a handful of
     * calls the JIT has compiled them only partly, and a count-based warm-up of a few calls measured the
     * interpreter (Score-CAM on the small CNN: the steps after its last model call took 0.31–0.47 ms per call
     * after 80 calls, 0.06–0.12 ms after 3000; its model calls themselves ran 2× faster by then, the graph's own
     * Java code being compiled too). JMH warms up for seconds for the same reason.
     */
    public static Result compare(Supplier<?> raw, Supplier<?> method, int warmup, int rounds) {
        int block = Integer.getInteger("xai4j.bench.block", 1);
        if (block > 1) {
            Supplier<?> r1 = raw;
            Supplier<?> m1 = method;
            raw = () -> repeat(r1, block);
            method = () -> repeat(m1, block);
        }
        long warmEnd = System.nanoTime() + (long) (Double.parseDouble(System.getProperty("xai4j.bench.warmupSeconds",
                "10")) * 1e9);
        for (int i = 0; i < warmup || System.nanoTime() < warmEnd; i++) {
            raw.get();
            method.get();
        }
        Supplier<?> r0 = raw;
        Supplier<?> m0 = method;
        return compareNanos(() -> time(r0), () -> time(m0), rounds);
    }

    /**
     * The timed rounds alone, for sides that time themselves (e.g. a call answered by another process, which
     * reports the seconds of its own work without the pipe): each supplier runs its side once and returns the
     * nanoseconds it took. Round i runs raw first when i is even, the method first when i is odd. No warm-up.
     *
     * @param raw    one raw call, returning its duration in ns
     * @param method one method call, returning its duration in ns
     * @param rounds number of rounds, at least 1
     * @return the summary of the per-round ratios method ÷ raw
     */
    public static Result compareNanos(LongSupplier raw, LongSupplier method, int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
        }
        double[] rawMs = new double[rounds];
        double[] methodMs = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long r;
            long m;
            if (i % 2 == 0) {
                r = raw.getAsLong();
                m = method.getAsLong();
            } else {
                m = method.getAsLong();
                r = raw.getAsLong();
            }
            rawMs[i] = r / 1e6;
            methodMs[i] = m / 1e6;
        }
        return summarise(rawMs, methodMs);
    }

    /**
     * Summarises paired per-round times: the ratios methodMs[i] ÷ rawMs[i], their median, 95% interval of the
     * median, smallest and largest, and the median time of each side.
     *
     * @param rawMs    raw time per round, ms (positive)
     * @param methodMs method time per round, ms, as many as {@code rawMs}
     * @return the summary
     */
    public static Result summarise(double[] rawMs, double[] methodMs) {
        int rounds = rawMs.length;
        if (rounds < 1 || methodMs.length != rounds) {
            throw new IllegalArgumentException("need as many method times as raw times, at least one; got "
                    + methodMs.length + " and " + rounds);
        }
        double[] ratios = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            ratios[i] = methodMs[i] / rawMs[i];
        }
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        int k = lowerRank(rounds);
        return new Result(median(ratios), sorted[k], sorted[rounds - 1 - k], median(rawMs), median(methodMs), rounds,
                sorted[0], sorted[rounds - 1]);
    }

    private static Object repeat(Supplier<?> s, int times) {
        Object last = null;
        for (int i = 0; i < times; i++) {
            last = s.get();
        }
        return last;
    }

    /**
     * The 0-based rank k such that [x_(k), x_(n−1−k)] covers the median with probability ≥ 95%: the largest
     * k with P(Binomial(n, ½) ≤ k − 1) ≤ 0.025 (k = 0 for tiny n, i.e. the whole range).
     */
    static int lowerRank(int n) {
        double cdf = 0;
        double p = Math.pow(0.5, n);
        int k = 0;
        for (int j = 0; j < n; j++) {
            // p = C(n, j) / 2^n
            if (cdf + p > 0.025) {
                break;
            }
            cdf += p;
            k = j + 1;
            p = p * (n - j) / (j + 1);
        }
        return Math.min(k, (n - 1) / 2);
    }

    private static long time(Supplier<?> s) {
        long t0 = System.nanoTime();
        Object o = s.get();
        long t = System.nanoTime() - t0;
        if (o == null) {
            throw new IllegalStateException("benchmark returned null");
        }
        return t;
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
