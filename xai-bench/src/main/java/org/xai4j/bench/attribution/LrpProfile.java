package org.xai4j.bench.attribution;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.lrp.Lrp;
import org.xai4j.attribution.lrp.LrpConfig;
import org.xai4j.bench.support.BenchModels;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.graph.Composite;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.Propagation;
import org.xai4j.core.graph.WrappedRule;
import org.xai4j.core.target.Target;

/**
 * Where LRP's time goes against the plain gradient pass: every node's backward rule (the composite's, and the plain
 * gradient) wrapped in a timer, the two passes alternating on the same batch; prints the summed backward time per
 * node type and rule for each pass, and the whole pass (forward = pass minus the summed backward steps).
 * Usage: {@code LrpProfile MODEL ROWS ROUNDS [COMPOSITE]}.
 */
public final class LrpProfile {
    private LrpProfile() {
    }

    /** A rule that adds its backward time to a tally. */
    private record Timed(BackwardRule wrapped, String key, Map<String, long[]> tally) implements WrappedRule {
        @Override
        public INDArray[] backward(BackwardContext context) {
            long t = System.nanoTime();
            INDArray[] out = wrapped.backward(context);
            tally.computeIfAbsent(key, k -> new long[1])[0] += System.nanoTime() - t;
            return out;
        }
    }

    private static Composite timed(Graph g, Composite base, Map<String, long[]> tally) {
        Composite.Builder b = Composite.builder();
        for (Node n : g.nodes()) {
            BackwardRule r = base.ruleFor(n);
            b.byName(n.name(), new Timed(r, n.opType() + " " + r.describe(), tally));
        }
        return b.build();
    }

    public static void main(String[] args) {
        String model = args[0];
        int rows = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        String composite = args.length > 3 ? args[3] : "epsilon-plus-flat";
        Graph g = BenchModels.graph(model);
        int[] classes = new int[rows];
        for (int i = 0; i < rows; i++) {
            classes[i] = (7 * i + 3) % BenchModels.classes(model);
        }
        Target t = Target.perRow(classes);
        INDArray x = BenchModels.input(model, rows);
        LrpConfig config = LrpConfig.DEFAULTS.withComposite(composite).withBounds(-3, 3);
        Lrp lrp = new Lrp(g, config);
        Graph canon = lrp.canonicalGraph();
        Map<String, long[]> lrpTally = new TreeMap<>();
        Map<String, long[]> gradTally = new TreeMap<>();
        Composite lrpRules = timed(canon, config.rules().bind(canon, "lrp"), lrpTally);
        Composite gradRules = timed(canon, Composite.gradient(), gradTally);
        Propagation pl = Propagation.builder().target(config.init().apply(t)).composite(lrpRules).build();
        Propagation pg = Propagation.builder().target(t).composite(gradRules).build();
        long[] total = new long[2];
        for (int i = 0; i < rounds + 3; i++) {
            if (i == 3) {
                lrpTally.clear();
                gradTally.clear();
                total[0] = 0;
                total[1] = 0;
            }
            for (int k = 0; k < 2; k++) {
                boolean lrpFirst = i % 2 == 0;
                boolean runLrp = (k == 0) == lrpFirst;
                long s = System.nanoTime();
                canon.propagate(x, runLrp ? pl : pg);
                total[runLrp ? 0 : 1] += System.nanoTime() - s;
            }
        }
        print("lrp " + composite, lrpTally, total[0], rounds);
        print("gradient", gradTally, total[1], rounds);
    }

    private static void print(String what, Map<String, long[]> tally, long total, int rounds) {
        long back = 0;
        Map<String, Double> ms = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : tally.entrySet()) {
            back += e.getValue()[0];
            ms.put(e.getKey(), e.getValue()[0] / 1e6 / rounds);
        }
        System.out.printf("%s: pass %.1f ms, backward %.1f ms, forward (rest) %.1f ms per round%n", what,
                total / 1e6 / rounds, back / 1e6 / rounds, (total - back) / 1e6 / rounds);
        ms.forEach((k, v) -> System.out.printf("    %-40s %8.2f ms%n", k, v));
    }
}
