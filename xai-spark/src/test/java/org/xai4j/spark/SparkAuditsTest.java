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
        // class 0: row means 4/4 = 1 and 4/4 = 1 → 1; class 1: 4. The error row is not counted.
        assertThat(m).hasSize(2);
        assertThat(m.get(0).getLong(1)).isEqualTo(2);
        assertThat(m.get(0).getDouble(2)).isCloseTo(1.0, within(1e-12));
        assertThat(m.get(1).getDouble(2)).isCloseTo(4.0, within(1e-12));
        List<Row> maps = SparkAudits.averageMapPerClass(d).collectAsList();
        // class 0: ((1-3)/2, (-1+1)/2, (2+0)/2, 0) = (-1, 0, 1, 0)
        assertThat(maps.get(0).<Double>getList(1)).containsExactly(-1.0, 0.0, 1.0, 0.0);
        assertThat(maps.get(1).<Double>getList(1)).containsExactly(4.0, 4.0, 4.0, 4.0);
    }

    @Test
    void relevanceInMaskAndTopK() {
        Dataset<Row> d = of(row(1, 0, new float[] {1, -1, 2, 0}), row(2, 0, new float[] {-3, 1, 0, 0}),
                row(3, 1, new float[] {0, 0, 0, 0}), BAD);
        Dataset<Row> r = SparkAudits.relevanceInMask(d, new double[] {1, 0, 0, 1});
        List<Row> rows = r.orderBy("id").collectAsList();
        // row 1: (|1| + |0|) / 4 = 0.25; row 2: 3 / 4 = 0.75; row 3: all zero → null
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).getDouble(3)).isCloseTo(0.25, within(1e-12));
        assertThat(rows.get(1).getDouble(3)).isCloseTo(0.75, within(1e-12));
        assertThat(rows.get(2).isNullAt(3)).isTrue();
        List<Row> top = SparkAudits.topK(r, "relevance_in_mask", 1).collectAsList();
        assertThat(top).hasSize(1);
        assertThat(top.get(0).getLong(0)).isEqualTo(2L);
        assertThatThrownBy(() -> SparkAudits.relevanceInMask(d, new double[] {1, 0}))
                .isInstanceOf(XaiException.class).hasMessageContaining("2 weights");
        assertThatThrownBy(() -> SparkAudits.topK(r, "relevance", 1))
                .isInstanceOf(XaiException.class).hasMessageContaining("no column 'relevance'");
    }

    @Test
    void agreementBetweenTwoExplanations() {
        Dataset<Row> a = of(row(1, 0, new float[] {1, 2, 3, 4}), row(2, 0, new float[] {1, 2, 3, 4}));
        Dataset<Row> b = of(row(1, 0, new float[] {2, 4, 6, 8}), row(2, 0, new float[] {4, 3, 2, 1}), BAD);
        List<Row> per = SparkAudits.agreementPerRow(a, b).collectAsList();
        // row 1: b = 2a → 1; row 2: b = 5 - a → -1
        assertThat(per).hasSize(2);
        assertThat(per.get(0).getDouble(2)).isCloseTo(1.0, within(1e-12));
        assertThat(per.get(1).getDouble(2)).isCloseTo(-1.0, within(1e-12));
        Row s = SparkAudits.agreementSummary(SparkAudits.agreementPerRow(a, b));
        assertThat(s.getLong(0)).isEqualTo(2);
        assertThat(s.getDouble(1)).isCloseTo(0.0, within(1e-12));
        assertThat(s.getDouble(2)).isCloseTo(1.0, within(1e-12));
    }
}
