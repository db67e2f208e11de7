package org.xai4j.bench.cam;

import org.xai4j.core.util.BatchPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xai4j.cam.AblationCam;
import org.xai4j.cam.CamConfig;
import org.xai4j.cam.GradCam;
import org.xai4j.cam.ScoreCam;
import org.xai4j.core.model.LayerPass;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;
import org.xai4j.testkit.models.TinyConvNet;

/**
 * Each CAM method next to the raw model work it cannot avoid, on the testkit's conv net (3×32×32 images,
 * 16 filters 5×5, 10 classes, 2 rows; for Grad-CAM also a {@link Large} one): Grad-CAM against one
 * forward+backward pass that returns the layer,
 * Score-CAM against the same masked inputs pushed through {@code predict} in the same batches, Ablation-CAM
 * against the same batches through {@code predictWithEdit} with the same zeroing edits. The ratios
 * method ÷ raw are the overhead of the CAM code.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CamBenchmark {
    static final int ROWS = 2;
    static final int FILTERS = 16;
    static final int SIZE = 32;
    static final int BATCH = 16;

    TinyConvNet model;
    INDArray input;
    Target target;
    CamConfig config;
    GradCam gradCam;
    ScoreCam scoreCam;
    AblationCam ablationCam;
    List<INDArray> maskedBatches;
    List<INDArray> ablationBatches;
    List<int[]> ablatedChannels;

    @Setup
    public void setup() {
        model = TinyConvNet.random(1, 3, FILTERS, 10, 5, SIZE, SIZE);
        input = Rng.seeded(2).uniform(DataType.FLOAT, -1, 1, ROWS, 3, SIZE, SIZE);
        target = Target.perRow(3, 7);
        config = CamConfig.of("conv").withBatch(BatchPolicy.ofRows(BATCH));
        gradCam = new GradCam(model, config);
        scoreCam = new ScoreCam(model, config);
        ablationCam = new AblationCam(model, config);
        // the masked inputs Score-CAM builds: the input times each channel's min–max scaled activation
        // (same size as the input here, so no resizing), in batches of BATCH
        INDArray act = model.activations(input, List.of("conv")).get("conv");
        List<INDArray> masked = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            for (int c = 0; c < FILTERS; c++) {
                INDArray a = act.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i),
                        org.nd4j.linalg.indexing.NDArrayIndex.point(c));
                INDArray m = a.sub(a.minNumber()).div(a.maxNumber().doubleValue() - a.minNumber().doubleValue());
                masked.add(input.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + 1))
                        .mul(m.reshape(1, 1, SIZE, SIZE).broadcast(1, 3, SIZE, SIZE)));
            }
        }
        maskedBatches = new ArrayList<>();
        for (int s = 0; s < masked.size(); s += BATCH) {
            maskedBatches.add(Nd4j.concat(0, masked.subList(s, Math.min(masked.size(), s + BATCH)).toArray(INDArray[]::new)));
        }
        ablationBatches = new ArrayList<>();
        ablatedChannels = new ArrayList<>();
        for (int s = 0; s < ROWS * FILTERS; s += BATCH) {
            int m = Math.min(BATCH, ROWS * FILTERS - s);
            INDArray[] rows = new INDArray[m];
            int[] ch = new int[m];
            for (int j = 0; j < m; j++) {
                int i = (s + j) / FILTERS;
                rows[j] = input.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + 1));
                ch[j] = (s + j) % FILTERS;
            }
            ablationBatches.add(Nd4j.concat(0, rows));
            ablatedChannels.add(ch);
        }
    }

    /** A larger model for Grad-CAM (3×64×64 images, 32 filters 5×5, 4 rows), closer to a real pass's cost. */
    @State(Scope.Benchmark)
    public static class Large {
        TinyConvNet model;
        INDArray input;
        Target target;
        GradCam gradCam;

        @Setup
        public void setup() {
            model = TinyConvNet.random(3, 3, 32, 10, 5, 64, 64);
            input = Rng.seeded(4).uniform(DataType.FLOAT, -1, 1, 4, 3, 64, 64);
            target = Target.perRow(3, 7, 0, 9);
            gradCam = new GradCam(model, CamConfig.of("conv"));
        }
    }

    @Benchmark
    public LayerPass rawForwardBackward() {
        return model.backward(input, target, List.of("conv"));
    }

    @Benchmark
    public INDArray gradCam() {
        return gradCam.explain(input, target).map();
    }

    @Benchmark
    public LayerPass rawForwardBackwardLarge(Large large) {
        return large.model.backward(large.input, large.target, List.of("conv"));
    }

    @Benchmark
    public INDArray gradCamLarge(Large large) {
        return large.gradCam.explain(large.input, large.target).map();
    }

    @Benchmark
    public double rawMaskedForwards() {
        double s = 0;
        for (INDArray b : maskedBatches) {
            s += model.predict(b).getDouble(0);
        }
        return s;
    }

    @Benchmark
    public INDArray scoreCam() {
        return scoreCam.explain(input, target).map();
    }

    @Benchmark
    public double rawAblatedForwards() {
        double s = 0;
        for (int b = 0; b < ablationBatches.size(); b++) {
            int[] ch = ablatedChannels.get(b);
            s += model.predictWithEdit(ablationBatches.get(b), "conv", a -> {
                INDArray out = a.dup();
                for (int j = 0; j < ch.length; j++) {
                    out.get(org.nd4j.linalg.indexing.NDArrayIndex.point(j),
                            org.nd4j.linalg.indexing.NDArrayIndex.point(ch[j])).assign(0);
                }
                return out;
            }).getDouble(0);
        }
        return s;
    }

    @Benchmark
    public INDArray ablationCam() {
        return ablationCam.explain(input, target).map();
    }

    @Override
    public String toString() {
        return "CamBenchmark" + Arrays.toString(input.shape());
    }
}
