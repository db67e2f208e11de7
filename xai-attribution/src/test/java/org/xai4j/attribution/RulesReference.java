package org.xai4j.attribution;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Json;
import org.xai4j.models.io.Npy;
import org.xai4j.models.onnx.OnnxImportOptions;
import org.xai4j.models.onnx.OnnxImporter;

/**
 * The models and values written by {@code src/test/python/make_rules_reference.py}: ONNX files exported from
 * PyTorch, their inputs, baselines and background sets, and the independent float64 PyTorch results
 * ({@code <model>__<case>.npy}).
 */
record RulesReference(String model) {
    private static final String DIR = "rules/";
    private static Map<String, Object> index;

    static synchronized Map<String, Object> index() {
        if (index == null) {
            index = Json.readObject(new String(bytes("index.json"), StandardCharsets.UTF_8));
        }
        return index;
    }

    private static byte[] bytes(String file) {
        try (InputStream in = RulesReference.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException(DIR + file + " is missing: run src/test/python/make_rules_reference.py");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The model as a graph of the given data type. */
    Graph graph(DataType type) {
        return OnnxImporter.read(bytes(model + ".onnx"), model,
                OnnxImportOptions.builder().dataType(type).build());
    }

    INDArray array(String suffix) {
        return Npy.read(bytes(model + suffix + ".npy"), model + suffix + ".npy");
    }

    /** The input rows (float32, as exported). */
    INDArray input() {
        return array("_x");
    }

    INDArray baseline() {
        return array("_baseline");
    }

    INDArray background() {
        return array("_background");
    }

    Target target() {
        long[] t = array("_targets").toLongVector();
        int[] c = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            c[i] = (int) t[i];
        }
        return Target.perRow(c);
    }

    /** The PyTorch result of a case, float64. */
    INDArray expected(String name) {
        return array("__" + name);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> info() {
        return (Map<String, Object>) ((Map<String, Object>) index().get("models")).get(model);
    }

    @SuppressWarnings("unchecked")
    List<String> ops() {
        return (List<String>) info().get("ops");
    }
}
