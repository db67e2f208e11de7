package org.xai4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.attribution.gradient.DeepLift;
import org.xai4j.attribution.gradient.GuidedBackprop;
import org.xai4j.cam.CamLayers;
import org.xai4j.cam.CamMethod;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.MethodSpec;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.util.Names;
import org.xai4j.models.io.Npy;
import org.xai4j.perturbation.lime.Lime;
import org.xai4j.perturbation.occlusion.Occlusion;
import org.xai4j.perturbation.shapley.KernelShap;

/** Every method the command line can run: the method registry ({@link MethodSpec#all()}), by name. */
public final class MethodCatalog {
    private static final Map<String, MethodEntry> ENTRIES = build();

    private MethodCatalog() {
    }

    /**
     * All methods in registry order.
     *
     * @return an unmodifiable list of every method the command line can run
     */
    public static List<MethodEntry> all() {
        return List.copyOf(ENTRIES.values());
    }

    /**
     * The method called {@code name}; a usage error listing close names otherwise.
     *
     * @param name the method's registry name, e.g. {@code integrated-gradients}
     * @return the method's entry
     * @throws UsageException if no method has that name (the message suggests up to three close names)
     */
    public static MethodEntry get(String name) {
        MethodEntry e = ENTRIES.get(name);
        if (e == null) {
            List<String> close = Names.closest(name, ENTRIES.keySet(), 3);
            throw new UsageException("unknown method '" + name + "'" + (close.isEmpty() ? "" : " (did you mean "
                    + String.join(", ", close) + "?)") + "; 'xai methods' lists them");
        }
        return e;
    }

    private static Map<String, MethodEntry> build() {
        Map<String, MethodEntry> m = new LinkedHashMap<>();
        for (MethodSpec<?, ?> s : MethodSpec.all()) {
            m.put(s.name(), MethodEntry.of(s));
        }
        return Collections.unmodifiableMap(m);
    }

    /** The {@code background} parameter's default: one all-zero row of the model's input. */
    static final String ZEROS = "zeros";

    /** {@code background=FILE.npy}, or zeros of one row of the model's input (the default). */
    static INDArray background(Params p, ModelHandle m) {
        String bg = p.string("background", ZEROS);
        if (bg.equals(ZEROS)) {
            long[] row = m.prediction().rowShape().orElseThrow(() -> new UsageException(
                    "the model does not declare its input shape; give background=FILE.npy"));
            long[] shape = new long[row.length + 1];
            shape[0] = 1;
            for (int i = 0; i < row.length; i++) {
                if (row[i] < 0) {
                    throw new UsageException("the model's input has free sizes; give background=FILE.npy");
                }
                shape[i + 1] = row[i];
            }
            return Nd4j.zeros(DataType.FLOAT, shape);
        }
        Path path = Path.of(bg);
        if (!Files.isRegularFile(path)) {
            throw new UsageException("background file not found: " + bg);
        }
        return Npy.read(path);
    }

    /** The CAM layer when none is named: {@link CamLayers#lastSpatial}, the API's choice too. */
    static String defaultCamLayer(LayeredModel model) {
        try {
            return CamLayers.lastSpatial(model);
        } catch (InvalidConfigException e) {
            throw new UsageException(e.getMessage() + " (--layer NAME; xai layers lists them)");
        }
    }

    /** The demo's CAM and perturbation methods for {@code model}. */
    static List<Demo.Spec> demoSpecs(Graph model) {
        List<Demo.Spec> s = new ArrayList<>();
        s.add(new Demo.Spec("DeepLIFT", DeepLift.NAME, List.of(), null));
        s.add(new Demo.Spec("Guided backprop", GuidedBackprop.NAME, List.of(), null));
        s.add(new Demo.Spec("Grad-CAM", CamMethod.GRAD_CAM.methodName(), List.of(), defaultCamLayer(model)));
        s.add(new Demo.Spec("Score-CAM", CamMethod.SCORE_CAM.methodName(), List.of(), defaultCamLayer(model)));
        // occlusion's 4x4 window with stride 2 and KernelSHAP's 7x7 grid are the registry's image presets
        s.add(new Demo.Spec("Occlusion", Occlusion.NAME, List.of(), null));
        s.add(new Demo.Spec("LIME", Lime.NAME, List.of("superpixels=slic:40", "samples=500"), null));
        s.add(new Demo.Spec("KernelSHAP", KernelShap.NAME, List.of("samples=1000"), null));
        return s;
    }
}
