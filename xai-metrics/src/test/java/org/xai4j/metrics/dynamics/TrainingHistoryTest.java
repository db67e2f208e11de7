package org.xai4j.metrics.dynamics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;
import org.xai4j.metrics.InvalidProbabilitiesException;
import org.xai4j.models.io.Npy;

/** Recording, saving, loading and the refusals of bad histories. */
class TrainingHistoryTest {
    @TempDir
    Path dir;

    static INDArray probs(float[][] rows) {
        return Nd4j.createFromArray(rows);
    }

    @Test
    void recorderKeepsArgmaxClassesProbabilitiesAndValues() {
        PredictionRecorder r = new PredictionRecorder(new int[] {0, 1}, 3);
        INDArray e0 = probs(new float[][] {{0.2f, 0.7f, 0.1f}, {0.1f, 0.8f, 0.1f}});
        INDArray before = e0.dup();
        assertThat(r.recordEpoch(e0)).isZero();
        assertThat(e0).isEqualTo(before);
        r.recordValue(TrainingHistory.TRAIN_LOSS, 1.5);
        assertThat(r.recordEpoch(probs(new float[][] {{0.6f, 0.3f, 0.1f}, {0.1f, 0.1f, 0.8f}}))).isEqualTo(1);
        r.recordValue(TrainingHistory.VAL_LOSS, 0.9);
        r.recordValue(TrainingHistory.VAL_LOSS, 0.8); // replaces the same epoch's value
        assertThat(r.accuracy(0)).isEqualTo(0.5);
        assertThat(r.accuracy(1)).isEqualTo(0.5);
        TrainingHistory h = r.history();
        assertThat(h.epochs()).isEqualTo(2);
        assertThat(h.predictions(0)).containsExactly(1, 1);
        assertThat(h.predictions(1)).containsExactly(0, 2);
        assertThat(h.probability(1, 1, 2)).isEqualTo(0.8f);
        assertThat(h.curves().get(TrainingHistory.TRAIN_LOSS)).containsExactly(1.5, Double.NaN);
        assertThat(h.curves().get(TrainingHistory.VAL_LOSS)).containsExactly(Double.NaN, 0.8);
    }

    @Test
    void classesOnlyRecorder() {
        PredictionRecorder r = new PredictionRecorder(new int[] {0, 1, 1}, 2, false);
        r.recordEpochClasses(new int[] {1, 1, 0});
        r.recordEpoch(probs(new float[][] {{1, 0}, {0, 1}, {0, 1}}));
        TrainingHistory h = r.history();
        assertThat(h.hasProbabilities()).isFalse();
        assertThat(h.predictions(1)).containsExactly(0, 1, 1);
        PredictionRecorder withProbs = new PredictionRecorder(new int[] {0, 1, 1}, 2);
        assertThatThrownBy(() -> withProbs.recordEpochClasses(new int[] {1, 1, 0}))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("keepProbabilities");
    }

    @Test
    void saveAndLoadRoundTrip() throws Exception {
        PredictionRecorder r = new PredictionRecorder(new int[] {2, 0, 1}, 3);
        r.recordEpoch(probs(new float[][] {{0.2f, 0.3f, 0.5f}, {0.6f, 0.3f, 0.1f}, {0.6f, 0.3f, 0.1f}}));
        r.recordValue("train_loss", 1.25);
        r.recordEpoch(probs(new float[][] {{0.1f, 0.1f, 0.8f}, {0.5f, 0.4f, 0.1f}, {0.2f, 0.7f, 0.1f}}));
        r.recordValue("train_loss", 0.75);
        r.recordValue("val_accuracy", 1.0);
        TrainingHistory h = r.history();
        h.save(dir);
        assertThat(dir.resolve("predictions.npy")).exists();
        INDArray p = Npy.read(dir.resolve("predictions.npy"));
        assertThat(p.dataType()).isEqualTo(DataType.INT);
        assertThat(p.shape()).containsExactly(2, 3);
        assertThat(Npy.read(dir.resolve("probabilities.npy")).shape()).containsExactly(2, 3, 3);
        assertThat(Files.readString(dir.resolve("curves.json"), StandardCharsets.UTF_8).trim())
                .isEqualTo("{\"train_loss\":[1.25,0.75],\"val_accuracy\":[null,1.0]}");
        TrainingHistory back = TrainingHistory.load(dir);
        assertThat(back.classes()).isEqualTo(3);
        for (int e = 0; e < 2; e++) {
            assertThat(back.predictions(e)).containsExactly(h.predictions(e));
            assertThat(back.probabilities(e)).containsExactly(h.probabilities(e));
        }
        assertThat(back.labels()).containsExactly(2, 0, 1);
        assertThat(back.curves().get("val_accuracy")).containsExactly(Double.NaN, 1.0);
    }

    @Test
    void loadsFloatClassesWhenWhole() throws Exception {
        Npy.write(Nd4j.createFromArray(new double[][] {{0, 1}, {1, 1}}), dir.resolve("p.npy"));
        Npy.write(Nd4j.createFromArray(new long[] {1, 1}), dir.resolve("y.npy"));
        TrainingHistory h = TrainingHistory.load(dir.resolve("p.npy"), dir.resolve("y.npy"), null, null);
        assertThat(h.classes()).isEqualTo(2);
        Npy.write(Nd4j.createFromArray(new double[][] {{0, 1.5}, {1, 1}}), dir.resolve("bad.npy"));
        assertThatThrownBy(() -> TrainingHistory.load(dir.resolve("bad.npy"), dir.resolve("y.npy"), null, null))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("whole numbers").hasMessageContaining("1.5");
    }

    @Test
    void mismatchedInstanceCountsAreRefused() throws Exception {
        assertThatThrownBy(() -> TrainingHistory.of(new int[][] {{0, 1, 1}}, new int[] {0, 1}, 2))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("epoch 0 hold 3 instances but there are 2 labels");
        Npy.write(Nd4j.createFromArray(new int[][] {{0, 1, 1}, {0, 0, 1}}), dir.resolve("p.npy"));
        Npy.write(Nd4j.createFromArray(new int[] {0, 1}), dir.resolve("y.npy"));
        assertThatThrownBy(() -> TrainingHistory.load(dir.resolve("p.npy"), dir.resolve("y.npy"), null, null))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("hold 3 instances per epoch").hasMessageContaining("hold 2");
        Npy.write(Nd4j.createFromArray(new int[] {0, 1, 1}), dir.resolve("flat.npy"));
        assertThatThrownBy(() -> TrainingHistory.load(dir.resolve("flat.npy"), dir.resolve("y.npy"), null, null))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("E × N");
        assertThatThrownBy(() -> TrainingHistory.load(dir.resolve("missing.npy"), dir.resolve("y.npy"), null, null))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("predictions file not found");
    }

    @Test
    void classesOutOfRangeAreRefused() throws Exception {
        assertThatThrownBy(() -> TrainingHistory.of(new int[][] {{0, 3}}, new int[] {0, 1}, 3))
                .isInstanceOf(InvalidProbabilitiesException.class)
                .hasMessageContaining("prediction of instance 1 at epoch 0 is 3, outside the classes 0..2");
        assertThatThrownBy(() -> TrainingHistory.of(new int[][] {{0, 1}}, new int[] {0, -1}, 3))
                .isInstanceOf(InvalidProbabilitiesException.class).hasMessageContaining("label of instance 1 is -1");
        assertThatThrownBy(() -> new PredictionRecorder(new int[] {0, 5}, 3))
                .isInstanceOf(InvalidProbabilitiesException.class).hasMessageContaining("label of instance 1 is 5");
        // With probabilities, K is theirs: a class ≥ K in the predictions is out of range.
        Npy.write(Nd4j.createFromArray(new int[][] {{0, 2}}), dir.resolve("p.npy"));
        Npy.write(Nd4j.createFromArray(new int[] {0, 1}), dir.resolve("y.npy"));
        Npy.write(Nd4j.createFromArray(new float[][][] {{{0.9f, 0.1f}, {0.2f, 0.8f}}}), dir.resolve("q.npy"));
        assertThatThrownBy(() -> TrainingHistory.load(dir.resolve("p.npy"), dir.resolve("y.npy"), dir.resolve("q.npy"), null))
                .isInstanceOf(InvalidProbabilitiesException.class).hasMessageContaining("is 2, outside the classes 0..1");
    }

    @Test
    void nanProbabilitiesAreRefused() throws Exception {
        PredictionRecorder r = new PredictionRecorder(new int[] {0, 1}, 2);
        assertThatThrownBy(() -> r.recordEpoch(probs(new float[][] {{0.5f, 0.5f}, {Float.NaN, 0.5f}})))
                .isInstanceOf(NonFiniteValueException.class).hasMessageContaining("NaN at epoch 0, instance 1, class 0");
        Npy.write(Nd4j.createFromArray(new int[][] {{0, 1}}), dir.resolve("p.npy"));
        Npy.write(Nd4j.createFromArray(new int[] {0, 1}), dir.resolve("y.npy"));
        Npy.write(Nd4j.createFromArray(new float[][][] {{{0.9f, 0.1f}, {Float.NaN, 0.8f}}}), dir.resolve("q.npy"));
        assertThatThrownBy(() -> TrainingHistory.load(dir.resolve("p.npy"), dir.resolve("y.npy"), dir.resolve("q.npy"), null))
                .isInstanceOf(NonFiniteValueException.class).hasMessageContaining("NaN at epoch 0, instance 1, class 0");
    }

    @Test
    void logitsAndDisagreeingProbabilitiesAreRefused() {
        PredictionRecorder r = new PredictionRecorder(new int[] {0, 1}, 2);
        assertThatThrownBy(() -> r.recordEpoch(probs(new float[][] {{2.5f, -1f}, {0.5f, 0.5f}})))
                .isInstanceOf(InvalidProbabilitiesException.class).hasMessageContaining("logits");
        assertThatThrownBy(() -> r.recordEpoch(probs(new float[][] {{0.3f, 0.3f}, {0.5f, 0.5f}})))
                .isInstanceOf(InvalidProbabilitiesException.class).hasMessageContaining("sum to 0.6");
        assertThatThrownBy(() -> TrainingHistory.of(new int[][] {{1, 1}}, new int[] {0, 1}, 2).withProbabilities(
                new float[][] {{0.9f, 0.1f, 0.2f, 0.8f}}))
                .isInstanceOf(InvalidProbabilitiesException.class).hasMessageContaining("most probable class is 0");
        assertThatThrownBy(() -> r.recordEpoch(probs(new float[][] {{1f, 0f, 0f}, {0f, 1f, 0f}})))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("N × K = 2 × 2");
    }

    @Test
    void curvesMustCoverEveryEpoch() throws Exception {
        TrainingHistory h = TrainingHistory.of(new int[][] {{0}, {1}}, new int[] {0}, 2);
        Map<String, double[]> c = new LinkedHashMap<>();
        c.put("train_loss", new double[] {1});
        assertThatThrownBy(() -> h.withCurves(c)).isInstanceOf(InvalidShapeException.class)
                .hasMessageContaining("curve 'train_loss' has 1 values but the history has 2 epochs");
        assertThatThrownBy(() -> TrainingHistory.parseCurves("{\"val_loss\": [1, \"x\"]}", 2, "c.json"))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("\"x\" at epoch 1");
        assertThatThrownBy(() -> TrainingHistory.parseCurves("{\"val_loss\": 3}", 2, "c.json"))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("must be a list of 2 numbers");
        assertThatThrownBy(() -> new PredictionRecorder(new int[] {0}, 2).recordValue("x", 1))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("before its value 'x'");
    }

    @Test
    void accessorsReturnCopies() {
        int[][] p = {{0, 1}};
        int[] y = {0, 1};
        TrainingHistory h = TrainingHistory.of(p, y, 2);
        p[0][0] = 1;
        y[0] = 1;
        h.predictions(0)[1] = 0;
        assertThat(h.predictions(0)).containsExactly(0, 1);
        assertThat(h.labels()).containsExactly(0, 1);
    }
}
