package org.xai4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xai4j.core.util.Json;

/**
 * Every study in quick mode: index.html names every figure, every figure exists as a PNG, summary.json has the
 * study's keys, and every number in it is finite.
 */
class ExamplesQuickTest {
    static final Map<String, List<String>> KEYS = Map.of(
            AgreementStudy.NAME, List.of("accuracy", "ece", "temperature", "agreement", "seconds"));

    static List<String> studies() {
        return List.copyOf(Examples.STUDIES.keySet());
    }

    @ParameterizedTest
    @MethodSource("studies")
    void runsInQuickModeWithCompleteOutput(String name, @TempDir Path out) throws Exception {
        StudyWriter w = Examples.run(name, ExampleOptions.of(out).withQuick(true));
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
