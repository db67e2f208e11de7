package org.xai4j.cam;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Json;
import org.xai4j.testkit.models.TinyConvNet;

/** The models, inputs and expected maps written by {@code src/test/python/cam_reference.py}. */
final class Reference {
    static final String DIR = "/org/xai4j/cam/reference/";
    static final Map<String, Npz.Array> MODELS = Npz.resource(DIR + "models.npz");
    static final Map<String, Npz.Array> EXPECTED = Npz.resource(DIR + "expected.npz");

    private Reference() {
    }

    /** The reference TinyConvNet (2×6×7 inputs, 4 filters, 3 classes). */
    static TinyConvNet tiny() {
        Npz.Array k = MODELS.get("tiny_kernel");
        double[][][][] kernel = new double[k.dim(0)][k.dim(1)][k.dim(2)][k.dim(3)];
        int idx = 0;
        for (double[][][] f : kernel) {
            for (double[][] c : f) {
                for (double[] row : c) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] = k.data()[idx++];
                    }
                }
            }
        }
        Npz.Array fc = MODELS.get("tiny_fc");
        double[][] head = new double[fc.dim(0)][fc.dim(1)];
        for (int i = 0; i < head.length; i++) {
            System.arraycopy(fc.data(), i * fc.dim(1), head[i], 0, fc.dim(1));
        }
        Npz.Array x = MODELS.get("tiny_input");
        return new TinyConvNet(kernel, MODELS.get("tiny_conv_bias").data(), head, MODELS.get("tiny_fc_bias").data(),
                x.dim(2), x.dim(3));
    }

    /** The reference segmenter (2×8×8 inputs, 3 classes). */
    static TinySegmenter segmenter() {
        return TinySegmenter.from(MODELS);
    }

    /** The input batch of "tiny" or "seg" (float64). */
    static INDArray input(String model) {
        return MODELS.get(model + "_input").nd();
    }

    /** A target as the cases file writes it: perRow:0,2,1 · predicted · mask:1 · rowMasks:2. */
    static Target target(String spec) {
        String[] p = spec.split(":");
        return switch (p[0]) {
            case "perRow" -> Target.perRow(java.util.Arrays.stream(p[1].split(",")).mapToInt(Integer::parseInt).toArray());
            case "predicted" -> Target.predicted();
            case "mask" -> Target.classOverMask(Integer.parseInt(p[1]), MODELS.get("seg_mask").nd());
            case "rowMasks" -> Target.classOverMask(Integer.parseInt(p[1]), MODELS.get("seg_row_masks").nd());
            default -> throw new IllegalArgumentException(spec);
        };
    }

    /** The cases of cases.json. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> cases() {
        try (InputStream in = Reference.class.getResourceAsStream(DIR + "cases.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return (List<Map<String, Object>>) Json.readObject(text).get("cases");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The config a case describes. */
    @SuppressWarnings("unchecked")
    static CamConfig config(Map<String, Object> c) {
        return CamConfig.of(((List<String>) c.get("layers")).toArray(String[]::new))
                .withRelu((Boolean) c.get("relu"))
                .withNormalize((Boolean) c.get("normalize"))
                .withResolution(Resolution.valueOf((String) c.get("resolution")))
                .withUpsampling(Upsampling.valueOf((String) c.get("upsampling")))
                .withEigenSmooth((Boolean) c.get("eigenSmooth"))
                .withAugSmooth((Boolean) c.get("augSmooth"))
                .withMaskUpsampling(Upsampling.valueOf((String) c.get("maskUpsampling")));
    }
}
