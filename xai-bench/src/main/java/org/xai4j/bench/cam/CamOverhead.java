package org.xai4j.bench.cam;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The CAM overheads of {@link CamBenchmark} measured by interleaving: each round times the raw model work
 * and the method back to back (in alternating order), so that load from other processes on a shared machine
 * hits both alike; prints the median of the per-round ratios method ÷ raw and the ratio of the fastest
 * rounds (the least disturbed by other processes). Run with
 * {@code java -cp … org.xai4j.bench.cam.CamOverhead [rounds]}.
 */
public final class CamOverhead {
    private CamOverhead() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        CamBenchmark b = new CamBenchmark();
        b.setup();
        CamBenchmark.Large large = new CamBenchmark.Large();
        large.setup();
        report("grad-cam ÷ forward+backward", b::rawForwardBackward, b::gradCam, rounds);
        report("grad-cam ÷ forward+backward, large", () -> b.rawForwardBackwardLarge(large), () -> b.gradCamLarge(large),
                rounds);
        report("score-cam ÷ masked forwards", b::rawMaskedForwards, b::scoreCam, rounds);
        report("ablation-cam ÷ ablated forwards", b::rawAblatedForwards, b::ablationCam, rounds);
    }

    static void report(String name, Supplier<?> raw, Supplier<?> method, int rounds) {
        for (int i = 0; i < 5; i++) {
            raw.get();
            method.get();
        }
        double[] ratios = new double[rounds];
        double[] rawMs = new double[rounds];
        double[] methodMs = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long r;
            long m;
            if (i % 2 == 0) {
                r = time(raw);
                m = time(method);
            } else {
                m = time(method);
                r = time(raw);
            }
            rawMs[i] = r / 1e6;
            methodMs[i] = m / 1e6;
            ratios[i] = (double) m / r;
        }
        System.out.printf("%-34s median ratio %.3f, ratio of minima %.3f  (raw median %.1f / min %.1f ms,"
                        + " method median %.1f / min %.1f ms, %d rounds)%n", name, median(ratios), min(methodMs) / min(rawMs),
                median(rawMs), min(rawMs), median(methodMs), min(methodMs), rounds);
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

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
