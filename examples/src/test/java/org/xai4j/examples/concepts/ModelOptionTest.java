package org.xai4j.examples.concepts;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.examples.ExampleOptions;
import org.xai4j.examples.dynamics.DynamicsStudy;

/** Both Fashion-MNIST studies record their own training, so they refuse --model in plain words, before any work. */
class ModelOptionTest {
    @Test
    void modelOptionIsRefusedWithTheFileNamed() {
        ExampleOptions o = ExampleOptions.of(Path.of("unused-out")).withModel(Path.of("net.onnx"));
        assertThatThrownBy(() -> ConceptsStudy.run(o)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("--model").hasMessageContaining("net.onnx");
        assertThatThrownBy(() -> DynamicsStudy.run(o)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("--model").hasMessageContaining("net.onnx");
    }
}
