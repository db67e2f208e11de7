package org.xai4j.models.ort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.ModelFormatException;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.models.io.Npy;

/** ONNX Runtime as a prediction function: values, batching, threads, errors, closing. */
class OnnxRuntimeModelTest {
    private static Path resource(String name) throws URISyntaxException {
        return Path.of(OnnxRuntimeModelTest.class.getResource("/org/xai4j/models/onnx/" + name).toURI());
    }

    @Test
    void predictsWhatPyTorchComputedInChunksAndThreads() throws Exception {
        INDArray x = Npy.read(resource("resnet_mini_op13_x.npy"));
        INDArray torch = Npy.read(resource("resnet_mini_op13_out.npy"));
        INDArray before = x.dup();
        try (OnnxRuntimeModel m = OnnxRuntimeModel.load(resource("resnet_mini_op13.onnx"))) {
            assertThat(m.id()).isEqualTo("resnet_mini_op13.onnx");
            assertThat(m.inputName()).isEqualTo("input");
            assertThat(m.inputShape()).containsExactly(-1, 3, 32, 32);
            INDArray out = m.predict(x);
            assertThat(x).isEqualTo(before);
            double err = out.castTo(DataType.DOUBLE).sub(torch).amaxNumber().doubleValue() / torch.amaxNumber().doubleValue();
            assertThat(err).isLessThan(1e-5);
            // A double input is accepted (cast to the model's float input).
            assertThat(m.predict(x.castTo(DataType.DOUBLE))).isEqualTo(out);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<INDArray>> f = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    f.add(pool.submit(() -> m.predict(x)));
                }
                for (Future<INDArray> r : f) {
                    assertThat(r.get()).isEqualTo(out);
                }
            } finally {
                pool.shutdown();
            }
        }
        OnnxRuntimeOptions oneRow = OnnxRuntimeOptions.builder().batchPolicy(BatchPolicy.ofRows(1)).intraOpThreads(1).build();
        try (OnnxRuntimeModel m = OnnxRuntimeModel.load(resource("resnet_mini_op13.onnx"), oneRow)) {
            INDArray out = m.predict(x);
            INDArray row2 = m.predict(x.get(NDArrayIndex.interval(2, 3)));
            assertThat(out.get(NDArrayIndex.interval(2, 3))).isEqualTo(row2);
        }
    }

    @Test
    void badInputsAndFilesFailClearly(@TempDir Path dir) throws Exception {
        try (OnnxRuntimeModel m = OnnxRuntimeModel.load(resource("small_cnn_op13.onnx"))) {
            assertThatThrownBy(() -> m.predict(org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, 2, 3, 8, 8)))
                    .isInstanceOf(InvalidShapeException.class).hasMessageContaining("[*, 3, 16, 16]")
                    .hasMessageContaining("[2, 3, 8, 8]");
            m.close();
            m.close();
            assertThatThrownBy(() -> m.predict(org.nd4j.linalg.factory.Nd4j.zeros(DataType.FLOAT, 1, 3, 16, 16)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
        Path junk = dir.resolve("junk.onnx");
        Files.writeString(junk, "not a model");
        assertThatThrownBy(() -> OnnxRuntimeModel.load(junk)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("junk.onnx");
        assertThatThrownBy(() -> OnnxRuntimeModel.load(resource("small_cnn_op13.onnx"),
                OnnxRuntimeOptions.builder().output("logits").build()))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("[output]");
    }
}
