package org.xai4j.models.onnx;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Json;
import org.xai4j.models.io.Npy;

/**
 * A test model made by {@code src/test/python/make_models.py} and its PyTorch references.
 *
 * @param name   file stem, e.g. {@code resnet_mini_op13}
 * @param dir    where its files are
 */
record TestModels(String name, Path dir) {
    static Path resources() {
        URL u = TestModels.class.getResource("/org/xai4j/models/onnx/small_cnn_op13.onnx");
        try {
            return Path.of(u.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static TestModels committed(String name) {
        return new TestModels(name, resources());
    }

    Path onnx() {
        return dir.resolve(name + ".onnx");
    }

    INDArray npy(String suffix) {
        return Npy.read(dir.resolve(name + "_" + suffix + ".npy"));
    }

    INDArray input() {
        return npy("x");
    }

    Target target() {
        long[] t = npy("targets").toLongVector();
        int[] c = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            c[i] = (int) t[i];
        }
        return Target.perRow(c);
    }

    /** The ONNX node names of the torch modules whose activations and gradients were recorded, in order. */
    @SuppressWarnings("unchecked")
    List<String> layers() {
        try {
            Map<String, Object> j = Json.readObject(Files.readString(dir.resolve(name + "_layers.json"),
                    StandardCharsets.UTF_8));
            List<String> out = new ArrayList<>();
            for (Object o : (List<Object>) j.get("layers")) {
                out.add((String) ((Map<String, Object>) o).get("onnx"));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Max-norm relative difference ‖a − b‖∞ / ‖b‖∞ in double precision. */
    static double relErr(INDArray a, INDArray b) {
        INDArray x = a.castTo(DataType.DOUBLE);
        INDArray y = b.castTo(DataType.DOUBLE);
        if (!java.util.Arrays.equals(x.shape(), y.shape())) {
            throw new AssertionError("shapes differ: " + java.util.Arrays.toString(x.shape()) + " vs "
                    + java.util.Arrays.toString(y.shape()));
        }
        return x.sub(y).amaxNumber().doubleValue() / y.amaxNumber().doubleValue();
    }
}
