package org.xai4j.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.target.Target;
import org.xai4j.metrics.faithfulness.CurveConfig;
import org.xai4j.metrics.faithfulness.Deletion;
import org.xai4j.metrics.faithfulness.Insertion;

/**
 * Faithfulness of a method over a data set: per row the deletion and insertion AUC of its explanation
 * (Petsiuk, Das and Saenko, "RISE: Randomized Input Sampling for Explanation of Black-box Models", BMVC 2018;
 * the library's {@link Deletion} and {@link Insertion}, zero baseline, most relevant first), and per class their
 * means. Each row is explained and scored in the same task, on the executor that holds the model
 * ({@link SparkExplainer}'s explainer and per-row seeds); the curves follow the model's output for the explained
 * class as the model gives it (logits for a model without a softmax). The map's elements are removed (deletion)
 * or put back (insertion) {@code ceil(n / steps)} at a time for a map of n elements: about {@code steps} model
 * passes per curve. Lower deletion AUC and higher insertion AUC mean a more faithful map.
 */
public final class SparkFaithfulness {
    /** The per-row schema. */
    public static final StructType PER_ROW = new StructType()
            .add("id", DataTypes.LongType, false)
            .add("target", DataTypes.IntegerType, true)
            .add("prediction", DataTypes.IntegerType, true)
            .add("deletion_auc", DataTypes.DoubleType, true)
            .add("insertion_auc", DataTypes.DoubleType, true)
            .add("error", DataTypes.StringType, true);

    /** The curve points by default: 50 steps per curve. */
    public static final int DEFAULT_STEPS = 50;

    private final SparkExplainer explainer;
    private final int steps;

    private SparkFaithfulness(SparkExplainer explainer, int steps) {
        this.explainer = explainer;
        this.steps = steps;
    }

    /**
     * The faithfulness of {@code explainer}'s maps, each curve in about {@code steps} steps.
     *
     * @param explainer the explainer whose maps are scored
     * @param steps about how many steps each curve has, at least 1
     * @return the faithfulness job
     * @throws InvalidConfigException if {@code steps} is below 1
     */
    public static SparkFaithfulness of(SparkExplainer explainer, int steps) {
        if (steps < 1) {
            throw new InvalidConfigException("steps must be ≥ 1 but was " + steps);
        }
        return new SparkFaithfulness(explainer, steps);
    }

    /**
     * The elements removed or inserted per step for a map of {@code n} elements.
     *
     * @param n the number of elements of a map
     * @return at least 1
     */
    public int stepSize(int n) {
        return Math.max(1, (n + steps - 1) / steps);
    }

    /**
     * Per row of {@code input} (the explainer's input columns), exactly once: {@code id}, {@code target},
     * {@code prediction}, {@code deletion_auc}, {@code insertion_auc} and {@code error} (null scores with the
     * reason where the row could not be explained or scored).
     *
     * @param input the explainer's input rows
     * @return a lazy Dataset, one row per input row
     */
    public Dataset<Row> perRow(Dataset<Row> input) {
        SparkExplainer.Job job = explainer.prepare(input);
        return input.mapPartitions(new Task(job, steps), Encoders.row(PER_ROW));
    }

    /**
     * Per class ({@code target}): {@code rows} scored, {@code errors}, {@code mean_deletion_auc} and
     * {@code mean_insertion_auc} over the scored rows.
     *
     * @param perRow the output of {@link #perRow}
     * @return a lazy Dataset with one row per {@code target}
     */
    public static Dataset<Row> perClass(Dataset<Row> perRow) {
        Column ok = col("error").isNull();
        return perRow.groupBy("target").agg(count(when(ok, lit(1))).as("rows"),
                        count(when(ok.unary_$bang(), lit(1))).as("errors"),
                        avg("deletion_auc").as("mean_deletion_auc"), avg("insertion_auc").as("mean_insertion_auc"))
                .orderBy("target");
    }

    /** One row explained and scored: its output row. */
    static Row score(ExecutorModels.Worker w, InputRow r, long[] rowShape, SparkFaithfulness settings) {
        if (r.error() != null) {
            return RowFactory.create(r.id(), r.target(), null, null, null, r.error());
        }
        ExecutorModels.Explained e;
        try {
            e = w.explainOne(r, rowShape);
        } catch (RuntimeException ex) {
            return RowFactory.create(r.id(), r.target(), null, null, null, ExecutorModels.Worker.message(ex));
        }
        try {
            INDArray x = ExecutorModels.Worker.batch(List.of(r), rowShape);
            long[] shape = new long[e.shape().length + 1];
            shape[0] = 1;
            for (int k = 0; k < e.shape().length; k++) {
                shape[k + 1] = e.shape()[k];
            }
            INDArray map = Nd4j.create(e.values(), shape, 'c');
            CurveConfig curve = CurveConfig.DEFAULTS.withStepSize(settings.stepSize(e.values().length));
            Target t = Target.perRow(e.target());
            double deletion = new Deletion(curve).evaluate(w.model().prediction(), x, map, t).auc()[0];
            double insertion = new Insertion(curve).evaluate(w.model().prediction(), x, map, t).auc()[0];
            return RowFactory.create(r.id(), e.target(), e.prediction(), deletion, insertion, null);
        } catch (RuntimeException ex) {
            return RowFactory.create(r.id(), e.target(), e.prediction(), null, null, ExecutorModels.Worker.message(ex));
        }
    }

    /** The per-partition work. */
    static final class Task implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final SparkExplainer.Job job;
        private final int steps;

        Task(SparkExplainer.Job job, int steps) {
            this.job = job;
            this.steps = steps;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            SparkFaithfulness settings = new SparkFaithfulness(null, steps);
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Row next() {
                    InputRow r = InputRow.read(rows.next(), job.columns(), job.rowShape());
                    ExecutorModels.Worker w = job.borrow();
                    try {
                        return score(w, r, job.rowShape(), settings);
                    } finally {
                        job.giveBack(w);
                    }
                }
            };
        }
    }
}
