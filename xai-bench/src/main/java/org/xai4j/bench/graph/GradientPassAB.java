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
 * graph rebuilt without the engine, {@code toBuilder().build()}), in one JVM. Each side first checks that both give
 * the same input gradient (printed: max |difference|), runs 5 untimed calls each, then {@code ROUNDS} rounds of
 * {@code CALLS} calls of each, alternating call by call; a round's ratio is the median engine call ÷ the median step
 * call, and the rounds' ratios are summarised by {@link Interleaved#summarise}. Class 3, the benchmark inputs of
 * {@link BenchModels}. Run from the repository root, under {@code quiet.sh}:
 * <pre>
 *   java [-Dxai.bench.resnet18=FILE] -cp $CP org.xai4j.bench.graph.GradientPassAB MODEL ROWS [SIDE [ROUNDS [CALLS]]]
 * </pre>
 * MODEL is {@code fashion-cnn} or {@code resnet18}; SIDE is {@code engine} (the graph's own engine, threads as its
 * rule picks; the default), {@code one-thread} or {@code pool} (the engine's session for that row shape made
 * directly, on the caller's thread alone or on the shared pool, whatever the rule would pick). ROUNDS defaults to
 * 8, CALLS to 6.
 */
public final class GradientPassAB {
    private static final int CLASS = 3;

    private GradientPassAB() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: GradientPassAB fashion-cnn|resnet18 ROWS [engine|one-thread|pool [ROUNDS "
                    + "[CALLS]]]");
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
        BenchGradientSession direct = null;
        if (side.equals("engine")) {
            engine = () -> g.gradients(x, t).inputGradient();
        } else if (side.equals("one-thread") || side.equals("pool")) {
            BenchGradientSession s = new BenchGradientSession(g, row, side.equals("one-thread"));
            direct = s;
            engine = () -> {
                try {
                    return s.inputGradient(x, CLASS);
                } catch (ai.onnxruntime.OrtException e) {
                    throw new IllegalStateException(e);
                }
            };
        } else {
            throw new IllegalArgumentException("SIDE is engine, one-thread or pool, not '" + side + "'");
        }
        Supplier<INDArray> stepPass = () -> step.gradients(x, t).inputGradient();
        INDArray a = engine.get();
        INDArray b = stepPass.get();
        System.out.printf(Locale.ROOT, "%s, %d rows, side %s (graph: %s, step: %s); forward values %d, the rule's "
                        + "bound %d: the rule picks %s; max |engine − step| %.3g, max |step| %.3g%n", model, rows,
                side, g.engine(), step.engine(), elements, BenchGradientSession.oneThreadBound(), rule,
                a.sub(b).amaxNumber().doubleValue(), b.amaxNumber().doubleValue());
        for (int i = 0; i < 5; i++) {
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
            System.out.printf(Locale.ROOT, "round %d: engine %.2f ms, step %.2f ms, ratio %.3f%n", r, engineMs[r],
                    stepMs[r], engineMs[r] / stepMs[r]);
        }
        Interleaved.Result res = Interleaved.summarise(stepMs, engineMs);
        System.out.printf(Locale.ROOT, "%s, %d rows, %s: engine ÷ step median %.3f (min %.3f, max %.3f; 95%% CI "
                        + "%.3f–%.3f), engine %.2f ms, step %.2f ms (medians of %d rounds × %d calls)%n", model,
                rows, side, res.median(), res.min(), res.max(), res.low(), res.high(), res.methodMs(),
                res.rawMs(), rounds, calls);
        if (direct != null) {
            direct.close();
        }
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }
}
