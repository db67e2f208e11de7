package org.xai4j.bench.graph;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.bench.support.BenchModels;
import org.xai4j.bench.support.Interleaved;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;
import org.xai4j.models.ort.BenchGradientSession;

/**
 * One gradient pass alone: ONNX Runtime's gradient engine (one session call) against the step engine (the same
 * graph rebuilt without the engine, {@code toBuilder().build()}, which drops the whole-model forward engine too), in
 * one JVM. It first prints the largest difference of the two sides' input gradients, runs untimed calls of each for
 * 5 pairs and at least 2 s, then {@code ROUNDS} rounds of {@code CALLS} calls of each, alternating call by call; a
 * round's ratio is the median engine call ÷ the median step call, and the rounds' ratios are summarised by
 * {@link Interleaved#summarise}. Class 3, the benchmark inputs of
 * {@link BenchModels}. Run from the repository root, under {@code quiet.sh}:
 * <pre>
 *   java [-Dxai.bench.resnet18=FILE] -cp $CP org.xai4j.bench.graph.GradientPassAB MODEL ROWS [SIDE [ROUNDS [CALLS]]]
 * </pre>
 * MODEL is {@code fashion-cnn} or {@code resnet18}; SIDE is {@code engine} (the graph's own engine, threads as its
 * rule picks; the default), {@code one-thread} or {@code pool} (the engine's session for that row shape made
 * directly, on the caller's thread alone or on the shared pool, whatever the rule would pick), or {@code threads}
 * (that session on the caller's thread against the same on the pool, instead of against the step engine) or
 * {@code ranges} (the graph's own engine, which cuts the rows into ranges run side by side, against one call of the
 * pool's session). ROUNDS defaults to 8, CALLS to 6.
 */
public final class GradientPassAB {
    private static final int CLASS = 3;

    private GradientPassAB() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: GradientPassAB fashion-cnn|resnet18 ROWS [engine|one-thread|pool|threads|"
                    + "ranges [ROUNDS [CALLS]]]");
            System.exit(2);
        }
        String model = args[0];
        int rows = Integer.parseInt(args[1]);
        String side = args.length > 2 ? args[2] : "engine";
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        int calls = args.length > 4 ? Integer.parseInt(args[4]) : 6;
        Graph g = BenchModels.graph(model);
        Graph step = g.toBuilder().build();
        if (g.engine().equals(step.engine())) {
            throw new IllegalStateException("both graphs run on '" + g.engine() + "': no gradient engine to compare");
        }
        INDArray x = BenchModels.input(model, rows);
        long[] row = Arrays.copyOfRange(x.shape(), 1, x.rank());
        Target t = Target.classIndex(CLASS);
        long elements = BenchGradientSession.elementsPerRow(g, row) * rows;
        String rule = elements <= BenchGradientSession.oneThreadBound() ? "one thread" : "pool";
        Supplier<INDArray> engine;
        Supplier<INDArray> stepPass = () -> step.gradients(x, t).inputGradient();
        String base = "step";
        if (side.equals("engine")) {
            engine = () -> g.gradients(x, t).inputGradient();
        } else if (side.equals("one-thread") || side.equals("pool")) {
            engine = direct(g, row, x, side.equals("one-thread"));
        } else if (side.equals("ranges")) {
            engine = () -> g.gradients(x, t).inputGradient();
            stepPass = direct(g, row, x, false);
            base = "pool";
        } else if (side.equals("threads")) {
            engine = direct(g, row, x, true);
            stepPass = direct(g, row, x, false);
            base = "pool";
        } else {
            throw new IllegalArgumentException("SIDE is engine, one-thread, pool, threads or ranges, not '" + side
                    + "'");
        }
        INDArray a = engine.get();
        INDArray b = stepPass.get();
        System.out.printf(Locale.ROOT, "%s, %d rows, %s against %s (graph: %s; step: %s); forward values %d, the "
                        + "rule's bound %d: the rule picks %s; max |difference| %.3g, max |%s| %.3g%n", model, rows,
                side, base, g.engine(), step.engine(), elements, BenchGradientSession.oneThreadBound(), rule,
                a.sub(b).amaxNumber().doubleValue(), base, b.amaxNumber().doubleValue());
        long warmEnd = System.nanoTime() + 2_000_000_000L;
        for (int i = 0; i < 5 || System.nanoTime() < warmEnd; i++) {
            engine.get().close();
            stepPass.get().close();
        }
        double[] engineMs = new double[rounds];
        double[] stepMs = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            double[] e = new double[calls];
            double[] s = new double[calls];
            for (int c = 0; c < calls; c++) {
                long t0 = System.nanoTime();
                engine.get().close();
                long t1 = System.nanoTime();
                stepPass.get().close();
                long t2 = System.nanoTime();
                e[c] = (t1 - t0) / 1e6;
                s[c] = (t2 - t1) / 1e6;
            }
            engineMs[r] = median(e);
            stepMs[r] = median(s);
            System.out.printf(Locale.ROOT, "round %d: %s %.3f ms, %s %.3f ms, ratio %.3f%n", r, side, engineMs[r], base,
                    stepMs[r], engineMs[r] / stepMs[r]);
        }
        Interleaved.Result res = Interleaved.summarise(stepMs, engineMs);
        System.out.printf(Locale.ROOT, "%s, %d rows, %s ÷ %s median %.3f (min %.3f, max %.3f; 95%% CI %.3f–%.3f), "
                        + "%s %.3f ms, %s %.3f ms (medians of %d rounds × %d calls)%n", model, rows, side, base,
                res.median(), res.min(), res.max(), res.low(), res.high(), side, res.methodMs(),
                base, res.rawMs(), rounds, calls);
    }

    /** The pass on a session made directly (left open: the JVM ends after the run). */
    private static Supplier<INDArray> direct(Graph g, long[] row, INDArray x, boolean oneThread) throws Exception {
        BenchGradientSession s = new BenchGradientSession(g, row, oneThread);
        return () -> {
            try {
                return s.inputGradient(x, CLASS);
            } catch (ai.onnxruntime.OrtException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
