package org.xai4j.models.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.ModelFormatException;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Rng;

/**
 * Keras HDF5 files written by {@code src/test/python/make_keras_models.py} (h5py, the layout of Keras 2's
 * {@code model.save}) against that script's own numpy forward pass: a Sequential CNN with channels-last
 * convolution, pooling and flatten, and a functional model with a residual add, a channel concatenation and
 * global pooling. Input gradients against central finite differences of the graph in double precision.
 */
class KerasImporterTest {
    private static Path resource(String name) throws URISyntaxException {
        return Path.of(KerasImporterTest.class.getResource(name).toURI());
    }

    private static INDArray npy(String name) throws URISyntaxException {
        return Nd4j.createFromNpyFile(new File(resource(name).toString())).castTo(DataType.DOUBLE);
    }

    private static double rel(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b).amaxNumber().doubleValue() / b.amaxNumber().doubleValue();
    }

    private static void matchesNumpy(String model) throws Exception {
        INDArray x = npy(model + "_input.npy");
        Graph probs = KerasImporter.read(resource(model + ".h5"));
        Graph logits = KerasImporter.read(resource(model + ".h5"), true);
        assertThat(rel(probs.predict(x.castTo(DataType.FLOAT)), npy(model + "_probs.npy"))).as("softmax output")
                .isLessThan(1e-5);
        assertThat(rel(logits.predict(x.castTo(DataType.FLOAT)), npy(model + "_logits.npy"))).as("logits")
                .isLessThan(1e-5);

        Graph g = logits.castTo(DataType.DOUBLE);
        Target t = Target.classIndex(2);
        INDArray grad = g.gradients(x, t).inputGradient();
        INDArray p = x.dup();
        INDArray flat = p.reshape(p.length());
        int[] coords = Rng.seeded(3).permutation((int) p.length());
        double maxDiff = 0;
        double maxRef = 0;
        for (int k = 0; k < 40; k++) {
            int j = coords[k];
            double v = flat.getDouble(j);
            flat.putScalar(j, v + 1e-6);
            double plus = t.scores(g.predict(p)).sumNumber().doubleValue();
            flat.putScalar(j, v - 1e-6);
            double minus = t.scores(g.predict(p)).sumNumber().doubleValue();
            flat.putScalar(j, v);
            double numeric = (plus - minus) / 2e-6;
            maxDiff = Math.max(maxDiff, Math.abs(numeric - grad.reshape(grad.length()).getDouble(j)));
            maxRef = Math.max(maxRef, Math.abs(numeric));
        }
        assertThat(maxRef).isGreaterThan(0);
        assertThat(maxDiff / maxRef).as("input gradient vs finite differences").isLessThan(1e-6);
    }

    @Test
    void sequentialChannelsLastCnn() throws Exception {
        matchesNumpy("sequential_cnn");
        assertThat(KerasImporter.read(resource("sequential_cnn.h5")).inputShape()).containsExactly(-1, 3, 8, 8);
    }

    @Test
    void functionalResidualWithConcatenation() throws Exception {
        matchesNumpy("functional_residual");
    }

    @Test
    void refusesWhatIsNotAKerasModel(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("model.h5"), "not hdf5 at all");
        assertThatThrownBy(() -> KerasImporter.read(text)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("not an HDF5 file");
        assertThatThrownBy(() -> KerasImporter.read(dir.resolve("missing.h5"))).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("not found");
        byte[] whole = Files.readAllBytes(resource("sequential_cnn.h5"));
        Path cut = Files.write(dir.resolve("cut.h5"), java.util.Arrays.copyOf(whole, whole.length / 3));
        assertThatThrownBy(() -> KerasImporter.read(cut)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("cut.h5");
    }
}
