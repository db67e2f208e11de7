package org.xai4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.models.io.Npy;

/**
 * A Keras .h5 model through the CLI: the file and its numpy reference outputs come from xai-models'
 * {@code src/test/python/make_keras_models.py}.
 */
class KerasCliTest {
    static final Path DIR = Path.of("../xai-models/src/test/resources/org/xai4j/models/keras");

    @Test
    void predictsAndExplainsAKerasModel(@TempDir Path out) throws Exception {
        Path model = DIR.resolve("sequential_cnn.h5");
        Path input = DIR.resolve("sequential_cnn_input.npy");
        Path y = out.resolve("scores.npy");
        CliTest.Run r = CliTest.xai("predict", "--model", model.toString(), "--input", input.toString(),
                "--out", y.toString());
        assertThat(r.code()).as(r.err()).isZero();
        INDArray expected = Npy.read(DIR.resolve("sequential_cnn_probs.npy")).castTo(DataType.DOUBLE);
        assertThat(Npy.read(y).castTo(DataType.DOUBLE).sub(expected).amaxNumber().doubleValue())
                .as("scores vs the generator's numpy forward").isLessThan(1e-5);

        Path maps = out.resolve("maps");
        r = CliTest.xai("explain", "--model", model.toString(), "--input", input.toString(), "--method", "saliency",
                "--target-index", "2", "--out", maps.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Npy.read(maps.resolve("saliency.npy")).shape()).containsExactly(4, 3, 8, 8);
    }

    @Test
    void unknownFormatNamesKeras(@TempDir Path out) throws Exception {
        Path bogus = java.nio.file.Files.writeString(out.resolve("model.bin"), "x");
        CliTest.Run r = CliTest.xai("predict", "--model", bogus.toString(), "--input",
                DIR.resolve("sequential_cnn_input.npy").toString(), "--out", out.resolve("y.npy").toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("Keras .h5");
    }
}
