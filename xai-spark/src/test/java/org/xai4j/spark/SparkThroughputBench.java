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
 * test; docs/benchmarks.md gives the command. Arguments: rows, method, then its parameters ({@code k=v}).
 */
public final class SparkThroughputBench {
    private SparkThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        String method = args.length > 1 ? args[1] : "integrated-gradients";
        List<String> params = args.length > 2 ? List.of(args).subList(2, args.length) : List.of("steps=50");
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
        System.out.printf("rows=%d method=%s params=%s OMP_NUM_THREADS=%s%n", n, method, params,
                System.getenv("OMP_NUM_THREADS"));
        double loop = loop(model, method, params, rows);
        System.out.printf("single-JVM loop: %.2f rows/s%n", loop);
        double one = spark("local[1]", 1, model, method, params, rows);
        double two = spark("local[2]", 2, model, method, params, rows);
        System.out.printf("spark local[1]: %.2f rows/s (overhead vs loop %.2fx)%n", one, loop / one);
        System.out.printf("spark local[2]: %.2f rows/s (scaling vs local[1] %.2fx)%n", two, two / one);
    }

    private static double loop(Path model, String method, List<String> params, List<float[]> rows) throws Exception {
        try (ModelHandle m = ModelHandle.load(model, ModelHandle.Engine.GRAPH)) {
            Explainer<INDArray, ? extends Explanation> ex = MethodCatalog.get(method).create(m, Params.parse(params), null);
            for (int pass = 0; pass < 2; pass++) { // pass 0 warms up
                long t0 = System.nanoTime();
                for (float[] x : rows) {
                    INDArray row = Nd4j.create(x, new long[] {1, 3, 16, 16}, 'c');
                    int predicted = m.prediction().predict(row).argMax(1).getInt(0);
                    ex.explain(row, Target.perRow(predicted));
                }
                if (pass == 1) {
                    return rows.size() / ((System.nanoTime() - t0) / 1e9);
                }
            }
        }
        throw new IllegalStateException();
    }

    private static double spark(String master, int partitions, Path model, String method, List<String> params,
                                List<float[]> rows) {
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
            double rate = 0;
            for (int pass = 0; pass < 2; pass++) { // pass 0 builds the executors' explainers and warms up
                long t0 = System.nanoTime();
                ex.explain(in).write().format("noop").mode("overwrite").save();
                rate = rows.size() / ((System.nanoTime() - t0) / 1e9);
            }
            return rate;
        } finally {
            spark.stop();
        }
    }
}
