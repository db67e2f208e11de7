package org.xai4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
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
import org.xai4j.core.XaiException;
import org.xai4j.core.target.Target;

/**
 * On a local Spark session, {@link SparkExplainer} against the same explainer run row by row in this JVM: equal
 * bits on 1, 2 and 3 partitions; bad rows kept with their reason; a failed task retried without duplicates.
 */
class SparkExplainerTest {
    static final int ROWS = 5;
    static final long[] ROW_SHAPE = {3, 16, 16};
    static final StructType INPUT = new StructType()
            .add("id", DataTypes.LongType, false)
            .add("values", DataTypes.createArrayType(DataTypes.FloatType, false), true);

    static SparkSession spark;
    static Path model;
    static List<float[]> rows;

    @BeforeAll
    static void start() throws URISyntaxException {
        // local[2,2]: two task threads and two tries per task, so an injected failure is retried.
        spark = SparkSession.builder().master("local[2,2]").appName("xai-spark-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        modelAndRows();
    }

    /** The test model and the {@link #ROWS} seeded random rows, without a Spark session. */
    static void modelAndRows() throws URISyntaxException {
        model = Path.of(SparkExplainerTest.class.getResource("small_cnn_op13.onnx").toURI());
        Random r = new Random(7);
        rows = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            float[] x = new float[3 * 16 * 16];
            for (int k = 0; k < x.length; k++) {
                x[k] = r.nextFloat();
            }
            rows.add(x);
        }
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static Dataset<Row> input(List<float[]> xs, int partitions) {
        List<Row> list = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            list.add(RowFactory.create(100L + i, boxed(xs.get(i))));
        }
        return spark.createDataFrame(list, INPUT).repartition(partitions);
    }

    static List<Float> boxed(float[] x) {
        List<Float> l = new ArrayList<>(x.length);
        for (float v : x) {
            l.add(v);
        }
        return l;
    }

    /** Each row explained alone in this JVM, for its predicted class: the reference. */
    static List<float[]> singleJvm(String method, List<String> params) throws Exception {
        return singleJvm(method, params, null);
    }

    /**
     * The reference, each row seeded with {@code seeds[i]} ({@code seed=} appended to the parameters), or with the
     * parameters as given where {@code seeds} is null.
     */
    static List<float[]> singleJvm(String method, List<String> params, long[] seeds) throws Exception {
        List<float[]> out = new ArrayList<>();
        try (ModelHandle m = ModelHandle.load(model, ModelHandle.Engine.GRAPH)) {
            MethodEntry entry = MethodCatalog.get(method);
            for (int i = 0; i < rows.size(); i++) {
                float[] x = rows.get(i);
                List<String> p = new ArrayList<>(params);
                if (seeds != null) {
                    p.add("seed=" + seeds[i]);
                }
                Explainer<INDArray, ? extends Explanation> ex = entry.create(m, Params.parse(p), null);
                INDArray row = Nd4j.create(x, new long[] {1, 3, 16, 16}, 'c');
                int predicted = m.prediction().predict(row).argMax(1).getInt(0);
                Explanation e = ex.explain(row, Target.perRow(predicted));
                out.add(MethodEntry.values(e).castTo(DataType.FLOAT).dup('c').data().asFloat());
            }
        }
        return out;
    }

    static Map<Long, Row> byId(Dataset<Row> out) {
        Map<Long, Row> m = new HashMap<>();
        for (Row r : out.collectAsList()) {
            assertThat(m.put(r.getLong(0), r)).as("row %d appears once", r.getLong(0)).isNull();
        }
        return m;
    }

    static float[] values(Row r) {
        List<Object> l = r.getList(r.fieldIndex("values"));
        float[] f = new float[l.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (Float) l.get(i);
        }
        return f;
    }

    void assertSameBits(String method, List<String> params) throws Exception {
        assertSameBits(SparkExplainer.of(model, method, params, null), method, singleJvm(method, params));
    }

    void assertSameBits(SparkExplainer explainer, String method, List<float[]> expected) {
        for (int partitions = 1; partitions <= 3; partitions++) {
            Map<Long, Row> got = byId(explainer.explain(input(rows, partitions)));
            assertThat(got).hasSize(ROWS);
            for (int i = 0; i < ROWS; i++) {
                Row r = got.get(100L + i);
                assertThat(r.isNullAt(r.fieldIndex("error"))).as("%s row %d error: %s", method, i,
                        r.get(r.fieldIndex("error"))).isTrue();
                assertThat(Arrays.equals(values(r), expected.get(i)))
                        .as("%s on %d partitions, row %d: same bits as the single JVM", method, partitions, i).isTrue();
                assertThat(r.getInt(r.fieldIndex("target"))).isEqualTo(r.getInt(r.fieldIndex("prediction")));
            }
        }
    }

    @Test
    void saliencyEqualsSingleJvmBitForBit() throws Exception {
        assertSameBits("saliency", List.of());
    }

    /**
     * The explainer says it is {@link java.io.Serializable} (a Spark closure that captures it is shipped to the
     * executors): it must survive Java serialization, and the copy must give the same bits.
     */
    @Test
    void survivesJavaSerialization() throws Exception {
        SparkExplainer original = SparkExplainer.of(model, "saliency", List.of(), null).batchSize(2);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(original);
        }
        SparkExplainer copy;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (SparkExplainer) in.readObject();
        }
        assertSameBits(copy, "saliency", singleJvm("saliency", List.of()));
    }

    @Test
    void integratedGradientsEqualsSingleJvmBitForBit() throws Exception {
        assertSameBits("integrated-gradients", List.of("steps=8"));
    }

    @Test
    void gradCamEqualsSingleJvmBitForBit() throws Exception {
        assertSameBits("gradcam", List.of());
    }

    /**
     * A seeded method: each row drawn with its own seed (the id-th SplitMix64 output from the job seed), the same
     * bits on 1, 2 and 3 partitions and at 3 rows per call as a single-JVM loop that seeds each row so; and those
     * seeds matter (the shared-seed result differs).
     */
    void assertPerRowSeeds(String method, List<String> params, long jobSeed) throws Exception {
        long[] seeds = new long[ROWS];
        for (int i = 0; i < ROWS; i++) {
            seeds[i] = RowSeeds.of(jobSeed, 100L + i);
        }
        List<String> withJobSeed = new ArrayList<>(params);
        withJobSeed.add("seed=" + jobSeed);
        List<float[]> expected = singleJvm(method, params, seeds);
        assertThat(Arrays.equals(expected.get(0), singleJvm(method, withJobSeed).get(0)))
                .as("%s: a row's own seed changes its draws", method).isFalse();
        SparkExplainer explainer = SparkExplainer.of(model, method, withJobSeed, null);
        assertSameBits(explainer, method, expected);
        assertSameBits(explainer.batchSize(3), method, expected);
        Map<Long, Row> got = byId(explainer.explain(input(rows, 2)));
        for (int i = 0; i < ROWS; i++) {
            Row r = got.get(100L + i);
            assertThat(r.getLong(r.fieldIndex("seed"))).isEqualTo(seeds[i]);
        }
    }

    @Test
    void kernelShapDrawsPerRowSeeds() throws Exception {
        assertPerRowSeeds("kernel-shap", List.of("grid=4", "samples=32"), 11);
    }

    @Test
    void smoothGradDrawsPerRowSeeds() throws Exception {
        assertPerRowSeeds("smoothgrad", List.of("samples=4"), 5);
    }

    @Test
    void unseededMethodsHaveNoRowSeed() {
        Map<Long, Row> got = byId(SparkExplainer.of(model, "saliency", List.of(), null).explain(input(rows, 2)));
        assertThat(got.values()).allSatisfy(r -> assertThat(r.isNullAt(r.fieldIndex("seed"))).isTrue());
    }

    @Test
    void badRowsStayWithTheirReason() {
        List<float[]> xs = new ArrayList<>(rows.subList(0, 2));
        float[] nan = rows.get(2).clone();
        nan[5] = Float.NaN;
        xs.add(nan);
        xs.add(new float[] {1, 2, 3});
        Map<Long, Row> got = byId(SparkExplainer.of(model, "saliency", List.of(), null).explain(input(xs, 2)));
        assertThat(got).hasSize(4);
        assertThat(got.get(100L).isNullAt(got.get(100L).fieldIndex("error"))).isTrue();
        Row nanRow = got.get(102L);
        assertThat(nanRow.getString(nanRow.fieldIndex("error"))).contains("values[5]").contains("NaN");
        assertThat(nanRow.isNullAt(nanRow.fieldIndex("values"))).isTrue();
        Row shortRow = got.get(103L);
        assertThat(shortRow.getString(shortRow.fieldIndex("error"))).contains("3 numbers").contains("768");
    }

    @Test
    void aFailedTaskIsRetriedWithoutDuplicates() {
        FaultInjection.FAIL_FIRST_ATTEMPT_OF_PARTITION_0.set(true);
        try {
            Map<Long, Row> got = byId(SparkExplainer.of(model, "saliency", List.of(), null).explain(input(rows, 3)));
            assertThat(FaultInjection.FAIL_FIRST_ATTEMPT_OF_PARTITION_0.get()).as("the failure was injected").isFalse();
            assertThat(got.keySet()).containsExactlyInAnyOrder(100L, 101L, 102L, 103L, 104L);
        } finally {
            FaultInjection.FAIL_FIRST_ATTEMPT_OF_PARTITION_0.set(false);
        }
    }

    @Test
    void badSpecificationsFailBeforeTheJob() {
        Dataset<Row> in = input(rows, 1);
        assertThatThrownBy(() -> SparkExplainer.of(model, "salency", List.of(), null).explain(in))
                .isInstanceOf(XaiException.class).hasMessageContaining("unknown method 'salency'");
        assertThatThrownBy(() -> SparkExplainer.of(Path.of("no/such.onnx"), "saliency", List.of(), null).explain(in))
                .isInstanceOf(XaiException.class).hasMessageContaining("model file not found").hasMessageContaining("such.onnx");
        assertThatThrownBy(() -> SparkExplainer.of(model, "integrated-gradients", List.of("stepz=3"), null).explain(in))
                .isInstanceOf(XaiException.class).hasMessageContaining("stepz");
        Dataset<Row> strings = spark.createDataFrame(List.of(RowFactory.create(1L, "abc")),
                new StructType().add("id", DataTypes.LongType).add("values", DataTypes.StringType));
        assertThatThrownBy(() -> SparkExplainer.of(model, "saliency", List.of(), null).explain(strings))
                .isInstanceOf(XaiException.class).hasMessageContaining("column 'values'").hasMessageContaining("string");
    }
}
