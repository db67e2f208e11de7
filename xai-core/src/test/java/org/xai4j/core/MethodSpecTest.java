package org.xai4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xai4j.core.MethodSpec.Family;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.model.PredictionFunction;

class MethodSpecTest {
    record Steps(@Help("points") int steps) implements ExplainerConfig {
    }

    static final MethodSpec<PredictionFunction, Steps> SPEC = MethodSpec.of("my-method", Family.GRADIENT,
            PredictionFunction.class, Steps.class, g -> new Steps(3), (m, c) -> {
                throw new AssertionError("not built in this test");
            });

    @Test
    void namesAreKebabCase() {
        assertThat(SPEC.name()).isEqualTo("my-method");
        for (String bad : new String[] {"MyMethod", "my_method", "my--method", "-m", "", "m-"}) {
            assertThatThrownBy(() -> MethodSpec.of(bad, Family.GRADIENT, PredictionFunction.class, Steps.class,
                    g -> new Steps(1), (m, c) -> null)).as(bad).isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining("kebab case");
        }
    }

    @Test
    void aliasesParamsAndOptionsAccumulateOnCopies() {
        var s = SPEC.alias("n", "steps").param("both", "sets steps", c -> Integer.toString(c.steps()),
                (c, t) -> new Steps(Integer.parseInt(t)), "steps")
                .option(new MethodSpec.Option("of", "inner", "a", List.of("a", "b")));
        assertThat(SPEC.aliases()).isEmpty();
        assertThat(s.aliases()).containsExactly(Map.entry("n", "steps"));
        assertThat(s.params()).singleElement().satisfies(p -> assertThat(p.covers()).containsExactly("steps"));
        assertThat(s.options()).extracting(MethodSpec.Option::name).containsExactly("of");
    }

    @Test
    void createChecksTheModelCapabilityAndTheSettingsType() {
        assertThatThrownBy(() -> SPEC.create("not a model", new Steps(1), Map.of()))
                .isInstanceOf(UnsupportedModelException.class).hasMessageContaining("my-method needs a PredictionFunction");
        var gradients = MethodSpec.of("g", Family.GRADIENT, DifferentiableModel.class, Steps.class, g -> new Steps(1),
                (m, c) -> null);
        assertThatThrownBy(() -> gradients.create(PredictionFunction.of("f", x -> x), new Steps(1), Map.of()))
                .isInstanceOf(UnsupportedModelException.class).hasMessageContaining("DifferentiableModel");
        assertThatThrownBy(() -> SPEC.create(PredictionFunction.of("f", x -> x), null, Map.of()))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("takes Steps");
    }

    @Test
    void anUnknownNameListsTheClosestOnes() {
        // xai-core has no providers of its own: the registry is what the class path's modules list
        assertThat(MethodSpec.all()).isEmpty();
        assertThatThrownBy(() -> MethodSpec.named("saliency")).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("unknown method 'saliency'");
    }
}
