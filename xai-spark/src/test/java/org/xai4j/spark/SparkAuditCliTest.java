package org.xai4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.cli.Main;
import org.xai4j.cli.ModelHandle;
import org.xai4j.core.target.Target;
import org.xai4j.metrics.faithfulness.CurveConfig;
import org.xai4j.metrics.faithfulness.Deletion;
import org.xai4j.models.io.Npy;

/**
 * {@code xai spark audit …} through the {@code xai} entry point at local[2], each audit's JSON output against a
 * plain loop over the same rows: the single-JVM explainer ({@link SparkExplainerTest#singleJvm}) and the
 * aggregation written out by hand.
 */
class SparkAuditCliTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path input;
    static int[] predicted;
    static List<float[]> saliency;

    @BeforeAll
    static void rows() throws Exception {
        SparkExplainerTest.modelAndRows();
        float[] all = new float[SparkExplainerTest.ROWS * 768];
        for (int i = 0; i < SparkExplainerTest.ROWS; i++) {
            System.arraycopy(SparkExplainerTest.rows.get(i), 0, all, i * 768, 768);
        }
        input = dir.resolve("x.npy");
        Npy.write(Nd4j.create(all, new long[] {SparkExplainerTest.ROWS, 3, 16, 16}, 'c'), input);
        predicted = new int[SparkExplainerTest.ROWS];
        try (ModelHandle m = ModelHandle.load(SparkExplainerTest.model, ModelHandle.Engine.GRAPH)) {
            for (int i = 0; i < predicted.length; i++) {
                predicted[i] = m.prediction().predict(Nd4j.create(SparkExplainerTest.rows.get(i), new long[] {1, 3, 16, 16}, 'c'))
                        .argMax(1).getInt(0);
            }
        }
        saliency = SparkExplainerTest.singleJvm("saliency", List.of());
    }

    static int run(ByteArrayOutputStream err, String... args) {
        return Main.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** Runs {@code xai spark audit AUDIT} on the test rows with saliency, JSON out; the output folder. */
    static Path audit(String audit, String... more) {
        Path out = dir.resolve(audit + "-" + System.nanoTime());
        List<String> args = new ArrayList<>(List.of("spark", "audit", audit, "--master", "local[2]", "--model",
                SparkExplainerTest.model.toString(), "--input", input.toString(), "--method", "saliency", "--out",
                out.toString(), "--format", "json"));
        args.addAll(List.of(more));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(err, args.toArray(String[]::new))).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(Main.OK);
        return out;
    }

    static List<JsonNode> lines(Path folder) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    out.add(JSON.readTree(line));
                }
            }
        }
        return out;
    }

    static Map<Long, JsonNode> byId(List<JsonNode> rows) {
        Map<Long, JsonNode> m = new TreeMap<>();
        for (JsonNode r : rows) {
            assertThat(m.put(r.get("id").asLong(), r)).as("id %s once", r.get("id")).isNull();
        }
        return m;
    }

    static Map<Integer, List<Integer>> rowsPerClass() {
        Map<Integer, List<Integer>> m = new TreeMap<>();
        for (int i = 0; i < predicted.length; i++) {
            m.computeIfAbsent(predicted[i], k -> new ArrayList<>()).add(i);
        }
        return m;
    }

    @Test
    void meanAbsPerClass() throws Exception {
        List<JsonNode> classes = lines(audit("mean-abs").resolve("classes"));
        Map<Integer, List<Integer>> expected = rowsPerClass();
        assertThat(classes).hasSize(expected.size());
        for (JsonNode c : classes) {
            List<Integer> rows = expected.get(c.get("target").asInt());
            double mean = 0;
            for (int i : rows) {
                double s = 0;
                for (float v : saliency.get(i)) {
                    s += Math.abs(v);
                }
                mean += s / saliency.get(i).length / rows.size();
            }
            assertThat(c.get("rows").asLong()).isEqualTo(rows.size());
            assertThat(c.get("errors").asLong()).isZero();
            assertThat(c.get("mean_abs_attribution").asDouble()).isCloseTo(mean, within(1e-9 * Math.abs(mean)));
        }
    }

    @Test
    void averageMapPerClass() throws Exception {
        List<JsonNode> classes = lines(audit("average-map").resolve("classes"));
        Map<Integer, List<Integer>> expected = rowsPerClass();
        assertThat(classes).hasSize(expected.size());
        for (JsonNode c : classes) {
            List<Integer> rows = expected.get(c.get("target").asInt());
            JsonNode map = c.get("map");
            assertThat(map.size()).isEqualTo(768);
            assertThat(c.get("shape").toString()).isEqualTo("[3,16,16]");
            for (int k = 0; k < 768; k += 37) {
                double mean = 0;
                for (int i : rows) {
                    mean += saliency.get(i)[k];
                }
                mean /= rows.size();
                assertThat(map.get(k).asDouble()).as("element %d", k).isCloseTo(mean, within(1e-9 + 1e-9 * Math.abs(mean)));
            }
        }
    }

    @Test
    void maskShareAndTop() throws Exception {
        float[] mask = new float[768];
        for (int k = 0; k < 256; k++) {
            mask[k] = 1; // the first channel
        }
        Path maskFile = dir.resolve("mask.npy");
        Npy.write(Nd4j.create(mask, new long[] {3, 16, 16}, 'c'), maskFile);
        Path out = audit("mask", "--mask", maskFile.toString(), "--top", "2");
        Map<Long, JsonNode> rows = byId(lines(out.resolve("rows")));
        assertThat(rows.keySet()).hasSize(SparkExplainerTest.ROWS);
        double[] share = new double[SparkExplainerTest.ROWS];
        for (int i = 0; i < share.length; i++) {
            double inside = 0;
            double total = 0;
            for (int k = 0; k < 768; k++) {
                total += Math.abs(saliency.get(i)[k]);
                inside += k < 256 ? Math.abs(saliency.get(i)[k]) : 0;
            }
            share[i] = inside / total;
            assertThat(rows.get((long) i).get("relevance_in_mask").asDouble()).isCloseTo(share[i], within(1e-9));
        }
        List<JsonNode> top = lines(out.resolve("top"));
        assertThat(top).hasSize(2);
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4));
        order.sort((a, b) -> Double.compare(share[b], share[a]));
        assertThat(top.stream().map(t -> t.get("id").asInt()).toList()).containsExactlyInAnyOrder(order.get(0), order.get(1));
    }

    @Test
    void agreementOfTwoMethods() throws Exception {
        Path out = audit("agreement", "--other-method", "input-x-gradient");
        List<float[]> other = SparkExplainerTest.singleJvm("input-x-gradient", List.of());
        Map<Long, JsonNode> rows = byId(lines(out.resolve("rows")));
        assertThat(rows).hasSize(SparkExplainerTest.ROWS);
        double sum = 0;
        for (int i = 0; i < SparkExplainerTest.ROWS; i++) {
            float[] a = saliency.get(i);
            float[] b = other.get(i);
            double ma = 0;
            double mb = 0;
            for (int k = 0; k < a.length; k++) {
                ma += a[k] / (double) a.length;
                mb += b[k] / (double) b.length;
            }
            double sab = 0;
            double saa = 0;
            double sbb = 0;
            for (int k = 0; k < a.length; k++) {
                sab += (a[k] - ma) * (b[k] - mb);
                saa += (a[k] - ma) * (a[k] - ma);
                sbb += (b[k] - mb) * (b[k] - mb);
            }
            double r = sab / Math.sqrt(saa * sbb);
            sum += r;
            assertThat(rows.get((long) i).get("pearson").asDouble()).as("row %d", i).isCloseTo(r, within(1e-9));
        }
        JsonNode summary = lines(out.resolve("summary")).get(0);
        assertThat(summary.get("rows").asLong()).isEqualTo(SparkExplainerTest.ROWS);
        assertThat(summary.get("mean").asDouble()).isCloseTo(sum / SparkExplainerTest.ROWS, within(1e-9));
    }

    @Test
    void faithfulnessPerRowAndClass() throws Exception {
        Path out = audit("faithfulness", "--steps", "4");
        Map<Long, JsonNode> rows = byId(lines(out.resolve("rows")));
        assertThat(rows).hasSize(SparkExplainerTest.ROWS);
        CurveConfig curve = CurveConfig.DEFAULTS.withStepSize(192); // 768 / 4
        double[] deletion = new double[SparkExplainerTest.ROWS];
        try (ModelHandle m = ModelHandle.load(SparkExplainerTest.model, ModelHandle.Engine.GRAPH)) {
            for (int i = 0; i < deletion.length; i++) {
                deletion[i] = new Deletion(curve).evaluate(m.prediction(),
                        Nd4j.create(SparkExplainerTest.rows.get(i), new long[] {1, 3, 16, 16}, 'c'),
                        Nd4j.create(saliency.get(i), new long[] {1, 3, 16, 16}, 'c').castTo(DataType.FLOAT),
                        Target.perRow(predicted[i])).auc()[0];
                assertThat(rows.get((long) i).get("deletion_auc").asDouble()).isCloseTo(deletion[i], within(1e-9));
                assertThat(rows.get((long) i).get("insertion_auc").isNumber()).isTrue();
            }
        }
        List<JsonNode> classes = lines(out.resolve("classes"));
        for (JsonNode c : classes) {
            List<Integer> members = rowsPerClass().get(c.get("target").asInt());
            double mean = members.stream().mapToDouble(i -> deletion[i]).sum() / members.size();
            assertThat(c.get("rows").asLong()).isEqualTo(members.size());
            assertThat(c.get("mean_deletion_auc").asDouble()).isCloseTo(mean, within(1e-9));
        }
    }

    @Test
    void badSpecificationsAreUsageErrorsBeforeTheJob() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String model = SparkExplainerTest.model.toString();
        assertThat(run(err, "spark", "audit", "mean-abs", "--model", model, "--input", input.toString(), "--method",
                "salency", "--out", dir.resolve("a").toString())).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown method 'salency'");
        err.reset();
        assertThat(run(err, "spark", "audit", "faithfulness", "--model", dir.resolve("none.onnx").toString(), "--input",
                input.toString(), "--method", "saliency", "--out", dir.resolve("b").toString())).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--model").contains("none.onnx").contains("not found");
        err.reset();
        Path json = dir.resolve("rows.json");
        Files.writeString(json, "{\"id\": 1, \"values\": \"abc\"}\n");
        assertThat(run(err, "spark", "audit", "mean-abs", "--master", "local[2]", "--model", model, "--input",
                json.toString(), "--method", "saliency", "--out", dir.resolve("c").toString())).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("column 'values'").contains("string");
        assertThat(dir.resolve("c")).doesNotExist();
        err.reset();
        assertThat(run(err, "spark", "audit", "agreement", "--model", model, "--input", input.toString(), "--method",
                "saliency", "--out", dir.resolve("d").toString())).isEqualTo(Main.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--other-method");
    }
}
