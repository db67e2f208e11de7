package org.xai4j.attribution;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.util.Json;
import org.xai4j.testkit.models.TinyConvNet;
import org.xai4j.testkit.models.TwoLayerReluNet;

/**
 * The values written by {@code src/test/python/make_reference.py} (PyTorch autograd, float64): model
 * weights, inputs, and each method's expected output.
 */
final class TorchReference {
    private static Map<String, Object> data;

    private TorchReference() {
    }

    static synchronized Map<String, Object> data() {
        if (data == null) {
            try (InputStream in = TorchReference.class.getResourceAsStream("torch_reference.json")) {
                if (in == null) {
                    throw new IllegalStateException("torch_reference.json is missing: run src/test/python/make_reference.py");
                }
                data = Json.readObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return data;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Map)) {
            throw new IllegalStateException("reference lacks '" + key + "'");
        }
        return (Map<String, Object>) v;
    }

    /** An array stored as {"shape": [...], "data": [...]}. */
    static INDArray array(Map<String, Object> stored) {
        List<?> shape = (List<?>) stored.get("shape");
        List<?> values = (List<?>) stored.get("data");
        long[] s = shape.stream().mapToLong(o -> ((Number) o).longValue()).toArray();
        double[] v = values.stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
        return s.length == 0 ? Nd4j.scalar(v[0]) : Nd4j.create(v, s, DataType.DOUBLE);
    }

    static INDArray expected(String name) {
        return array(map(map(data(), "cases"), name));
    }

    static INDArray input(String name) {
        return array(map(map(data(), "inputs"), name));
    }

    static int[] classes(String name) {
        List<?> l = (List<?>) map(data(), "inputs").get(name);
        return l.stream().mapToInt(o -> ((Number) o).intValue()).toArray();
    }

    static double[] doubles(Map<String, Object> m, String key) {
        return ((List<?>) m.get(key)).stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
    }

    private static double[] flat(String model, String key) {
        return array(map(map(map(data(), "models"), model), key)).data().asDouble();
    }

    private static long[] shape(String model, String key) {
        return array(map(map(map(data(), "models"), model), key)).shape();
    }

    static TinyConvNet convNet() {
        long[] ks = shape("conv", "kernel");
        double[] k = flat("conv", "kernel");
        int f = (int) ks[0], c = (int) ks[1], s = (int) ks[2];
        double[][][][] kernel = new double[f][c][s][s];
        int p = 0;
        for (int a = 0; a < f; a++) {
            for (int b = 0; b < c; b++) {
                for (int y = 0; y < s; y++) {
                    for (int x = 0; x < s; x++) {
                        kernel[a][b][y][x] = k[p++];
                    }
                }
            }
        }
        Map<String, Object> m = map(map(data(), "models"), "conv");
        return new TinyConvNet(kernel, flat("conv", "bias"), matrix("conv", "fc"), flat("conv", "fcBias"),
                ((Number) m.get("height")).intValue(), ((Number) m.get("width")).intValue());
    }

    static TwoLayerReluNet mlp() {
        return new TwoLayerReluNet(matrix("mlp", "w1"), flat("mlp", "b1"), matrix("mlp", "w2"), flat("mlp", "b2"));
    }

    static EditableMlp editableMlp() {
        return new EditableMlp(matrix("mlp", "w1"), flat("mlp", "b1"), matrix("mlp", "w2"), flat("mlp", "b2"));
    }

    private static double[][] matrix(String model, String key) {
        long[] s = shape(model, key);
        double[] v = flat(model, key);
        double[][] m = new double[(int) s[0]][(int) s[1]];
        for (int i = 0; i < s[0]; i++) {
            System.arraycopy(v, (int) (i * s[1]), m[i], 0, (int) s[1]);
        }
        return m;
    }
}
