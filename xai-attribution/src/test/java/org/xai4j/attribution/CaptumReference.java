package org.xai4j.attribution;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.util.Json;
import org.xai4j.models.io.Npy;

/**
 * What Captum itself (v0.8.0, commit fc17d507) returned on the models and inputs of the committed references:
 * written by {@code src/test/python/captum_anchor.py} (run by {@code tools/anchors.sh}), under
 * {@code captum/} beside {@code torch_reference.json}.
 */
final class CaptumReference {
    private static Map<String, Object> data;

    private CaptumReference() {
    }

    static synchronized Map<String, Object> data() {
        if (data == null) {
            try (InputStream in = CaptumReference.class.getResourceAsStream("captum/captum_reference.json")) {
                if (in == null) {
                    throw new IllegalStateException("captum/captum_reference.json is missing: run tools/anchors.sh");
                }
                data = Json.readObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return data;
    }

    /** Whether Captum has this case of torch_reference.json (the deterministic ones). */
    static boolean has(String name) {
        return TorchReference.map(data(), "cases").containsKey(name);
    }

    /** Captum's value for a case of torch_reference.json, same key. */
    static INDArray expected(String name) {
        return TorchReference.array(TorchReference.map(TorchReference.map(data(), "cases"), name));
    }

    /** Captum's output for a rule model, {@code captum/<model>__<key>.npy}. */
    static INDArray rules(String model, String key) {
        String file = "captum/" + model + "__" + key + ".npy";
        try (InputStream in = CaptumReference.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException(file + " is missing: run tools/anchors.sh");
            }
            return Npy.read(in.readAllBytes(), file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
