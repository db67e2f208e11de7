package org.xai4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.util.BatchPolicy;

class SettingsTest {
    enum Mode { FAST, EXACT }

    record Example(@Help("points on the path") int steps, Mode mode, Baseline baseline, BatchPolicy batch,
                   int[] window, List<Mode> modes, String layer, double width, long seed) implements ExplainerConfig {
    }

    @Test
    void everyComponentInDeclarationOrderAsText() {
        Example e = new Example(50, Mode.EXACT, Baseline.constant(0.5), new BatchPolicy(16, 1024),
                new int[] {4, 2}, List.of(Mode.FAST, Mode.EXACT), null, 0.25, -3);
        Map<String, String> m = e.toMap();
        assertThat(m).containsExactly(
                Map.entry("steps", "50"),
                Map.entry("mode", "EXACT"),
                Map.entry("baseline", Baseline.constant(0.5).describe()),
                Map.entry("batch.maxRows", "16"),
                Map.entry("batch.memoryBudgetBytes", "1024"),
                Map.entry("window", "[4, 2]"),
                Map.entry("modes", "[FAST, EXACT]"),
                Map.entry("layer", "none"),
                Map.entry("width", "0.25"),
                Map.entry("seed", "-3"));
    }

    @Test
    void helpIsReadableFromTheComponent() {
        var c = Example.class.getRecordComponents()[0];
        assertThat(c.getAnnotation(Help.class).value()).isEqualTo("points on the path");
        assertThat(Example.class.getRecordComponents()[1].getAnnotation(Help.class)).isNull();
    }

    @Test
    void aConfigThatIsNotARecordMustSayItself() {
        ExplainerConfig notARecord = new ExplainerConfig() {
        };
        assertThatThrownBy(notARecord::toMap).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("not a record");
    }
}
