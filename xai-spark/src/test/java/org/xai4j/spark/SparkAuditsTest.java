package org.xai4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xai4j.core.XaiException;

/** {@link SparkAudits} on hand-made explain outputs whose answers are worked out by hand in the comments. */
class SparkAuditsTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("xai-spark-audits")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static Row row(long id, int target, float[] values) {
        return RowFactory.create(id, target, target, values, new int[] {2, 2}, "m", "", "h", null, null);
    }

    static Dataset<Row> of(Row... rows) {
        return spark.createDataFrame(List.of(rows), SparkExplainer.OUTPUT);
    }

    static final Row BAD = RowFactory.create(9L, 0, null, null, null, "m", "", "h", null, "values[0] is NaN");

    @Test
    void meanAbsAndAverageMapPerClass() {
        Dataset<Row> d = of(row(1, 0, new float[] {1, -1, 2, 0}), row(2, 0, new float[] {-3, 1, 0, 0}),
                row(3, 1, new float[] {4, 4, 4, 4}), BAD);
        List<Row> m = SparkAudits.meanAbsAttributionPerClass(d).collectAsList();
        // class 0: row means 4/4 = 1 and 4/4 = 1 → 1; class 1: 4. The error row (class 0) is counted apart.
        assertThat(m).hasSize(2);
        assertThat(m.get(0).getLong(1)).isEqualTo(2);
        assertThat(m.get(0).getLong(2)).isEqualTo(1);
        assertThat(m.get(1).getLong(2)).isEqualTo(0);
        assertThat(m.get(0).getDouble(3)).isCloseTo(1.0, within(1e-12));
        assertThat(m.get(1).getDouble(3)).isCloseTo(4.0, within(1e-12));
        List<Row> maps = SparkAudits.averageMapPerClass(d).collectAsList();
        // class 0: ((1-3)/2, (-1+1)/2, (2+0)/2, 0) = (-1, 0, 1, 0)
        assertThat(maps.get(0).<Double>getList(1)).containsExactly(-1.0, 0.0, 1.0, 0.0);
        assertThat(maps.get(1).<Double>getList(1)).containsExactly(4.0, 4.0, 4.0, 4.0);
    }

    @Test
    void relevanceInMaskKeepsEveryRowOnceWithItsReason() {
        Row wrongSize = RowFactory.create(4L, 1, 1, new float[] {1, 2}, new int[] {2}, "m", "", "h", null, null);
        Dataset<Row> d = of(row(1, 0, new float[] {1, -1, 2, 0}), row(2, 0, new float[] {-3, 1, 0, 0}),
                row(3, 1, new float[] {0, 0, 0, 0}), BAD, wrongSize);
        Dataset<Row> r = SparkAudits.relevanceInMask(d.repartition(3), new double[] {1, 0, 0, 1});
        java.util.Map<Long, Row> byId = SparkExplainerTest.byId(r); // fails on a row seen twice
        // every input row once: 1, 2, 3, the error row 9 and the wrong-size row 4
        assertThat(byId.keySet()).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 9L);
        // row 1: (|1| + |0|) / 4 = 0.25; row 2: 3 / 4 = 0.75; row 3: all zero → null, no error
        assertThat(byId.get(1L).getDouble(3)).isCloseTo(0.25, within(1e-12));
        assertThat(byId.get(2L).getDouble(3)).isCloseTo(0.75, within(1e-12));
        assertThat(byId.get(3L).isNullAt(3)).isTrue();
        assertThat(byId.get(3L).isNullAt(4)).isTrue();
        assertThat(byId.get(9L).isNullAt(3)).isTrue();
        assertThat(byId.get(9L).getString(4)).isEqualTo("values[0] is NaN");
        assertThat(byId.get(4L).isNullAt(3)).isTrue();
        assertThat(byId.get(4L).getString(4)).contains("2 values").contains("4 weights");
        List<Row> top = SparkAudits.topK(r, "relevance_in_mask", 1).collectAsList();
        assertThat(top).hasSize(1);
        assertThat(top.get(0).getLong(0)).isEqualTo(2L);
        assertThatThrownBy(() -> SparkAudits.topK(r, "relevance", 1))
                .isInstanceOf(XaiException.class).hasMessageContaining("no column 'relevance'");
    }

    @Test
    void withErrorColumnIsOneRowPerRowAndKeepsTheFirstReason() {
        Dataset<Row> d = of(row(1, 0, new float[] {1, 2, 3, 4}), row(2, 1, new float[] {5, 6, 7, 8}), BAD);
        Dataset<Row> out = SparkAudits.withErrorColumn(d.repartition(2),
                org.apache.spark.sql.functions.expr("CASE WHEN id = 2 THEN 'id 2 refused' END"),
                java.util.Map.of("first", org.apache.spark.sql.functions.expr("values[0]")));
        java.util.Map<Long, Row> byId = SparkExplainerTest.byId(out);
        assertThat(byId.keySet()).containsExactlyInAnyOrder(1L, 2L, 9L);
        assertThat(out.columns()).containsExactly("id", "target", "prediction", "first", "error");
        assertThat(byId.get(1L).getFloat(3)).isEqualTo(1f);
        assertThat(byId.get(1L).isNullAt(4)).isTrue();
        assertThat(byId.get(2L).isNullAt(3)).isTrue();
        assertThat(byId.get(2L).getString(4)).isEqualTo("id 2 refused");
        assertThat(byId.get(9L).getString(4)).isEqualTo("values[0] is NaN");
    }

    @Test
    void agreementBetweenTwoExplanations() {
        Dataset<Row> a = of(row(1, 0, new float[] {1, 2, 3, 4}), row(2, 0, new float[] {1, 2, 3, 4}),
                row(3, 0, new float[] {1, 1, 1, 1}), row(5, 1, new float[] {1, 2, 3, 4}));
        Dataset<Row> b = of(row(1, 0, new float[] {2, 4, 6, 8}), row(2, 0, new float[] {4, 3, 2, 1}),
                row(3, 0, new float[] {1, 2, 3, 4}), BAD);
        java.util.Map<Long, Row> per = SparkExplainerTest.byId(SparkAudits.agreementPerRow(a, b));
        // every id of either side once: 1, 2, 3, 5 (only in a), 9 (an error in b)
        assertThat(per.keySet()).containsExactlyInAnyOrder(1L, 2L, 3L, 5L, 9L);
        // row 1: b = 2a → 1; row 2: b = 5 - a → -1; row 3: a constant → null, no error
        assertThat(per.get(1L).getDouble(2)).isCloseTo(1.0, within(1e-12));
        assertThat(per.get(2L).getDouble(2)).isCloseTo(-1.0, within(1e-12));
        assertThat(per.get(3L).isNullAt(2)).isTrue();
        assertThat(per.get(3L).isNullAt(3)).isTrue();
        assertThat(per.get(5L).getString(3)).contains("no row 5 in the second");
        assertThat(per.get(9L).getString(3)).contains("values[0] is NaN");
        Row s = SparkAudits.agreementSummary(SparkAudits.agreementPerRow(a, b));
        assertThat(s.getLong(0)).isEqualTo(2);
        assertThat(s.getDouble(1)).isCloseTo(0.0, within(1e-12));
        assertThat(s.getDouble(2)).isCloseTo(1.0, within(1e-12));
    }
}
