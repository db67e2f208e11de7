package org.xai4j.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.cli.MethodCatalog;
import org.xai4j.cli.ModelHandle;
import org.xai4j.cli.Params;
import org.xai4j.core.Explainer;
import org.xai4j.core.Explanation;
import org.xai4j.core.target.Target;

/**
 * Throughput of {@link SparkExplainer} with 1 and 2 task threads ({@code local[1]}, {@code local[2]}) against a
 * plain loop in one JVM over the same rows (each row explained alone, as the Spark path does). A main, not a
 * test; docs/benchmarks.md gives the command. Arguments: rows, variant ({@code loop}, {@code loop2},
 * {@code local[1]}, {@code local[2]}, {@code stream[1]}, {@code stream[2]}, {@code loop-alt}, {@code spark-alt}
 * or {@code all}), timed passes (windows for {@code stream}), method, then its parameters ({@code k=v}).
 * {@code stream[n]} runs one long {@code local[n]} job and reads its rate in windows of a few seconds (see
 * {@link #stream}).
 *
 * <p>The separate-JVM variants ({@code loop}, {@code loop2}, {@code local[n]}, {@code stream[n]}) time steady
 * states, with one warm-up rule for all of them: untimed passes over all rows (or windows) run until the rates of
 * the last two differ by at most {@code -Dxai4j.bench.stable} (default 0.03, i.e. 3%) and the JIT compiler took at
 * most {@code -Dxai4j.bench.jitQuiet} (default 0.05) of each one's wall time, but at least
 * {@code -Dxai4j.bench.warmups} (default 2) and at most {@code -Dxai4j.bench.maxWarmups} (default 20); a run
 * that hits the cap says so. (A fixed number of warm-up passes let a 2-thread JVM, whose compiler gets less of a
 * core, still compile in its first timed passes.) Every warm-up and timed pass is printed with the JIT compiler's
 * time during it, then the timed passes' median, so that a shell loop can run the variants in separate,
 * alternating JVMs, and the CPU each group of threads (explaining or task threads, collector, compiler, ND4J's
 * deallocators) used during the timed passes.
 *
 * <p>Two more variants compare 1 and 2 threads inside one JVM, alternating pass by pass after the same warm-up,
 * so that both see the same compiled code, heap and machine state, and print the ratio of each pair of passes and
 * the median ratio: {@code loop-alt} (the plain loop on one thread, then on two, each thread with its own
 * explainer) and {@code spark-alt} (one {@code local[2]} session explaining the rows as 1 partition, so one task
 * thread works, then as 2 partitions).
 */
public final class SparkThroughputBench {
    /** Untimed passes before the timed ones (the shared warm-up of the alternating variants; the least of the others). */
    private static final int WARMUPS = Integer.getInteger("xai4j.bench.warmups", 2);
    /** The separate-JVM variants warm up until two consecutive passes' rates differ by at most this fraction. */
    private static final double STABLE = Double.parseDouble(System.getProperty("xai4j.bench.stable", "0.03"));
    /** ... and the JIT compiler used at most this fraction of each of the two passes' wall time ... */
    private static final double JIT_QUIET = Double.parseDouble(System.getProperty("xai4j.bench.jitQuiet", "0.05"));
    /** ... or until this many warm-up passes have run, whichever comes first. */
    private static final int MAX_WARMUPS = Integer.getInteger("xai4j.bench.maxWarmups", 20);

    private SparkThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        String variant = args.length > 1 ? args[1] : "all";
        int passes = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String method = args.length > 3 ? args[3] : "integrated-gradients";
        List<String> params = args.length > 4 ? List.of(args).subList(4, args.length) : List.of("steps=50");
        Path model = Path.of(SparkThroughputBench.class.getResource("small_cnn_op13.onnx").toURI());
        Random r = new Random(11);
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] x = new float[3 * 16 * 16];
            for (int k = 0; k < x.length; k++) {
                x[k] = r.nextFloat();
            }
            rows.add(x);
        }
        System.out.printf("rows=%d variant=%s warmups=%d passes=%d method=%s params=%s OMP_NUM_THREADS=%s%n", n,
                variant, WARMUPS, passes, method, params, System.getenv("OMP_NUM_THREADS"));
        if (variant.equals("loop") || variant.equals("all")) {
            report("single-JVM loop", loop(model, method, params, rows, passes));
        }
        if (variant.equals("loop2") || variant.equals("all")) {
            report("single-JVM loop, 2 threads", twoLoops(model, method, params, rows, passes));
        }
        if (variant.equals("loop-alt")) {
            alternate("single-JVM loop", loopPair(model, method, params, rows, passes));
        }
        if (variant.equals("spark-alt")) {
            alternate("spark local[2]", sparkPair(model, method, params, rows, passes));
        }
        for (int tasks = 1; tasks <= 2; tasks++) {
            String master = "local[" + tasks + "]";
            if (variant.equals(master) || variant.equals("all")) {
                report("spark " + master, spark(master, tasks, model, method, params, rows, passes));
            }
            if (variant.equals("stream[" + tasks + "]")) {
                report("spark " + master + ", one job", stream(master, tasks, model, method, params, rows, passes));
            }
        }
    }

    /** One pass over all rows. */
    private interface Pass {
        void run() throws Exception;
    }

    /** One measuring window: runs or waits, and returns the rows per second it saw. */
    private interface Window {
        double rate() throws Exception;
    }

    /** {@link #steady(String, int, Window)} with each window one timed pass over {@code rows} rows. */
    private static double[] steady(String name, int rows, int passes, Pass pass) throws Exception {
        return steady(name, passes, () -> {
            long t0 = System.nanoTime();
            pass.run();
            return rows / ((System.nanoTime() - t0) / 1e9);
        });
    }

    /**
     * Warm-up windows until the rates of the last two agree within {@link #STABLE} and the compiler was quiet in
     * both ({@link #JIT_QUIET}; at least {@link #WARMUPS}, at most {@link #MAX_WARMUPS} windows), then {@code timed} timed windows; prints every window's rate and the JIT
     * compiler's milliseconds during it, and each thread group's CPU over the timed windows; returns the timed
     * rates.
     */
    private static double[] steady(String name, int timed, Window window) throws Exception {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        List<String> warm = new ArrayList<>();
        double last = Double.NaN;
        int w = 0;
        boolean stable = false;
        boolean lastQuiet = false;
        while (w < MAX_WARMUPS && !stable) {
            long c0 = jit.getTotalCompilationTime();
            long t0 = System.nanoTime();
            double rate = window.rate();
            long jitMs = jit.getTotalCompilationTime() - c0;
            boolean quiet = jitMs <= JIT_QUIET * (System.nanoTime() - t0) / 1e6;
            warm.add(String.format("%.1f (jit %d ms)", rate, jitMs));
            w++;
            stable = w >= WARMUPS && Math.abs(rate - last) <= STABLE * last && quiet && lastQuiet;
            last = rate;
            lastQuiet = quiet;
        }
        System.out.printf("  %s warm-up: %d windows, %s: %s%n", name, w, stable ? "stable" : "NOT STABLE (cap reached)",
                String.join(", ", warm));
        double[] rates = new double[timed];
        List<String> shown = new ArrayList<>();
        java.util.Map<String, Long> cpu = new java.util.TreeMap<>();
        java.util.Map<String, Long> before = ThreadCpu.byName();
        long t0 = System.nanoTime();
        for (int i = 0; i < timed; i++) {
            long c0 = jit.getTotalCompilationTime();
            rates[i] = window.rate();
            shown.add(String.format("%.1f (jit %d ms)", rates[i], jit.getTotalCompilationTime() - c0));
        }
        ThreadCpu.add(cpu, before, ThreadCpu.byName());
        System.out.printf("  %s timed: %s%n", name, String.join(", ", shown));
        System.out.printf("  %s CPU by thread during the timed windows, %% of their wall time: %s%n", name,
                ThreadCpu.percent(cpu, System.nanoTime() - t0));
        return rates;
    }

    private static void report(String name, double[] rates) {
        double[] sorted = rates.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf("%s: median %.2f rows/s over %s%n", name, sorted[sorted.length / 2],
                java.util.Arrays.toString(rates));
    }

    /** Prints the 1- and 2-thread rates of alternating passes, each pair's ratio and the median ratio. */
    private static void alternate(String name, double[][] rates) {
        double[] ratios = new double[rates[0].length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = rates[1][i] / rates[0][i];
        }
        report(name + ", 1 thread", rates[0]);
        report(name + ", 2 threads", rates[1]);
        double[] sorted = ratios.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf("%s: 2 threads / 1 thread, median ratio %.3f over %s%n", name, sorted[sorted.length / 2],
                java.util.Arrays.toString(ratios));
    }

    /**
     * The plain loop on one thread over all rows, then on two threads over half the rows each, alternating pass by
     * pass (the order inside a pair alternating too); each thread keeps its own model and explainer throughout.
     */
    private static double[][] loopPair(Path model, String method, List<String> params, List<float[]> rows,
                                       int passes) throws Exception {
        java.util.concurrent.ExecutorService[] threads = {
            java.util.concurrent.Executors.newSingleThreadExecutor(),
            java.util.concurrent.Executors.newSingleThreadExecutor()};
        List<ModelHandle> models = new ArrayList<>();
        List<Explainer<INDArray, ? extends Explanation>> explainers = new ArrayList<>();
        try {
            for (int t = 0; t < 2; t++) {
                ModelHandle m = ModelHandle.load(model, ModelHandle.Engine.GRAPH);
                models.add(m);
                explainers.add(MethodCatalog.get(method).create(m, Params.parse(params), null));
            }
            List<List<float[]>> halves = List.of(rows.subList(0, rows.size() / 2),
                    rows.subList(rows.size() / 2, rows.size()));
            double[][] rates = new double[2][passes];
            List<java.util.Map<String, Long>> cpuByThread =
                    List.of(new java.util.TreeMap<>(), new java.util.TreeMap<>());
            long[] wallNs = new long[2];
            for (int pass = -WARMUPS; pass < passes; pass++) {
                for (int k = 0; k < 2; k++) {
                    int two = (pass & 1) == 0 ? k : 1 - k; // 0: one thread, 1: two threads
                    long t0 = System.nanoTime();
                    List<java.util.concurrent.Future<?>> running = new ArrayList<>();
                    for (int t = 0; t <= two; t++) {
                        ModelHandle m = models.get(t);
                        Explainer<INDArray, ? extends Explanation> ex = explainers.get(t);
                        List<float[]> part = two == 0 ? rows : halves.get(t);
                        running.add(threads[t].submit(() -> explainAll(m, ex, part)));
                    }
                    java.util.Map<String, Long> before = pass >= 0 ? ThreadCpu.byName() : null;
                    for (java.util.concurrent.Future<?> f : running) {
                        f.get();
                    }
                    if (pass >= 0) {
                        long t = System.nanoTime() - t0;
                        rates[two][pass] = rows.size() / (t / 1e9);
                        ThreadCpu.add(cpuByThread.get(two), before, ThreadCpu.byName());
                        wallNs[two] += t;
                    }
                }
            }
            for (int two = 0; two < 2; two++) {
                System.out.printf("  CPU by thread during the %s passes, %% of their wall time: %s%n",
                        two == 0 ? "1-thread" : "2-thread", ThreadCpu.percent(cpuByThread.get(two), wallNs[two]));
            }
            return rates;
        } finally {
            for (java.util.concurrent.ExecutorService e : threads) {
                e.shutdown();
            }
            for (ModelHandle m : models) {
                m.close();
            }
        }
    }

    private static void explainAll(ModelHandle m, Explainer<INDArray, ? extends Explanation> ex, List<float[]> rows) {
        for (float[] x : rows) {
            INDArray row = Nd4j.create(x, new long[] {1, 3, 16, 16}, 'c');
            int predicted = m.prediction().predict(row).argMax(1).getInt(0);
            ex.explain(row, Target.perRow(predicted));
        }
    }

    /** One {@code local[2]} session: the rows as 1 partition (one task thread works), then as 2, alternating. */
    private static double[][] sparkPair(Path model, String method, List<String> params, List<float[]> rows,
                                        int passes) {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("xai-spark-bench")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            List<Row> list = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                list.add(RowFactory.create((long) i, SparkExplainerTest.boxed(rows.get(i))));
            }
            Dataset<Row> all = spark.createDataFrame(list, SparkExplainerTest.INPUT);
            List<Dataset<Row>> inputs = List.of(all.repartition(1).cache(), all.repartition(2).cache());
            for (Dataset<Row> in : inputs) {
                in.count();
            }
            SparkExplainer ex = SparkExplainer.of(model, method, params, null);
            double[][] rates = new double[2][passes];
            for (int pass = -WARMUPS; pass < passes; pass++) {
                for (int k = 0; k < 2; k++) {
                    int two = (pass & 1) == 0 ? k : 1 - k;
                    long t0 = System.nanoTime();
                    ex.explain(inputs.get(two)).write().format("noop").mode("overwrite").save();
                    if (pass >= 0) {
                        rates[two][pass] = rows.size() / ((System.nanoTime() - t0) / 1e9);
                    }
                }
            }
            return rates;
        } finally {
            spark.stop();
        }
    }

    private static double[] loop(Path model, String method, List<String> params, List<float[]> rows, int passes)
            throws Exception {
        try (ModelHandle m = ModelHandle.load(model, ModelHandle.Engine.GRAPH)) {
            Explainer<INDArray, ? extends Explanation> ex = MethodCatalog.get(method).create(m, Params.parse(params), null);
            return steady("loop", rows.size(), passes, () -> explainAll(m, ex, rows));
        }
    }

    /** The plain loop on two threads, each with its own model and explainer over half the rows, a pass ending when
     *  both halves are done: the scaling this machine allows without Spark. */
    private static double[] twoLoops(Path model, String method, List<String> params, List<float[]> rows, int passes)
            throws Exception {
        List<List<float[]>> halves = List.of(rows.subList(0, rows.size() / 2),
                rows.subList(rows.size() / 2, rows.size()));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<ModelHandle> models = new ArrayList<>();
        try {
            List<Explainer<INDArray, ? extends Explanation>> explainers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                ModelHandle m = ModelHandle.load(model, ModelHandle.Engine.GRAPH);
                models.add(m);
                explainers.add(MethodCatalog.get(method).create(m, Params.parse(params), null));
            }
            return steady("loop2", rows.size(), passes, () -> {
                List<java.util.concurrent.Future<?>> running = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    ModelHandle m = models.get(t);
                    Explainer<INDArray, ? extends Explanation> ex = explainers.get(t);
                    List<float[]> part = halves.get(t);
                    running.add(pool.submit(() -> explainAll(m, ex, part)));
                }
                for (java.util.concurrent.Future<?> f : running) {
                    f.get();
                }
            });
        } finally {
            pool.shutdown();
            for (ModelHandle m : models) {
                m.close();
            }
        }
    }

    private static double[] spark(String master, int partitions, Path model, String method, List<String> params,
                                  List<float[]> rows, int passes) throws Exception {
        SparkSession spark = SparkSession.builder().master(master).appName("xai-spark-bench")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            List<Row> list = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                list.add(RowFactory.create((long) i, SparkExplainerTest.boxed(rows.get(i))));
            }
            Dataset<Row> in = spark.createDataFrame(list, SparkExplainerTest.INPUT).repartition(partitions).cache();
            in.count();
            SparkExplainer ex = SparkExplainer.of(model, method, params, null);
            // the first warm-up pass builds the executors' explainers
            return steady(master, rows.size(), passes,
                    () -> ex.explain(in).write().format("noop").mode("overwrite").save());
        } finally {
            spark.stop();
        }
    }

    /** Rows that have left {@link SparkExplainer} in a {@code stream} job (local mode: the tasks run in this JVM). */
    private static final java.util.concurrent.atomic.LongAdder STREAMED = new java.util.concurrent.atomic.LongAdder();

    /** Counts the rows of a partition as they pass. */
    private static final class Counting implements org.apache.spark.api.java.function.ForeachPartitionFunction<Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public void call(java.util.Iterator<Row> rows) {
            while (rows.hasNext()) {
                rows.next();
                STREAMED.increment();
            }
        }
    }

    /**
     * One long job instead of a job per pass: the rows ({@code tasks} partitions, cached) repeated
     * {@code -Dxai4j.bench.repeats} times (default 96) by union, each output row counted as it leaves the explainer,
     * the rate read every {@code -Dxai4j.bench.window} seconds (default 4) with the same warm-up rule as the passes;
     * the job is cancelled after the timed windows. No per-job planning, scheduling or tail of the last task
     * in the windows: the throughput of a job over many rows.
     */
    private static double[] stream(String master, int tasks, Path model, String method, List<String> params,
                                   List<float[]> rows, int windows) throws Exception {
        int repeats = Integer.getInteger("xai4j.bench.repeats", 96);
        long windowMs = Math.round(1000 * Double.parseDouble(System.getProperty("xai4j.bench.window", "4")));
        SparkSession spark = SparkSession.builder().master(master).appName("xai-spark-bench")
                .config("spark.ui.enabled", "false").getOrCreate();
        java.util.concurrent.ExecutorService driver = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            List<Row> list = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                list.add(RowFactory.create((long) i, SparkExplainerTest.boxed(rows.get(i))));
            }
            Dataset<Row> in = spark.createDataFrame(list, SparkExplainerTest.INPUT).repartition(tasks).cache();
            in.count();
            Dataset<Row> many = in;
            for (int r = 1; r < repeats; r++) {
                many = many.union(in);
            }
            Dataset<Row> out = SparkExplainer.of(model, method, params, null).explain(many);
            java.util.concurrent.Future<?> job = driver.submit(() -> {
                out.foreachPartition(new Counting());
                return null;
            });
            long[] seen = {STREAMED.sum(), System.nanoTime()};
            double[] rates = steady(master + ", one job", windows, () -> {
                Thread.sleep(windowMs);
                if (job.isDone()) {
                    job.get(); // a failure surfaces here
                    throw new IllegalStateException("the job ended before the timing did: raise -Dxai4j.bench.repeats");
                }
                long n = STREAMED.sum();
                long t = System.nanoTime();
                double rate = (n - seen[0]) / ((t - seen[1]) / 1e9);
                seen[0] = n;
                seen[1] = t;
                return rate;
            });
            spark.sparkContext().cancelAllJobs();
            try {
                job.get();
            } catch (java.util.concurrent.ExecutionException cancelled) {
                // expected: the job was cancelled
            }
            return rates;
        } finally {
            driver.shutdownNow();
            spark.stop();
        }
    }
}
