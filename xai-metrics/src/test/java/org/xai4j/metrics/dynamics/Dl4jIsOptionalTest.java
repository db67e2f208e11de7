package org.xai4j.metrics.dynamics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Recording, saving, loading and summarising must work without DL4J on the class path ({@code deeplearning4j-nn}
 * is optional in {@code xai-metrics}): no class of this package may refer to {@code org.deeplearning4j} or to
 * ONNX Runtime (both cut from the {@code xai-models} dependency); only the {@code dl4j} sub-package may.
 */
class Dl4jIsOptionalTest {
    @Test
    void onlyTheListenerPackageRefersToDl4j() throws Exception {
        Path dir = Path.of(TrainingHistory.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/xai4j/metrics/dynamics");
        List<Path> classes;
        try (Stream<Path> s = Files.list(dir)) {
            classes = s.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertThat(classes).extracting(p -> p.getFileName().toString()).contains("TrainingHistory.class", "PredictionRecorder.class",
                "TrainingDynamics.class", "InstanceFlow.class");
        for (Path c : classes) {
            String constants = new String(Files.readAllBytes(c), StandardCharsets.ISO_8859_1);
            assertThat(constants).as(c.getFileName().toString()).doesNotContain("org/deeplearning4j").doesNotContain("ai/onnxruntime");
        }
        try (Stream<Path> s = Files.list(dir.resolve("dl4j"))) {
            assertThat(s.anyMatch(p -> {
                try {
                    return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains("org/deeplearning4j");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).as("the listener does refer to DL4J (the check can see references)").isTrue();
        }
    }
}
