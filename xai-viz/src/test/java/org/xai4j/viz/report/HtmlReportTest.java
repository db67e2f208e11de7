package org.xai4j.viz.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.core.Provenance;
import org.xai4j.core.util.Json;
import org.xml.sax.InputSource;

class HtmlReportTest {
    private static final String EVIL = "<script>alert(\"x\")</script> & 'co'";

    private static BufferedImage image(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb ^ (x * 8 + y));
            }
        }
        return img;
    }

    private static Provenance provenance(String method) {
        Map<String, String> cfg = new LinkedHashMap<>();
        cfg.put("steps", "50");
        cfg.put("note", "a < b & c");
        return Provenance.of(new MethodDescriptor(method, cfg, Set.of()), "model-1", "class 3", "zeros", 7L);
    }

    static HtmlReport sample() {
        return builderWithSample().build();
    }

    static HtmlReport.Builder builderWithSample() {
        ReportInput a = ReportInput.builder("input " + EVIL, image(28, 28, 0x336699)).prediction("shirt").trueLabel("shirt")
                .topK(ClassScore.topK(List.of("t-shirt", "shirt", "coat"), new double[] {0.1, 0.7, 0.2}, 2))
                .method(new MethodResult("gradcam", image(28, 28, 0x993300), Duration.ofMillis(12), provenance("gradcam"), null))
                .method(new MethodResult("integrated-gradients", image(28, 28, 0x009933), Duration.ofMillis(340),
                        provenance("integrated-gradients"), "Δ = 1e-4"))
                .build();
        ReportInput b = ReportInput.builder("input 2", image(28, 28, 0x111111)).prediction("coat").trueLabel("shirt")
                .method(new MethodResult("gradcam", image(28, 28, 0x777777), Duration.ofMillis(14), provenance("gradcam"), null))
                .build();
        return HtmlReport.builder("Report " + EVIL).subtitle("sub " + EVIL).meta("model", "m " + EVIL)
                .input(a).input(b)
                .section(ReportSection.figure("Figure " + EVIL, image(50, 30, 0x123456), "caption " + EVIL))
                .section(ReportSection.table("Table " + EVIL, List.of("k", "v"),
                        List.of(List.of("x " + EVIL, "0.5"), List.of("y", "12.5 ms")), null))
                .section(ReportSection.text("Text " + EVIL, "para " + EVIL));
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setExpandEntityReferences(false);
        DocumentBuilder db = f.newDocumentBuilder();
        return db.parse(new InputSource(new StringReader(html)));
    }

    @Test
    void isWellFormedAndHasEverySection() throws Exception {
        String html = sample().toHtml();
        Document doc = parse(html); // throws on unbalanced or unescaped markup
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("html");
        List<String> h2 = texts(doc, "h2");
        assertThat(h2).containsExactly("Inputs", "Timings", "Figure " + EVIL, "Table " + EVIL, "Text " + EVIL);
        assertThat(texts(doc, "h1")).containsExactly("Report " + EVIL);
        assertThat(texts(doc, "h3")).containsExactly("input " + EVIL, "input 2");
        assertThat(doc.getElementsByTagName("article").getLength()).isEqualTo(2);
        // every method picture with its name and time; provenance of each as JSON that reads back
        assertThat(html).contains("12.0 ms").contains("340.0 ms").contains("14.0 ms");
        NodeList details = doc.getElementsByTagName("details");
        assertThat(details.getLength()).isEqualTo(3);
        for (int i = 0; i < details.getLength(); i++) {
            String json = ((Element) details.item(i)).getElementsByTagName("pre").item(0).getTextContent();
            Provenance p = Provenance.fromJson(json);
            assertThat(p.modelId()).isEqualTo("model-1");
            assertThat(p.config()).containsEntry("note", "a < b & c");
        }
        // timing summary: gradcam ran twice (12 and 14 ms)
        assertThat(html).contains("<td>gradcam</td><td class=\"num\">2</td><td class=\"num\">13.0 ms</td>");
        // verdicts
        assertThat(html).contains("verdict ok\">correct").contains("verdict bad\">wrong");
        // nav links point at existing ids
        Matcher m = Pattern.compile("href=\"#([^\"]+)\"").matcher(html);
        int links = 0;
        while (m.find()) {
            assertThat(html).contains("id=\"" + m.group(1) + "\"");
            links++;
        }
        assertThat(links).isEqualTo(5);
    }

    private static List<String> texts(Document doc, String tag) {
        NodeList l = doc.getElementsByTagName(tag);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < l.getLength(); i++) {
            out.add(l.item(i).getTextContent());
        }
        return out;
    }

    @Test
    void escapesEveryTextAndRunsNoScript() {
        String html = sample().toHtml();
        assertThat(html).doesNotContain("<script").doesNotContain("</script");
        assertThat(html).contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;");
        assertThat(html).doesNotContainPattern("(?i)<(link|iframe|object|embed)\\b");
        assertThat(html).doesNotContain("http://").doesNotContain("https://");
        assertThat(Html.escape("a<b>&\"'")).isEqualTo("a&lt;b&gt;&amp;&quot;&#39;");
        assertThat(Html.escape("bell\u0007")).isEqualTo("bell\uFFFD");
    }

    @Test
    void embedsEveryImageAsAPngDataUri() throws Exception {
        String html = sample().toHtml();
        Matcher m = Pattern.compile("<img[^>]* src=\"([^\"]*)\"").matcher(html);
        List<String> srcs = new ArrayList<>();
        while (m.find()) {
            srcs.add(m.group(1));
        }
        // 2 inputs + 3 method pictures + 1 figure
        assertThat(srcs).hasSize(6);
        for (String s : srcs) {
            assertThat(s).startsWith("data:image/png;base64,");
        }
        BufferedImage figure = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(srcs.get(5).substring("data:image/png;base64,".length()))));
        BufferedImage expected = image(50, 30, 0x123456);
        assertThat(figure.getWidth()).isEqualTo(50);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 50; x++) {
                assertThat(figure.getRGB(x, y)).isEqualTo(expected.getRGB(x, y));
            }
        }
        // small inputs are shown enlarged (128 px) without smoothing
        assertThat(html).contains("class=\"pix\" src=\"data:image/png;base64,");
        assertThat(html).contains("width=\"128\" height=\"128\"");
    }

    @Test
    void writesUtf8File(@TempDir Path dir) throws Exception {
        Path f = sample().write(dir.resolve("sub/report.html"));
        String text = Files.readString(f, StandardCharsets.UTF_8);
        assertThat(text).startsWith("<!DOCTYPE html>").contains("Δ = 1e-4");
        parse(text);
    }

    @Test
    void prettyJsonReadsBack() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", List.of(1L, 2.5, "x\"y"));
        m.put("b", Map.of());
        m.put("c", null);
        String pretty = Html.prettyJson(m);
        assertThat(pretty).contains("\n  \"a\": [\n    1,");
        assertThat(Json.read(pretty)).isEqualTo(m);
    }

    @Test
    void badReportsAreRejected() {
        assertThatThrownBy(() -> HtmlReport.builder("t").build()).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> HtmlReport.builder(" ").section(ReportSection.text("x")).build())
                .isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> ReportSection.table("t", List.of("a", "b"), List.of(List.of("1")), null))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("row 0 has 1");
        assertThatThrownBy(() -> new ClassScore("x", Double.NaN)).isInstanceOf(NonFiniteValueException.class);
        assertThatThrownBy(() -> new ClassScore("x", 1.5)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> new MethodResult("m", null, null, null, null)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> ReportSection.figure("f", null, null)).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> ClassScore.topK(List.of("a"), new double[] {0.5, 0.5}, 1))
                .isInstanceOf(InvalidShapeException.class);
    }
}
