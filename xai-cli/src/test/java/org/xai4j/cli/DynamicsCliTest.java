package org.xai4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.util.Json;
import org.xai4j.models.io.Npy;
import org.xai4j.viz.image.Png;

/** {@code xai dynamics}: the contract's files and JSON keys, on a history whose numbers are worked out by hand. */
class DynamicsCliTest {
    @TempDir
    Path dir;

    // labels (0, 1, 2); epochs are rows. By hand: changes 1, 2, 3 → frequency 1/3, 2/3, 1; classes visited 2, 2, 3;
    // wrong 1, 1, 3 of 4 epochs; accuracy per epoch 1/3, 2/3, 2/3, 2/3; flows e0→e1 {{0,1,0},{1,1,0},{0,0,0}} …
    static final long[][] P = {{1, 1, 0}, {0, 1, 1}, {0, 2, 2}, {0, 1, 1}};
    static final long[] Y = {0, 1, 2};

    Path write(String name, org.nd4j.linalg.api.ndarray.INDArray a) {
        Path p = dir.resolve(name);
        Npy.write(a, p);
        return p;
    }

    @SuppressWarnings("unchecked")
    @Test
    void writesTheContractFilesWithHandComputedValues() throws Exception {
        Path p = write("p.npy", Nd4j.createFromArray(P));
        Path y = write("y.npy", Nd4j.createFromArray(Y));
        Path c = dir.resolve("c.json");
        Files.writeString(c, "{\"train_loss\": [1.2, 0.9, 0.7, 0.6], \"val_loss\": [1.3, 1.0, null, 0.8]}");
        Path x = write("x.npy", Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 1, 8, 8));
        Path out = dir.resolve("out");
        CliTest.Run r = CliTest.xai("dynamics", "--predictions", p.toString(), "--labels", y.toString(), "--curves", c.toString(),
                "--images", x.toString(), "--classes", "cat,dog,frog", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("4 epochs × 3 instances, 3 classes");
        assertThat(r.err()).isEmpty();
        for (String f : List.of("dynamics.json", "instance-flow.png", "confusion-evolution.png", "dynamics.html", "instance-flow.svg",
                "confusion-evolution.svg")) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        assertThat(Png.read(out.resolve("instance-flow.png")).getWidth()).isGreaterThan(600);
        Map<String, Object> j = Json.readObject(Files.readString(out.resolve("dynamics.json")));
        Map<String, Object> pi = (Map<String, Object>) j.get("per_instance");
        assertThat(pi.get("frequency")).isEqualTo(List.of(1 / 3.0, 2 / 3.0, 1.0));
        assertThat(pi.get("variability")).isEqualTo(List.of(2L, 2L, 3L));
        assertThat(pi.get("misclassification_rate")).isEqualTo(List.of(0.25, 0.25, 0.75));
        assertThat(pi.get("correct_from_epoch")).isEqualTo(List.of(1L, 3L, -1L));
        assertThat(j.get("per_epoch_accuracy")).isEqualTo(List.of(1 / 3.0, 2 / 3.0, 2 / 3.0, 2 / 3.0));
        List<Object> flows = (List<Object>) j.get("flows");
        assertThat(flows).hasSize(3);
        assertThat(flows.get(0)).isEqualTo(List.of(List.of(0L, 1L, 0L), List.of(1L, 1L, 0L), List.of(0L, 0L, 0L)));
        assertThat(flows.get(2)).isEqualTo(List.of(List.of(1L, 0L, 0L), List.of(0L, 0L, 0L), List.of(0L, 2L, 0L)));
        assertThat(((Map<String, Object>) j.get("curves")).get("val_loss")).isEqualTo(java.util.Arrays.asList(1.3, 1.0, null, 0.8));
        assertThat(j.get("unstable")).isEqualTo(List.of(2L, 1L, 0L));

        String html = Files.readString(out.resolve("dynamics.html"), StandardCharsets.UTF_8);
        assertThat(html).doesNotContain("src=\"http").doesNotContain("href=\"http").contains("Explore instances").contains("cat");
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"data\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).isTrue();
        Map<String, Object> data = Json.readObject(m.group(1).replace("<\\/", "</"));
        List<Map<String, Object>> rows = (List<Map<String, Object>>) data.get("rows");
        assertThat(rows).hasSize(3);
        // Rows follow the misclassification order: instance 2 (wrong 3×) first; its history is column 2 of P.
        assertThat(rows.get(0).get("i")).isEqualTo(2L);
        assertThat(rows.get(0).get("p")).isEqualTo(List.of(0L, 1L, 2L, 1L));
        assertThat((String) rows.get(0).get("img")).startsWith("data:image/png;base64,");
    }

    @Test
    void sectionsGoIntoAnHtmlReport() throws Exception {
        org.xai4j.metrics.dynamics.TrainingHistory h = org.xai4j.metrics.dynamics.TrainingHistory.of(
                new int[][] {{1, 1, 0}, {0, 1, 1}, {0, 2, 2}, {0, 1, 1}}, new int[] {0, 1, 2}, 3);
        List<org.xai4j.viz.report.ReportSection> sections = DynamicsReport.sections(h, DynamicsReport.Settings.DEFAULTS);
        assertThat(sections).extracting(org.xai4j.viz.report.ReportSection::title)
                .containsExactly("Instance flow", "Confusion evolution", "Accuracy per class", "Most unstable instances", "Never learned");
        org.xai4j.viz.report.ReportSection.Table perClass = (org.xai4j.viz.report.ReportSection.Table) sections.get(2);
        // Each class has one instance; epoch 1 gets only class 1 right, epoch 4 classes 0 and 1.
        assertThat(perClass.rows()).containsExactly(List.of("0 class 0", "1", "0.0 %", "100.0 %"),
                List.of("1 class 1", "1", "100.0 %", "100.0 %"), List.of("2 class 2", "1", "0.0 %", "0.0 %"));
        org.xai4j.viz.report.HtmlReport.Builder b = org.xai4j.viz.report.HtmlReport.builder("with dynamics");
        sections.forEach(b::section);
        String html = b.build().toHtml();
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        org.w3c.dom.Document doc = f.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(html)));
        assertThat(doc.getElementsByTagName("img").getLength()).isGreaterThanOrEqualTo(2);
    }

    @SuppressWarnings("unchecked")
    @Test
    void flowFilters() throws Exception {
        Path p = write("p.npy", Nd4j.createFromArray(P));
        Path y = write("y.npy", Nd4j.createFromArray(Y));
        Path out = dir.resolve("f");
        CliTest.Run r = CliTest.xai("dynamics", "--predictions", p.toString(), "--labels", y.toString(), "--flow-epochs", "1,4",
                "--flow-class", "2", "--flow-changed", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, Object> fv = (Map<String, Object>) Json.readObject(Files.readString(out.resolve("dynamics.json"))).get("flow_view");
        assertThat(fv.get("epochs")).isEqualTo(List.of(0L, 3L));
        assertThat(fv.get("instances")).isEqualTo(1L);
    }

    @Test
    void badInputGetsATypedMessageAndExitCode() throws Exception {
        Path p = write("p.npy", Nd4j.createFromArray(P));
        Path y2 = write("y2.npy", Nd4j.createFromArray(new long[] {0, 1}));
        Path out = dir.resolve("bad");
        CliTest.Run r = CliTest.xai("dynamics", "--predictions", p.toString(), "--labels", y2.toString(), "--out", out.toString());
        assertThat(r.code()).isEqualTo(Main.FAILURE);
        assertThat(r.err()).contains("hold 3 instances per epoch").contains("hold 2");

        Path q = write("q.npy", Nd4j.createFromArray(new float[][][] {{{0.9f, 0.1f}, {0.2f, 0.8f}, {0.5f, 0.5f}}}));
        Path p1 = write("p1.npy", Nd4j.createFromArray(new long[][] {{0, 1, 2}}));
        Path y = write("y.npy", Nd4j.createFromArray(Y));
        r = CliTest.xai("dynamics", "--predictions", p1.toString(), "--labels", y.toString(), "--probabilities", q.toString(), "--out",
                out.toString());
        assertThat(r.code()).isEqualTo(Main.FAILURE);
        assertThat(r.err()).contains("label of instance 2 is 2, outside the classes 0..1");

        Path one = write("one.npy", Nd4j.createFromArray(new long[][] {{0, 1, 2}}));
        r = CliTest.xai("dynamics", "--predictions", one.toString(), "--labels", y.toString(), "--out", out.toString());
        assertThat(r.code()).isEqualTo(Main.FAILURE);
        assertThat(r.err()).contains("flow view needs predictions of at least two epochs but the history has 1");

        Path qn = write("qn.npy", Nd4j.createFromArray(new float[][][] {{{0.9f, 0.1f, 0f}, {0.2f, 0.8f, 0f}, {0f, Float.NaN, 1f}}}));
        r = CliTest.xai("dynamics", "--predictions", one.toString(), "--labels", y.toString(), "--probabilities", qn.toString(), "--out",
                out.toString());
        assertThat(r.code()).isEqualTo(Main.FAILURE);
        assertThat(r.err()).contains("probabilities hold NaN at epoch 0, instance 2, class 1");

        r = CliTest.xai("dynamics", "--predictions", dir.resolve("nope.npy").toString(), "--labels", y.toString(), "--out", out.toString());
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--predictions: file not found");

        r = CliTest.xai("dynamics", "--predictions", p.toString(), "--labels", y.toString(), "--flow-class", "3", "--out", out.toString());
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--flow-class must be a class in 0..2 but was 3");
        r = CliTest.xai("dynamics", "--predictions", p.toString(), "--labels", y.toString(), "--classes", "a,b", "--out", out.toString());
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--classes names 2 classes but the data have 3");
        r = CliTest.xai("dynamics", "--predictions", p.toString(), "--labels", y.toString(), "--flow-epochs", "1,9", "--out", out.toString());
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--flow-epochs holds 9 but the predictions have epochs 1..4");
        r = CliTest.xai("dynamics", "--predictions", p.toString(), "--labels", y.toString(), "--order", "sideways", "--out", out.toString());
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--order must be one of");
    }
}
