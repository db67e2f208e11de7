package org.xai4j.examples.dynamics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xai4j.metrics.dynamics.TrainingDynamics;
import org.xai4j.metrics.dynamics.TrainingHistory;

/** The most confused pairs of a planted history, counted by hand. */
class ConfusedPairsTest {
    @Test
    void pairsCountBothDirectionsAndAverageOverEpochs() {
        // labels 0,0,1,1,2,2; epoch 0: one 0→1, one 1→0, one 2→0; epoch 1: one 2→1 only
        int[] labels = {0, 0, 1, 1, 2, 2};
        int[][] predictions = {{1, 0, 0, 1, 0, 2}, {0, 0, 1, 1, 1, 2}};
        TrainingDynamics d = TrainingDynamics.of(TrainingHistory.of(predictions, labels, 3));
        List<String> names = List.of("a", "b", "c");
        List<Map<String, Object>> last = DynamicsStudy.confusedPairs(d, names, 1, 1);
        assertThat(last.get(0).get("pair")).isEqualTo("b ↔ c");
        assertThat(last.get(0).get("count")).isEqualTo(1.0);
        assertThat(last.get(0).get("c → b")).isEqualTo(1.0);
        assertThat(last.get(0).get("share_of_pair_images")).isEqualTo(0.25);
        List<Map<String, Object>> both = DynamicsStudy.confusedPairs(d, names, 0, 1);
        // a↔b: 2 confusions in epoch 0, 0 in epoch 1 → 1.0 per epoch; a↔c and b↔c: 0.5 per epoch
        assertThat(both.get(0).get("pair")).isEqualTo("a ↔ b");
        assertThat((Double) both.get(0).get("count")).isEqualTo(1.0);
        assertThat((Double) both.get(0).get("share_of_pair_images")).isEqualTo(0.25);
        assertThat((Double) both.get(1).get("count")).isEqualTo(0.5);
    }
}
