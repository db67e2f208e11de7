package org.xai4j.metrics.dynamics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xai4j.core.InvalidConfigException;

class ShownInstancesTest {
    // three epochs (rows) of three instances (columns); labels 0, 1, 1
    private static final TrainingHistory H = TrainingHistory.of(new int[][] {{1, 1, 0}, {1, 1, 1}, {1, 1, 0}},
            new int[] {0, 1, 1}, 2);

    @Test
    void theRowsFollowTheShownOrderWithTheirCountsByHand() {
        ShownInstances s = ShownInstances.of(H, TrainingDynamics.of(H), new int[] {2, 0});
        // instance 2 went 0, 1, 0 against label 1: two changes in two steps, two classes, wrong twice in three
        // instance 0 stayed at 1 against label 0: no change, one class, always wrong
        assertThat(s.predictions()).isDeepEqualTo(new int[][] {{0, 1, 0}, {1, 1, 1}});
        assertThat(s.labels()).containsExactly(1, 0);
        assertThat(s.frequency()).containsExactly(1.0, 0.0);
        assertThat(s.variability()).containsExactly(2, 1);
        assertThat(s.misclassificationRate()).containsExactly(2 / 3.0, 1.0);
    }

    @Test
    void anInstanceOutsideTheHistoryOrDynamicsOfAnotherHistoryAreRefused() {
        assertThatThrownBy(() -> ShownInstances.of(H, TrainingDynamics.of(H), new int[] {3}))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("shown instance 3");
        TrainingHistory other = TrainingHistory.of(new int[][] {{0, 1}}, new int[] {0, 1}, 2);
        assertThatThrownBy(() -> ShownInstances.of(H, TrainingDynamics.of(other), new int[] {0}))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("2 instances over 1 epochs");
    }
}
