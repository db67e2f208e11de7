package org.xai4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xai4j.core.util.Json;

/**
 * Every study in quick mode: index.html names every figure, every figure exists as a PNG, summary.json has the
 * study's keys, and every number in it is finite. Each index page is then rendered by headless Chromium
 * ({@code /usr/bin/chromium}) into {@code target/example-screenshots/NAME.png}; where no browser is installed that
 * check is skipped with a message saying so.
 */
class ExamplesQuickTest {
    static final Map<String, List<String>> KEYS = Map.of(
            AgreementStudy.NAME, List.of("accuracy", "accuracy_gap", "ece", "temperature", "agreement", "seconds"),
            org.xai4j.examples.shortcut.ShortcutStudy.NAME, List.of("accuracy", "ring_relevance_share", "ring_finder",
                    "crp_channel_correlation", "seconds"),
            org.xai4j.examples.concepts.ConceptsStudy.NAME, List.of("accuracy", "ice", "per_epoch_accuracy",
                    "unstable_instances", "most_unstable_classes", "seconds", "cpu_seconds"),
            org.xai4j.examples.dynamics.DynamicsStudy.NAME, List.of("accuracy", "most_confused_pairs",
                    "per_epoch_accuracy", "unstable_instances", "seconds", "cpu_seconds"),
            org.xai4j.examples.lesions.LesionsStudy.NAME, List.of("accuracy", "accuracy_per_class", "dice",
                    "entropy_per_class", "region_shares", "seconds"));

    static List<String> studies() {
        return List.copyOf(Examples.STUDIES.keySet());
    }

    static final Path BROWSER = Path.of("/usr/bin/chromium");

    @TempDir
    static Path root;

    static final Map<String, StudyWriter> RUNS = new java.util.concurrent.ConcurrentHashMap<>();

    static synchronized StudyWriter runOnce(String name) {
        return RUNS.computeIfAbsent(name, n -> Examples.run(n, ExampleOptions.of(root.resolve(n)).withQuick(true)));
    }

    @ParameterizedTest
    @MethodSource("studies")
    void runsInQuickModeWithCompleteOutput(String name) throws Exception {
        StudyWriter w = runOnce(name);
        Path out = w.folder();
        String page = Files.readString(out.resolve(StudyWriter.INDEX), StandardCharsets.UTF_8);
        assertThat(w.figures()).isNotEmpty();
        for (String f : w.figures()) {
            assertThat(out.resolve(f)).isRegularFile();
            assertThat(Files.size(out.resolve(f))).isGreaterThan(500);
            assertThat(page).contains("data-file=\"" + f + "\"");
        }
        Map<String, Object> summary = Json.readObject(Files.readString(out.resolve(StudyWriter.SUMMARY)));
        assertThat(KEYS).containsKey(name);
        assertThat(summary).containsKeys(KEYS.get(name).toArray(String[]::new));
        assertFinite(name, summary);
    }

    @ParameterizedTest
    @MethodSource("studies")
    void indexPageRendersInHeadlessChromium(String name) throws Exception {
        String missing = "no browser at " + BROWSER + ": the index pages were not rendered (install chromium to check them)";
        // .ci/run installs chromium and sets XAI4J_REQUIRE_BROWSER=1: there a missing browser fails instead of skipping
        assertThat(Files.isExecutable(BROWSER) || System.getenv("XAI4J_REQUIRE_BROWSER") == null).as(missing).isTrue();
        Assumptions.assumeTrue(Files.isExecutable(BROWSER), missing);
        Path page = runOnce(name).folder().resolve(StudyWriter.INDEX).toAbsolutePath();
        Path shots = Path.of("target", "example-screenshots").toAbsolutePath();
        Files.createDirectories(shots);
        Path shot = shots.resolve(name + ".png");
        Files.deleteIfExists(shot);
        Process p = new ProcessBuilder(BROWSER.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--window-size=1200,2400", "--screenshot=" + shot, page.toUri().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(shot).isRegularFile();
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(shot.toFile());
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                colours.add(img.getRGB(x, y));
            }
        }
        // text alone gives a few dozen grey levels; the embedded heatmaps and charts give hundreds of colours
        assertThat(colours.size()).as("distinct colours in the screenshot of " + page).isGreaterThan(500);
    }

    static void assertFinite(String path, Object v) {
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, x) -> assertFinite(path + "." + k, x));
        } else if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                assertFinite(path + "[" + i + "]", l.get(i));
            }
        } else if (v instanceof Number n) {
            assertThat(Double.isFinite(n.doubleValue())).as(path + " = " + n).isTrue();
        } else {
            assertThat(v).as(path).isNotNull();
        }
    }
}
