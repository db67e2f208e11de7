package org.xai4j.viz.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.util.Json;
import org.xai4j.viz.image.Png;

/**
 * The interactive dynamics page: its data and markup here, and its script in headless Chromium (skipped, with
 * the reason, where no Chromium is installed): the page is loaded with a state in its fragment (epochs 2–4,
 * sorted by changes, instance 12 shown) and the DOM after the script ran must hold the values worked out by hand.
 */
class DynamicsPageTest {
    @TempDir
    Path dir;

    // Instances 10, 11, 12 with labels a, b, c; predicted class after epochs 1..4.
    static final int[][] HISTORY = {{1, 0, 0, 0}, {1, 1, 2, 1}, {0, 1, 2, 1}};

    static DynamicsPage page() {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        List<BufferedImage> thumbs = new ArrayList<>();
        thumbs.add(img);
        thumbs.add(null);
        thumbs.add(img);
        return new DynamicsPage("Training dynamics <test>", Map.of("epochs", "4"), List.of("a", "b", "c"),
                List.of(new ReportSection.Figure("Instance flow", img, "caption"),
                        new ReportSection.Table("Never learned", List.of("instance"), List.of(), "none")),
                new DynamicsPage.Rows(new int[] {10, 11, 12}, new int[] {0, 1, 2}, HISTORY, thumbs, "All 3 instances."));
    }

    @SuppressWarnings("unchecked")
    @Test
    void markupAndDataAreSelfContained() throws Exception {
        String html = page().toHtml();
        assertThat(html).contains("Training dynamics &lt;test&gt;").contains("All 3 instances.").contains("Explore instances")
                .doesNotContain("src=\"http").doesNotContain("href=\"http").doesNotContain("<link");
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"data\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).isTrue();
        Map<String, Object> d = Json.readObject(m.group(1).replace("<\\/", "</"));
        assertThat(d.get("epochs")).isEqualTo(4L);
        assertThat(d.get("colours")).isEqualTo(List.of("#1f77b4", "#ff7f0e", "#2ca02c"));
        List<Map<String, Object>> rows = (List<Map<String, Object>>) d.get("rows");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(2).get("p")).isEqualTo(List.of(0L, 1L, 2L, 1L));
        assertThat(rows.get(1)).doesNotContainKey("img");
        assertThat((String) rows.get(0).get("img")).startsWith("data:image/png;base64,");
    }

    @Test
    void badRowsAreRefused() {
        assertThatThrownBy(() -> new DynamicsPage.Rows(new int[] {0, 1}, new int[] {0}, new int[][] {{0}, {1}}, null, null))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("2 indices, 1 labels");
        assertThatThrownBy(() -> new DynamicsPage("t", null, List.of("a"), null,
                new DynamicsPage.Rows(new int[] {0}, new int[] {0}, new int[][] {{1}}, null, null)))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("class 1, outside 0..0");
    }

    static String chromium() {
        String env = System.getenv("XAI4J_CHROMIUM");
        if (env != null && new File(env).canExecute()) {
            return env;
        }
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                File f = new File(d, name);
                if (f.canExecute()) {
                    return f.getPath();
                }
            }
        }
        return null;
    }

    static String run(List<String> cmd, Path log) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void scriptRunsInHeadlessChromium() throws Exception {
        String browser = chromium();
        String missing = "no Chromium found (chromium, chromium-browser, google-chrome on PATH, or XAI4J_CHROMIUM): "
                + "the dynamics page's browser check is skipped";
        // .ci/run installs chromium and sets XAI4J_REQUIRE_BROWSER=1: there a missing browser fails instead of skipping
        assertThat(browser != null || System.getenv("XAI4J_REQUIRE_BROWSER") == null).as(missing).isTrue();
        Assumptions.assumeTrue(browser != null, missing);
        Path file = page().write(dir.resolve("dynamics.html"));
        String url = file.toUri() + "#from=2&to=4&sort=changes&dir=desc&show=2";
        List<String> base = List.of(browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                "--user-data-dir=" + dir.resolve("profile"));
        List<String> dump = new ArrayList<>(base);
        dump.add("--dump-dom");
        dump.add(url);
        String dom = run(dump, dir.resolve("dump.log"));
        // Over epochs 2..4: instance 10 (0 0 0, label a) 0 changes, 1 class, never wrong, correct from epoch 2;
        // instance 11 (1 2 1, label b) 2 changes, 2 classes, wrong 1/3, correct from epoch 4;
        // instance 12 (1 2 1, label c) 2 changes, 2 classes, wrong 2/3, never. Sorted by changes, ties by row.
        Matcher rows = Pattern.compile("<tr data-n=\"(\\d)\">(.*?)</tr>").matcher(dom);
        List<String> order = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        while (rows.find()) {
            order.add(rows.group(1));
            cells.add(rows.group(2).replaceAll("<[^>]+>", "|").replaceAll("\\|+", "|"));
        }
        assertThat(order).as(dom.length() > 2000 ? dom.substring(0, 2000) : dom).containsExactly("1", "2", "0");
        assertThat(cells.get(0)).isEqualTo("|11|1 b|1 b|2|2|0.333|4|");
        assertThat(cells.get(1)).isEqualTo("|12|2 c|1 b|2|2|0.667|never|");
        assertThat(cells.get(2)).isEqualTo("|10|0 a|0 a|0|1|0.000|2|");
        // The flow from epoch 2 to epoch 4: a→a 1, b→b 2.
        assertThat(dom).contains("Flow of these instances from epoch 2 (rows) to epoch 4 (columns)");
        Matcher flow = Pattern.compile("<table class=\"data\" id=\"flow\">(.*?)</table>", Pattern.DOTALL).matcher(dom);
        assertThat(flow.find()).isTrue();
        List<String> counts = new ArrayList<>();
        Matcher td = Pattern.compile("<td class=\"num\"[^>]*>(\\d+)</td>").matcher(flow.group(1));
        while (td.find()) {
            counts.add(td.group(1));
        }
        assertThat(counts).containsExactly("1", "0", "0", "0", "2", "0", "0", "0", "0");
        assertThat(dom).contains("<h3>instance 12</h3>").contains("title=\"epoch 3: 2 c\"");
        assertThat(dom).contains("statistics over epochs 2 to 4 (3 epochs)");

        List<String> shot = new ArrayList<>(base);
        Path png = dir.resolve("shot.png");
        shot.add("--screenshot=" + png);
        shot.add("--window-size=1200,1400");
        shot.add(url);
        run(shot, dir.resolve("shot.log"));
        BufferedImage img = Png.read(png);
        assertThat(img.getWidth()).isEqualTo(1200);
        long nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y += 4) {
            for (int x = 0; x < img.getWidth(); x += 4) {
                if ((img.getRGB(x, y) & 0xffffff) != 0xffffff) {
                    nonWhite++;
                }
            }
        }
        assertThat(nonWhite).as("drawn pixels in the screenshot").isGreaterThan(1000);
    }
}
