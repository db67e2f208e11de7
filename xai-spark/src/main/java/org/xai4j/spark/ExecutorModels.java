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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.cli.MethodCatalog;
import org.xai4j.cli.MethodEntry;
import org.xai4j.cli.ModelHandle;
import org.xai4j.cli.Params;
import org.xai4j.core.Explainer;
import org.xai4j.core.Explanation;
import org.xai4j.core.XaiException;
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

    /** What identifies an explainer: the model's bytes (by hash) and the method as the command line names it. */
    record Key(String modelHash, String suffix, String method, List<String> params, String layer) implements Serializable {
    }

    /** An idle explainer for {@code key}, built now when none is idle. */
    static Worker borrow(Key key, Broadcast<byte[]> model, long[] rowShape) {
        Worker w = IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).poll();
        if (w != null) {
            return w;
        }
        BUILT.merge(key, 1, Integer::sum);
        return Worker.build(key, model.value(), rowShape);
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
        private final Explainer<INDArray, ? extends Explanation> explainer;

        private Worker(Key key, ModelHandle model, Explainer<INDArray, ? extends Explanation> explainer) {
            this.key = key;
            this.model = model;
            this.explainer = explainer;
        }

        static Worker build(Key key, byte[] bytes, long[] rowShape) {
            try {
                Path file = Files.createTempFile("xai-spark-" + key.modelHash().substring(0, 12) + "-", key.suffix());
                try {
                    Files.write(file, bytes);
                    ModelHandle m = ModelHandle.load(file, ModelHandle.Engine.GRAPH, rowShape);
                    MethodEntry entry = MethodCatalog.get(key.method());
                    return new Worker(key, m, entry.create(m, Params.parse(key.params()), key.layer()));
                } finally {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new XaiException("could not write the model to a temporary file: " + e.getMessage(), e);
            }
        }

        /** One output row per row of {@code rows}, in their order. */
        List<Row> explain(List<Row> rows, SparkExplainer.Columns c, long[] rowShape) {
            long length = 1;
            for (long d : rowShape) {
                length *= d;
            }
            Row[] out = new Row[rows.size()];
            List<Integer> good = new ArrayList<>();
            List<float[]> inputs = new ArrayList<>();
            long[] ids = new long[rows.size()];
            Integer[] targets = new Integer[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                ids[i] = ((Number) r.get(c.id())).longValue();
                targets[i] = c.target() < 0 || r.isNullAt(c.target()) ? null : ((Number) r.get(c.target())).intValue();
                String reason = null;
                float[] x = null;
                if (r.isNullAt(c.values())) {
                    reason = "values is null";
                } else {
                    List<Object> v = r.getList(c.values());
                    if (v.size() != length) {
                        reason = "values has " + v.size() + " numbers but the model's row shape "
                                + java.util.Arrays.toString(rowShape) + " needs " + length;
                    } else {
                        x = new float[v.size()];
                        for (int k = 0; k < x.length && reason == null; k++) {
                            Object e = v.get(k);
                            if (e == null) {
                                reason = "values[" + k + "] is null";
                            } else {
                                x[k] = ((Number) e).floatValue();
                                if (!Float.isFinite(x[k])) {
                                    reason = "values[" + k + "] is " + x[k] + " (NaN or infinite input)";
                                }
                            }
                        }
                    }
                }
                if (reason != null) {
                    out[i] = SparkExplainer.errorRow(ids[i], targets[i], key, reason);
                } else {
                    good.add(i);
                    inputs.add(x);
                }
            }
            if (!good.isEmpty()) {
                try {
                    fill(out, good, inputs, ids, targets, rowShape);
                } catch (RuntimeException batchFailed) {
                    // One bad row must not take its batch with it: each row alone, each failure on its own row.
                    for (int j = 0; j < good.size(); j++) {
                        try {
                            fill(out, List.of(good.get(j)), List.of(inputs.get(j)), ids, targets, rowShape);
                        } catch (RuntimeException e) {
                            int i = good.get(j);
                            out[i] = SparkExplainer.errorRow(ids[i], targets[i], key, message(e));
                        }
                    }
                }
            }
            return List.of(out);
        }

        private void fill(Row[] out, List<Integer> rows, List<float[]> inputs, long[] ids, Integer[] targets,
                          long[] rowShape) {
            int n = rows.size();
            int len = inputs.get(0).length;
            float[] flat = new float[n * len];
            for (int j = 0; j < n; j++) {
                System.arraycopy(inputs.get(j), 0, flat, j * len, len);
            }
            long[] shape = new long[rowShape.length + 1];
            shape[0] = n;
            System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
            INDArray x = Nd4j.create(flat, shape, 'c');
            INDArray scores = model.prediction().predict(x);
            INDArray argmax = scores.reshape(n, -1).argMax(1);
            int[] predicted = new int[n];
            int[] explained = new int[n];
            for (int j = 0; j < n; j++) {
                predicted[j] = argmax.getInt(j);
                Integer t = targets[rows.get(j)];
                explained[j] = t == null ? predicted[j] : t;
            }
            Explanation e = explainer.explain(x, Target.perRow(explained));
            INDArray v = MethodEntry.values(e).castTo(DataType.FLOAT).dup('c');
            float[] all = v.data().asFloat();
            int per = all.length / n;
            int[] rowShapeOut = new int[v.rank() - 1];
            for (int k = 1; k < v.rank(); k++) {
                rowShapeOut[k - 1] = (int) v.size(k);
            }
            for (int j = 0; j < n; j++) {
                float[] values = java.util.Arrays.copyOfRange(all, j * per, (j + 1) * per);
                int i = rows.get(j);
                out[i] = RowFactory.create(ids[i], explained[j], predicted[j], values, rowShapeOut.clone(),
                        key.method(), String.join(" ", key.params()), key.modelHash(), null);
            }
        }

        private static String message(RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
