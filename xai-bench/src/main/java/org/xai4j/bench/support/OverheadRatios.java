package org.xai4j.bench.support;

import java.util.Locale;
import org.xai4j.bench.attribution.AttributionBenchmark;
import org.xai4j.bench.perturbation.PerturbationBenchmark;

/**
 * Interleaved overhead ratios ({@link Interleaved}) for the cases of {@link AttributionBenchmark} and
 * {@link PerturbationBenchmark}, with the same setup code:
 * <pre>
 *   java -cp xai-bench/target/benchmarks.jar org.xai4j.bench.support.OverheadRatios \
 *        attribution|perturbation &lt;model&gt; &lt;method&gt; [rounds] [warmup]
 * </pre>
 * Prints one line per case: the median of the per-round ratios method ÷ raw passes with its 95% interval.
 */
public final class OverheadRatios {
    private OverheadRatios() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: OverheadRatios attribution|perturbation <model> <method> [rounds] [warmup]");
            System.exit(2);
        }
        String suite = args[0];
        String model = args[1];
        String method = args[2];
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        Interleaved.Result r;
        switch (suite) {
            case "attribution" -> {
                AttributionBenchmark b = new AttributionBenchmark();
                b.model = model;
                b.method = method;
                b.rows = 1;
                b.setup();
                r = Interleaved.compare(b::rawPasses, b::explain, warmup, rounds);
            }
            case "perturbation" -> {
                PerturbationBenchmark b = new PerturbationBenchmark();
                b.model = model;
                b.method = method;
                b.setup();
                r = Interleaved.compare(b::rawForwards, b::explain, warmup, rounds);
            }
            default -> throw new IllegalArgumentException("unknown suite " + suite);
        }
        System.out.printf(Locale.ROOT, "RATIO %s %s %s OMP_NUM_THREADS=%s: %s%n", suite, model, method,
                System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"), r.describe());
    }
}
