package org.xai4j.metrics.dynamics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.util.Json;

/** {@link TrainingDynamics} and {@link InstanceFlow} on histories small enough to work out by hand. */
class TrainingDynamicsTest {
    // labels y = (0, 1, 2); rows are epochs.
    //   instance 0: 1 0 0 0  (y = 0)  1 change, 2 classes, wrong once, correct from epoch 1, no forgetting
    //   instance 1: 1 1 2 1  (y = 1)  2 changes, 2 classes, wrong once (e2), correct from 3, forgot once (e1→e2)
    //   instance 2: 0 1 2 1  (y = 2)  3 changes, 3 classes, wrong 3×, never stays correct, forgot once (e2→e3)
    static final int[] Y = {0, 1, 2};
    static final int[][] P = {{1, 1, 0}, {0, 1, 1}, {0, 2, 2}, {0, 1, 1}};

    static TrainingHistory hand() {
        return TrainingHistory.of(P, Y, 3);
    }

    @Test
    void perInstanceValuesMatchTheHandCount() {
        TrainingDynamics d = TrainingDynamics.of(hand());
        assertThat(d.changes()).containsExactly(1, 2, 3);
        assertThat(d.frequency()).containsExactly(1 / 3.0, 2 / 3.0, 1.0);
        assertThat(d.variability()).containsExactly(2, 2, 3);
        assertThat(d.misclassificationRate()).containsExactly(0.25, 0.25, 0.75);
        assertThat(d.correctFrom()).containsExactly(1, 3, -1);
        assertThat(d.forgettingEvents()).containsExactly(0, 1, 1);
    }

    @Test
    void perEpochAndClassValuesMatchTheHandCount() {
        TrainingDynamics d = TrainingDynamics.of(hand());
        assertThat(d.epochAccuracy()).containsExactly(1 / 3.0, 2 / 3.0, 2 / 3.0, 2 / 3.0);
        double[][] ca = d.classAccuracy();
        assertThat(ca[0]).containsExactly(0, 1, 0);
        assertThat(ca[1]).containsExactly(1, 1, 0);
        assertThat(ca[2]).containsExactly(1, 0, 1);
        assertThat(ca[3]).containsExactly(1, 1, 0);
        assertThat(d.confusion(2)).isDeepEqualTo(new long[][] {{1, 0, 0}, {0, 0, 1}, {0, 0, 1}});
        assertThat(d.classCounts()).containsExactly(1, 1, 1);
    }

    @Test
    void flowsMatchTheHandCount() {
        long[][][] f = TrainingDynamics.of(hand()).flows();
        assertThat(f).hasNumberOfRows(3);
        // e0→e1: i0 1→0, i1 1→1, i2 0→1
        assertThat(f[0]).isDeepEqualTo(new long[][] {{0, 1, 0}, {1, 1, 0}, {0, 0, 0}});
        // e1→e2: i0 0→0, i1 1→2, i2 1→2
        assertThat(f[1]).isDeepEqualTo(new long[][] {{1, 0, 0}, {0, 0, 2}, {0, 0, 0}});
        // e2→e3: i0 0→0, i1 2→1, i2 2→1
        assertThat(f[2]).isDeepEqualTo(new long[][] {{1, 0, 0}, {0, 0, 0}, {0, 2, 0}});
    }

    @Test
    void unstableAndNeverLearnedLists() {
        TrainingDynamics d = TrainingDynamics.of(hand());
        assertThat(d.unstable()).containsExactly(2, 1, 0);
        assertThat(TrainingDynamics.of(hand(), DynamicsConfig.DEFAULTS.withUnstableFrequency(0.5)).unstable()).containsExactly(2, 1);
        assertThat(TrainingDynamics.of(hand(), DynamicsConfig.DEFAULTS.withUnstableFrequency(1.0)).unstable()).containsExactly(2);
        assertThat(d.neverLearned()).isEmpty();
        // Instance 0 always wrong, instance 1 always right, instance 2 right only in the middle.
        TrainingDynamics c = TrainingDynamics.of(TrainingHistory.of(new int[][] {{1, 1, 0}, {1, 1, 1}, {1, 1, 0}}, new int[] {0, 1, 1}, 2));
        assertThat(c.neverLearned()).containsExactly(0);
        assertThat(c.correctFrom()).containsExactly(-1, 0, -1);
        assertThat(c.forgettingEvents()).containsExactly(0, 0, 1);
    }

    @Test
    void oneEpoch() {
        TrainingDynamics d = TrainingDynamics.of(TrainingHistory.of(new int[][] {{0, 2, 1}}, Y, 3));
        assertThat(d.frequency()).containsExactly(0, 0, 0);
        assertThat(d.changes()).containsExactly(0, 0, 0);
        assertThat(d.variability()).containsExactly(1, 1, 1);
        assertThat(d.misclassificationRate()).containsExactly(0, 1, 1);
        assertThat(d.correctFrom()).containsExactly(0, -1, -1);
        assertThat(d.flows()).isEmpty();
        assertThat(d.unstable()).isEmpty();
        assertThat(d.neverLearned()).containsExactly(1, 2);
        assertThatThrownBy(() -> InstanceFlow.of(TrainingHistory.of(new int[][] {{0, 2, 1}}, Y, 3)))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("at least two epochs").hasMessageContaining("has 1");
    }

    @Test
    void oneClass() {
        TrainingDynamics d = TrainingDynamics.of(TrainingHistory.of(new int[][] {{0, 0}, {0, 0}, {0, 0}}, new int[] {0, 0}, 1));
        assertThat(d.epochAccuracy()).containsExactly(1, 1, 1);
        assertThat(d.frequency()).containsExactly(0, 0);
        assertThat(d.variability()).containsExactly(1, 1);
        assertThat(d.correctFrom()).containsExactly(0, 0);
        assertThat(d.flows()[1]).isDeepEqualTo(new long[][] {{2}});
    }

    @Test
    void allConstantWrong() {
        // Every epoch predicts class 2 for everyone: no change, one class visited, labels 0 and 1 never learned.
        int[][] p = new int[5][];
        Arrays.setAll(p, e -> new int[] {2, 2, 2, 2});
        TrainingDynamics d = TrainingDynamics.of(TrainingHistory.of(p, new int[] {0, 1, 2, 2}, 3));
        assertThat(d.frequency()).containsOnly(0.0);
        assertThat(d.variability()).containsOnly(1);
        assertThat(d.misclassificationRate()).containsExactly(1, 1, 0, 0);
        assertThat(d.correctFrom()).containsExactly(-1, -1, 0, 0);
        assertThat(d.neverLearned()).containsExactly(0, 1);
        assertThat(d.epochAccuracy()).containsOnly(0.5);
        assertThat(d.classAccuracy()[4]).containsExactly(0, 0, 1);
        assertThat(d.flows()).as("5 epochs: 4 transitions (else the loop below checks nothing)").hasNumberOfRows(4);
        for (long[][] f : d.flows()) {
            assertThat(f).isDeepEqualTo(new long[][] {{0, 0, 0}, {0, 0, 0}, {0, 0, 4}});
        }
    }

    @Test
    void aClassWithoutInstancesHasUndefinedAccuracyWrittenAsNull() {
        TrainingDynamics d = TrainingDynamics.of(TrainingHistory.of(new int[][] {{0, 2}, {2, 2}}, new int[] {0, 2}, 3));
        assertThat(d.classAccuracy()[0][1]).isNaN();
        assertThat(d.classAccuracy()[1]).containsExactly(0, Double.NaN, 1);
        String json = Json.write(d.toMap());
        assertThat(json).contains("\"per_class_accuracy\":[[1.0,null,1.0],[0.0,null,1.0]]");
    }

    @Test
    void tiesInProbabilitiesGoToTheLowestClass() {
        float[][] q = {{0.5f, 0.5f, 0f, /* */ 0.2f, 0.4f, 0.4f}};
        TrainingHistory h = TrainingHistory.ofProbabilities(q, new int[] {1, 2}, 3);
        assertThat(h.predictions(0)).containsExactly(0, 1);
        // A history whose classes pick the other of two tied classes is accepted too (numpy and torch may differ).
        TrainingHistory other = TrainingHistory.of(new int[][] {{1, 2}}, new int[] {1, 2}, 3).withProbabilities(q);
        assertThat(TrainingDynamics.of(other).epochAccuracy()).containsExactly(1.0);
        // Ordering ties break by index.
        TrainingDynamics d = TrainingDynamics.of(TrainingHistory.of(new int[][] {{0, 0, 0}, {1, 1, 1}}, new int[] {0, 0, 0}, 2));
        assertThat(d.order(TrainingDynamics.Order.FREQUENCY)).containsExactly(0, 1, 2);
        assertThat(d.unstable()).containsExactly(0, 1, 2);
    }

    @Test
    void jsonHasTheContractKeys() {
        Map<String, Object> m = Json.readObject(Json.write(TrainingDynamics.of(hand()).toMap()));
        assertThat(m).containsKeys("per_instance", "flows", "per_epoch_accuracy");
        @SuppressWarnings("unchecked")
        Map<String, Object> pi = (Map<String, Object>) m.get("per_instance");
        assertThat(pi).containsKeys("frequency", "variability", "misclassification_rate");
        assertThat(pi.get("variability")).isEqualTo(java.util.List.of(2L, 2L, 3L));
        assertThat((java.util.List<?>) m.get("flows")).hasSize(3);
        assertThat(m.get("per_epoch_accuracy")).isEqualTo(java.util.List.of(1 / 3.0, 2 / 3.0, 2 / 3.0, 2 / 3.0));
        assertThat(m.get("unstable")).isEqualTo(java.util.List.of(2L, 1L, 0L));
    }

    @Test
    void flowsConserveInstancesAndConfusionRowsAreClassCounts() {
        SplittableRandom r = new SplittableRandom(17);
        int e = 9;
        int n = 500;
        int k = 6;
        int[] y = new int[n];
        int[][] p = new int[e][n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(k);
            for (int t = 0; t < e; t++) {
                p[t][i] = t > 0 && r.nextDouble() < 0.6 ? p[t - 1][i] : r.nextInt(k);
            }
        }
        TrainingHistory h = TrainingHistory.of(p, y, k);
        TrainingDynamics d = TrainingDynamics.of(h);
        long[] classCount = new long[k];
        for (int v : y) {
            classCount[v]++;
        }
        long[][][] f = d.flows();
        assertThat(f).hasNumberOfRows(e - 1);
        for (int t = 0; t < e; t++) {
            long[] predCount = new long[k];
            for (int v : p[t]) {
                predCount[v]++;
            }
            long[][] c = d.confusion(t);
            for (int a = 0; a < k; a++) {
                assertThat(Arrays.stream(c[a]).sum()).as("confusion row %d at epoch %d", a, t).isEqualTo(classCount[a]);
                long col = 0;
                for (int b = 0; b < k; b++) {
                    col += c[b][a];
                }
                assertThat(col).isEqualTo(predCount[a]);
            }
            if (t + 1 < e) {
                long[] next = new long[k];
                for (int v : p[t + 1]) {
                    next[v]++;
                }
                assertThat(Arrays.stream(f[t]).flatMapToLong(Arrays::stream).sum()).isEqualTo(n);
                for (int a = 0; a < k; a++) {
                    long row = Arrays.stream(f[t][a]).sum();
                    long col = 0;
                    for (int b = 0; b < k; b++) {
                        col += f[t][b][a];
                    }
                    assertThat(row).as("flow row %d, %d→%d", a, t, t + 1).isEqualTo(predCount[a]);
                    assertThat(col).as("flow column %d, %d→%d", a, t, t + 1).isEqualTo(next[a]);
                }
            }
        }
        // Σ_i changes = Σ_e off-diagonal flow.
        long off = 0;
        for (long[][] m : f) {
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    off += a == b ? 0 : m[a][b];
                }
            }
        }
        assertThat(Arrays.stream(d.changes()).asLongStream().sum()).isEqualTo(off);
    }

    @Test
    void filteredFlowsOverChosenEpochsAndInstances() {
        TrainingHistory h = hand();
        // Only changed: all three changed. One class (label 2): instance 2 only. Epochs 0 and 3 joined directly.
        assertThat(InstanceFlow.changed(h)).containsExactly(0, 1, 2);
        InstanceFlow f = InstanceFlow.of(h, new int[] {0, 3}, InstanceFlow.ofLabel(h, 2));
        assertThat(f.instances()).isEqualTo(1);
        assertThat(f.flows()[0]).isDeepEqualTo(new long[][] {{0, 1, 0}, {0, 0, 0}, {0, 0, 0}});
        assertThat(f.counts()).isDeepEqualTo(new long[][] {{1, 0, 0}, {0, 1, 0}});
        InstanceFlow all = InstanceFlow.of(h, new int[] {0, 2, 3}, InstanceFlow.allInstances(h));
        // e0→e2: i0 1→0, i1 1→2, i2 0→2
        assertThat(all.flows()[0]).isDeepEqualTo(new long[][] {{0, 0, 1}, {1, 0, 1}, {0, 0, 0}});
        assertThat(all.counts()[1]).containsExactly(1, 0, 2);
        TrainingHistory still = TrainingHistory.of(new int[][] {{0, 1}, {0, 1}}, new int[] {0, 1}, 2);
        assertThat(InstanceFlow.changed(still)).isEmpty();
        assertThatThrownBy(() -> InstanceFlow.of(h, new int[] {2}, new int[] {0}))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("at least two epochs but 1 were chosen");
        assertThatThrownBy(() -> InstanceFlow.of(h, new int[] {2, 1}, new int[] {0}))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("must increase");
        assertThatThrownBy(() -> InstanceFlow.of(h, new int[] {0, 4}, new int[] {0}))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("epoch 4 is outside 0..3");
        assertThatThrownBy(() -> InstanceFlow.of(h, new int[] {0, 1}, new int[0]))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("at least one instance");
    }

    @Test
    void orderAndSample() {
        TrainingDynamics d = TrainingDynamics.of(hand());
        assertThat(d.order(TrainingDynamics.Order.MISCLASSIFICATION)).containsExactly(2, 1, 0);
        assertThat(d.order(TrainingDynamics.Order.LEARNED)).containsExactly(2, 1, 0);
        assertThat(d.order(TrainingDynamics.Order.LABEL)).containsExactly(0, 1, 2);
        assertThat(d.order(TrainingDynamics.Order.VARIABILITY)).containsExactly(2, 1, 0);
        int[] ordered = new int[101];
        Arrays.setAll(ordered, i -> 100 - i);
        assertThat(TrainingDynamics.sample(ordered, 5)).containsExactly(100, 75, 50, 25, 0);
        assertThat(TrainingDynamics.sample(new int[] {3, 1}, 5)).containsExactly(3, 1);
        assertThatThrownBy(() -> TrainingDynamics.sample(ordered, 0)).isInstanceOf(InvalidConfigException.class);
    }
}
