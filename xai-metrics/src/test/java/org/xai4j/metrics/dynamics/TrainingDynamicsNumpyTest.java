package org.xai4j.metrics.dynamics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xai4j.core.util.Json;

/**
 * Random histories saved by numpy (int64 classes, float32 probabilities) and summarised there with vectorised
 * numpy ({@code src/test/python/make_dynamics_refs.py}); the Java summary must equal it exactly (the rates are
 * the same ratios of small integers, so the doubles agree to the last bit).
 */
class TrainingDynamicsNumpyTest {
    @ParameterizedTest
    @ValueSource(strings = {"random-a", "random-b", "random-c", "random-d"})
    void equalsTheNumpyComputation(String name) throws Exception {
        Path dir = resource(name);
        TrainingHistory h = TrainingHistory.load(dir);
        Map<String, Object> expected = Json.readObject(Files.readString(dir.resolve("expected.json"), StandardCharsets.UTF_8));
        assertThat(h.classes()).isEqualTo(((Number) expected.get("classes")).intValue());
        assertThat(h.epochs()).isEqualTo(((Number) expected.get("epochs")).intValue());
        assertThat(h.size()).isEqualTo(((Number) expected.get("instances")).intValue());
        Map<String, Object> actual = Json.readObject(Json.write(TrainingDynamics.of(h).toMap()));
        for (String key : List.of("per_instance", "per_epoch_accuracy", "per_class_accuracy", "confusion", "flows")) {
            assertThat(actual.get(key)).as(name + " " + key).isEqualTo(expected.get(key));
        }
        assertThat(h.curveNames()).containsExactly("train_loss", "val_accuracy");
        assertThat(h.curves().get("val_accuracy")[0]).isNaN();
        assertThat(h.hasProbabilities()).isEqualTo(name.equals("random-c"));
    }

    static Path resource(String name) throws URISyntaxException, IOException {
        try (InputStream in = TrainingDynamicsNumpyTest.class.getResourceAsStream(name + "/expected.json")) {
            assertThat(in).as("resource " + name).isNotNull();
        }
        return Path.of(TrainingDynamicsNumpyTest.class.getResource(name + "/expected.json").toURI()).getParent();
    }
}
