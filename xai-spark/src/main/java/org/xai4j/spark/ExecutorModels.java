package org.xai4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.cli.MethodCatalog;
import org.xai4j.cli.MethodEntry;
import org.xai4j.cli.ModelHandle;
import org.xai4j.cli.Params;
import org.xai4j.core.Explainer;
import org.xai4j.core.Explanation;
import org.xai4j.core.XaiException;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.util.HostArrays;
import org.xai4j.core.target.Target;

/**
 * The models and explainers of one executor JVM, kept across tasks: built from the broadcast model bytes the
 * first time a task needs one, then lent to one task at a time (an explainer is not shared by two threads), so a
 * JVM builds at most as many as it runs tasks at once.
 */
final class ExecutorModels {
    private static final Map<Key, Queue<Worker>> IDLE = new ConcurrentHashMap<>();
    private static final Map<Key, Integer> BUILT = new ConcurrentHashMap<>();

    private ExecutorModels() {
    }

    /**
     * What identifies an explainer: the model's bytes (by hash) and the method as the command line names it;
     * {@code jobSeed} is the job's seed for a method that draws random numbers ({@link RowSeeds}), else null.
     */
    record Key(String modelHash, String suffix, String method, List<String> params, String layer, Long jobSeed)
            implements Serializable {
        /** The {@code params} column of the output. */
        String paramsText() {
            return String.join(" ", params);
        }
    }

    /**
     * An idle explainer for {@code key}, built now when none is idle; the calling task thread's OpenMP threads are
     * limited to the task's cores first ({@link TaskThreads}). Fails while the JVM is above its resident-memory
     * limit ({@link MemoryWatch}).
     */
    static Worker borrow(Key key, Broadcast<byte[]> model, long[] rowShape) {
        MemoryWatch.check();
        Worker w = IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).poll();
        if (w == null) {
            BUILT.merge(key, 1, Integer::sum);
            w = Worker.build(key, model.value(), rowShape);
        }
        TaskThreads.limit();
        return w;
    }

    /** Puts {@code w} back for the next task. */
    static void giveBack(Key key, Worker w) {
        IDLE.get(key).add(w);
    }

    /** How many explainers this JVM has built for {@code key} (for tests and logs). */
    static int built(Key key) {
        return BUILT.getOrDefault(key, 0);
    }

    /** One loaded model and its explainer. */
    static final class Worker {
        private final Key key;
        private final ModelHandle model;
        private final MethodEntry entry;
        private final Explainer<INDArray, ? extends Explanation> explainer;

        private Worker(Key key, ModelHandle model, MethodEntry entry) {
            this.key = key;
            this.model = model;
            this.entry = entry;
            this.explainer = entry.create(model, Params.parse(key.params()), key.layer());
        }

        static Worker build(Key key, byte[] bytes, long[] rowShape) {
            try {
                Path file = Files.createTempFile("xai-spark-" + key.modelHash().substring(0, 12) + "-", key.suffix());
                try {
                    Files.write(file, bytes);
                    ModelHandle m = ModelHandle.load(file, ModelHandle.Engine.GRAPH, rowShape);
                    return new Worker(key, m, MethodCatalog.get(key.method()));
                } finally {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new XaiException("could not write the model to a temporary file: " + e.getMessage(), e);
            }
        }

        /** The loaded model. */
        ModelHandle model() {
            return model;
        }

        /**
         * One output row per row of {@code rows}, in their order. A method without randomness explains the good
         * rows in one call; a seeded one ({@link RowSeeds}) explains each row alone with its own seed, so neither
         * the batch nor the partition changes a row's draws.
         */
        List<Row> explain(List<Row> rows, SparkExplainer.Columns c, long[] rowShape) {
            Row[] out = new Row[rows.size()];
            List<InputRow> good = new ArrayList<>();
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                InputRow r = InputRow.read(rows.get(i), c, rowShape);
                if (r.error() != null) {
                    out[i] = SparkExplainer.errorRow(r.id(), r.target(), key, r.error());
                } else {
                    good.add(r);
                    at.add(i);
                }
            }
            if (key.jobSeed() == null && good.size() > 1) {
                try {
                    List<Explained> done = explain(good, explainer, null, rowShape);
                    for (int j = 0; j < good.size(); j++) {
                        out[at.get(j)] = done.get(j).row(good.get(j).id(), key);
                    }
                    return List.of(out);
                } catch (RuntimeException batchFailed) {
                    // One bad row must not take its batch with it: each row alone below, each failure on its own row.
                }
            }
            for (int j = 0; j < good.size(); j++) {
                InputRow r = good.get(j);
                try {
                    out[at.get(j)] = explainOne(r, rowShape).row(r.id(), key);
                } catch (RuntimeException e) {
                    out[at.get(j)] = SparkExplainer.errorRow(r.id(), r.target(), key, message(e));
                }
            }
            return List.of(out);
        }

        /** Row {@code r} explained alone (with its own seed for a seeded method); throws when the method refuses it. */
        Explained explainOne(InputRow r, long[] rowShape) {
            if (key.jobSeed() == null) {
                return explain(List.of(r), explainer, null, rowShape).get(0);
            }
            long seed = RowSeeds.of(key.jobSeed(), r.id());
            Explainer<INDArray, ? extends Explanation> seeded =
                    entry.create(model, Params.parse(RowSeeds.withSeed(key.params(), seed)), key.layer());
            return explain(List.of(r), seeded, seed, rowShape).get(0);
        }

        private List<Explained> explain(List<InputRow> rows, Explainer<INDArray, ? extends Explanation> ex, Long seed,
                                        long[] rowShape) {
            int n = rows.size();
            INDArray x = batch(rows, rowShape);
            int[] predicted = argmax(ModelCalls.predict(model.prediction(), x), n);
            int[] explained = new int[n];
            for (int j = 0; j < n; j++) {
                Integer t = rows.get(j).target();
                explained[j] = t == null ? predicted[j] : t;
            }
            Explanation e = ex.explain(x, Target.perRow(explained));
            INDArray v = MethodEntry.values(e);
            float[] all = HostArrays.floats(v); // row-major, each value rounded to float as castTo(FLOAT) does
            int per = all.length / n;
            int[] shape = new int[v.rank() - 1];
            for (int k = 1; k < v.rank(); k++) {
                shape[k - 1] = (int) v.size(k);
            }
            List<Explained> out = new ArrayList<>(n);
            for (int j = 0; j < n; j++) {
                out.add(new Explained(explained[j], predicted[j],
                        java.util.Arrays.copyOfRange(all, j * per, (j + 1) * per), shape.clone(), seed));
            }
            return out;
        }

        /**
         * Per row of {@code scores} ({@code n} rows, any shape after the first axis, read row-major), the index of
         * its largest value, the first one on ties. Read on the host: ND4J's {@code argMax} op made a dozen native
         * allocations per call, each taking locks shared by all task threads (docs/benchmarks.md, "xai-spark
         * throughput").
         */
        static int[] argmax(INDArray scores, int n) {
            double[] s = HostArrays.doubles(scores);
            int per = s.length / n;
            int[] best = new int[n];
            for (int j = 0; j < n; j++) {
                int at = j * per;
                for (int k = 1; k < per; k++) {
                    if (s[at + k] > s[at + best[j]]) {
                        best[j] = k;
                    }
                }
            }
            return best;
        }

        /** The rows stacked into one {@code n × rowShape} FLOAT batch. */
        static INDArray batch(List<InputRow> rows, long[] rowShape) {
            int n = rows.size();
            int len = rows.get(0).values().length;
            float[] flat = new float[n * len];
            for (int j = 0; j < n; j++) {
                System.arraycopy(rows.get(j).values(), 0, flat, j * len, len);
            }
            long[] shape = new long[rowShape.length + 1];
            shape[0] = n;
            System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
            return Nd4j.create(flat, shape, 'c');
        }

        static String message(RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /**
     * One row's explanation: the class explained, the predicted class, the map (flattened) and its shape, and the
     * row's seed (null for a method without randomness).
     */
    record Explained(int target, int prediction, float[] values, int[] shape, Long seed) {
        /** As an output row of {@link SparkExplainer#OUTPUT}. */
        Row row(long id, Key key) {
            return RowFactory.create(id, target, prediction, values, shape, key.method(), key.paramsText(),
                    key.modelHash(), seed, null);
        }
    }
}
