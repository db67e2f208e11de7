package org.xai4j.metrics.faithfulness;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.model.ModelCalls;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.metrics.MapRows;

/**
 * Scores many perturbed copies of input rows with a model, a batch at a time: builds each batch from
 * rows filled on demand (in increasing order), calls the model once per batch and reads each row's
 * target score. The target is resolved once on the original input.
 */
final class Scorer {
    /** Writes perturbed row {@code j} into {@code dst} (one input row, row-major). */
    interface RowFiller {
        void fill(int j, double[] dst);
    }

    private final PredictionFunction model;
    private final Target resolved;
    private final long[] rowShape;
    private final DataType dataType;
    private final BatchPolicy policy;
    private final int rowLength;
    private final double[] originalScores;
    private final INDArray originalOutput;

    /** Runs the model on {@code input}, resolves {@code target} on its output and keeps the original scores. */
    Scorer(PredictionFunction model, Target target, INDArray input, BatchPolicy policy) {
        this.model = model;
        this.rowShape = MapRows.rowShape(input);
        this.dataType = input.dataType();
        this.policy = policy;
        this.rowLength = Math.toIntExact(input.length() / input.size(0));
        int per = policy.rowsPerBatch((long) rowLength * dataType.width());
        INDArray out = org.xai4j.core.util.Batching.map(input, per, block -> predict(block));
        this.resolved = target.resolve(out);
        this.originalOutput = out;
        this.originalScores = scoresOf(resolved, out);
    }

    /** The target after resolution on the original input (the classes actually evaluated). */
    Target target() {
        return resolved;
    }

    /** The target score of every original row. */
    double[] originalScores() {
        return originalScores.clone();
    }

    /** The model output on the original input. */
    INDArray originalOutput() {
        return originalOutput;
    }

    /** Receives the model output for perturbed rows [from, from + output rows). */
    interface BatchConsumer {
        void accept(int from, INDArray output);
    }

    /**
     * Runs the model on perturbed rows 0..total−1, a batch at a time, handing each batch's output to
     * {@code consumer} before the next batch is built.
     */
    void run(int total, RowFiller filler, BatchConsumer consumer) {
        int per = policy.rowsPerBatch((long) rowLength * dataType.width());
        double[] row = new double[rowLength];
        for (int from = 0; from < total; from += per) {
            int size = Math.min(per, total - from);
            double[] buf = new double[size * rowLength];
            for (int j = 0; j < size; j++) {
                filler.fill(from + j, row);
                System.arraycopy(row, 0, buf, j * rowLength, rowLength);
            }
            long[] shape = new long[rowShape.length + 1];
            shape[0] = size;
            System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
            consumer.accept(from, predict(Nd4j.create(buf, shape, DataType.DOUBLE).castTo(dataType)));
        }
    }

    /** The target score of each of {@code total} perturbed rows, row j standing for original row {@code source[j]}. */
    double[] scores(int total, int[] source, RowFiller filler) {
        double[] scores = new double[total];
        run(total, filler, (from, out) -> {
            int size = Math.toIntExact(out.size(0));
            double[] s = scoresOf(resolved.select(Arrays.copyOfRange(source, from, from + size)), out);
            System.arraycopy(s, 0, scores, from, size);
        });
        return scores;
    }

    /** The target score of each row of {@code output}, whose row j stands for original row {@code source[j]}. */
    double[] scoresOf(INDArray output, int[] source) {
        return scoresOf(resolved.select(source), output);
    }

    /** Input row length. */
    int rowLength() {
        return rowLength;
    }

    private INDArray predict(INDArray batch) {
        return ModelCalls.predict(model, batch);
    }

    private static double[] scoresOf(Target t, INDArray out) {
        return MapRows.flat(t.scores(out));
    }
}
