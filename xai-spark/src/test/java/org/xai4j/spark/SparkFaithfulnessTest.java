package org.xai4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.cli.MethodCatalog;
import org.xai4j.cli.MethodEntry;
import org.xai4j.cli.ModelHandle;
import org.xai4j.cli.Params;
import org.xai4j.core.Explainer;
import org.xai4j.core.Explanation;
import org.xai4j.core.target.Target;
import org.xai4j.metrics.faithfulness.CurveConfig;
import org.xai4j.metrics.faithfulness.Deletion;
import org.xai4j.metrics.faithfulness.Insertion;

/**
 * {@link SparkFaithfulness} on local[2] against a plain loop in this JVM: the single-JVM explainer, the
 * library's deletion and insertion curves with the same step, per-class means summed by hand.
 */
class SparkFaithfulnessTest {
    @BeforeAll
    static void start() throws Exception {
        SparkExplainerTest.start();
    }

    @AfterAll
    static void stop() {
        SparkExplainerTest.stop();
    }

    @Test
    void perRowAndPerClassEqualAPlainLoop() throws Exception {
        int steps = 8;
        int step = (3 * 16 * 16 + steps - 1) / steps; // 96 features per step
        double[] deletion = new double[SparkExplainerTest.ROWS];
        double[] insertion = new double[SparkExplainerTest.ROWS];
        int[] predicted = new int[SparkExplainerTest.ROWS];
        try (ModelHandle m = ModelHandle.load(SparkExplainerTest.model, ModelHandle.Engine.GRAPH)) {
            MethodEntry entry = MethodCatalog.get("saliency");
            Explainer<INDArray, ? extends Explanation> ex = entry.create(m, Params.parse(List.of()), null);
            CurveConfig curve = CurveConfig.DEFAULTS.withStepSize(step);
            for (int i = 0; i < SparkExplainerTest.ROWS; i++) {
                INDArray x = Nd4j.create(SparkExplainerTest.rows.get(i), new long[] {1, 3, 16, 16}, 'c');
                predicted[i] = m.prediction().predict(x).argMax(1).getInt(0);
                INDArray map = MethodEntry.values(ex.explain(x, Target.perRow(predicted[i]))).castTo(DataType.FLOAT);
                deletion[i] = new Deletion(curve).evaluate(m.prediction(), x, map, Target.perRow(predicted[i])).auc()[0];
                insertion[i] = new Insertion(curve).evaluate(m.prediction(), x, map, Target.perRow(predicted[i])).auc()[0];
            }
        }
        List<float[]> xs = new ArrayList<>(SparkExplainerTest.rows);
        float[] nan = xs.get(0).clone();
        nan[3] = Float.NaN;
        xs.add(nan);
        SparkFaithfulness f = SparkFaithfulness.of(SparkExplainer.of(SparkExplainerTest.model, "saliency", List.of(), null), steps);
        assertThat(f.stepSize(768)).isEqualTo(step);
        for (int partitions = 1; partitions <= 3; partitions += 2) {
            var perRow = f.perRow(SparkExplainerTest.input(xs, partitions));
            Map<Long, Row> got = SparkExplainerTest.byId(perRow);
            assertThat(got).hasSize(SparkExplainerTest.ROWS + 1);
            Row bad = got.get(100L + SparkExplainerTest.ROWS);
            assertThat(bad.getString(bad.fieldIndex("error"))).contains("values[3]").contains("NaN");
            assertThat(bad.isNullAt(bad.fieldIndex("deletion_auc"))).isTrue();
            for (int i = 0; i < SparkExplainerTest.ROWS; i++) {
                Row r = got.get(100L + i);
                assertThat(r.isNullAt(r.fieldIndex("error"))).as("row %d: %s", i, r.get(r.fieldIndex("error"))).isTrue();
                assertThat(r.getInt(r.fieldIndex("prediction"))).isEqualTo(predicted[i]);
                assertThat(r.getDouble(r.fieldIndex("deletion_auc"))).as("row %d deletion", i).isEqualTo(deletion[i]);
                assertThat(r.getDouble(r.fieldIndex("insertion_auc"))).as("row %d insertion", i).isEqualTo(insertion[i]);
            }
            // per class, by hand: rows, and the mean of each AUC over the class's rows
            Map<Integer, double[]> sums = new TreeMap<>();
            for (int i = 0; i < SparkExplainerTest.ROWS; i++) {
                double[] s = sums.computeIfAbsent(predicted[i], k -> new double[3]);
                s[0]++;
                s[1] += deletion[i];
                s[2] += insertion[i];
            }
            List<Row> classes = SparkFaithfulness.perClass(perRow.filter("error IS NULL")).collectAsList();
            assertThat(classes).hasSize(sums.size());
            int k = 0;
            for (Map.Entry<Integer, double[]> e : sums.entrySet()) {
                Row c = classes.get(k++);
                assertThat(c.getInt(0)).isEqualTo(e.getKey());
                assertThat(c.getLong(1)).isEqualTo((long) e.getValue()[0]);
                assertThat(c.getDouble(3)).isCloseTo(e.getValue()[1] / e.getValue()[0], within(1e-12));
                assertThat(c.getDouble(4)).isCloseTo(e.getValue()[2] / e.getValue()[0], within(1e-12));
            }
        }
    }
}
