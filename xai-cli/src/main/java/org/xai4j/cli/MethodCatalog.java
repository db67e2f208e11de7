package org.xai4j.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.attribution.AttributionMethod;
import org.xai4j.attribution.GradientShap;
import org.xai4j.attribution.GradientShapConfig;
import org.xai4j.attribution.InputXGradient;
import org.xai4j.attribution.InputXGradientConfig;
import org.xai4j.attribution.IntegratedGradients;
import org.xai4j.attribution.IntegratedGradientsConfig;
import org.xai4j.attribution.NoiseTunnel;
import org.xai4j.attribution.NoiseTunnelConfig;
import org.xai4j.attribution.NoiseTunnelType;
import org.xai4j.attribution.Quadrature;
import org.xai4j.attribution.Saliency;
import org.xai4j.attribution.SaliencyConfig;
import org.xai4j.core.Attribution;
import org.xai4j.core.Explanation;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Names;
import org.xai4j.models.io.Npy;
import org.xai4j.cli.MethodEntry.Output;
import org.xai4j.cli.MethodEntry.ParamDoc;

/** Every method the command line can run, by CLI name. */
public final class MethodCatalog {
    private static final Map<String, MethodEntry> ENTRIES = build();

    private MethodCatalog() {
    }

    /** All methods in a stable order. */
    public static List<MethodEntry> all() {
        return List.copyOf(ENTRIES.values());
    }

    /** The method called {@code name}; a usage error listing close names otherwise. */
    public static MethodEntry get(String name) {
        MethodEntry e = ENTRIES.get(name);
        if (e == null) {
            List<String> close = Names.closest(name, ENTRIES.keySet(), 3);
            throw new UsageException("unknown method '" + name + "'" + (close.isEmpty() ? "" : " (did you mean "
                    + String.join(", ", close) + "?)") + "; 'xai methods' lists them");
        }
        return e;
    }

    static ParamDoc p(String name, String def, String description) {
        return new ParamDoc(name, def, description);
    }

    static BatchPolicy batch(Params p) {
        return BatchPolicy.ofRows(p.integer("batch-size", 64));
    }

    static INDArray attributionValues(Explanation e) {
        return ((Attribution) e).values();
    }

    private static Map<String, MethodEntry> build() {
        List<MethodEntry> list = new ArrayList<>();
        ParamDoc batch = p("batch-size", "64", "rows per model call");
        list.add(new MethodEntry("saliency", Output.ATTRIBUTION,
                List.of(p("abs", "true", "absolute value of the gradient (Captum's default)"),
                        p("max-over-channels", "false", "keep the largest channel per pixel"), batch),
                (m, p, l) -> new Saliency(m.differentiable("saliency"), SaliencyConfig.builder()
                        .abs(p.bool("abs", true)).maxOverChannels(p.bool("max-over-channels", false))
                        .batchPolicy(batch(p)).build()),
                MethodCatalog::attributionValues));
        list.add(new MethodEntry("input-x-gradient", Output.ATTRIBUTION, List.of(batch),
                (m, p, l) -> new InputXGradient(m.differentiable("input-x-gradient"),
                        InputXGradientConfig.builder().batchPolicy(batch(p)).build()),
                MethodCatalog::attributionValues));
        list.add(new MethodEntry("integrated-gradients", Output.ATTRIBUTION,
                List.of(p("steps", "50", "points on the path"),
                        p("method", "gauss-legendre", "gauss-legendre|riemann-left|riemann-right|riemann-middle|riemann-trapezoid"),
                        p("baseline", "zeros", "a number, zeros, blur:SIGMA or uniform:LO:HI"),
                        p("multiply-by-inputs", "true", "multiply the path integral by (input - baseline)"),
                        p("seed", "0", "seed for random baselines"), batch),
                (m, p, l) -> new IntegratedGradients(m.differentiable("integrated-gradients"), igConfig(p)),
                MethodCatalog::attributionValues));
        list.add(new MethodEntry("gradient-shap", Output.ATTRIBUTION,
                List.of(p("background", "zeros", "a .npy file of reference rows, or zeros"),
                        p("samples", "5", "random baselines and path points per row"),
                        p("noise-sd", "0.0", "Gaussian noise added to the input"), p("seed", "0", "random seed"), batch),
                (m, p, l) -> new GradientShap(m.differentiable("gradient-shap"),
                        GradientShapConfig.builder(Baseline.background(background(p, m)))
                                .samples(p.integer("samples", 5)).noiseSd(p.number("noise-sd", 0.0))
                                .seed(p.longValue("seed", 0)).batchPolicy(batch(p)).build()),
                MethodCatalog::attributionValues));
        list.add(new MethodEntry("smoothgrad", Output.ATTRIBUTION,
                List.of(p("of", "saliency", "the method smoothed: saliency|input-x-gradient|integrated-gradients"),
                        p("type", "smoothgrad", "smoothgrad|smoothgrad-sq|vargrad"),
                        p("samples", "25", "noisy copies per row"),
                        p("stdevs", "0.15", "noise sd as a fraction of each input's range (SmoothGrad paper: 10-20%)"),
                        p("seed", "0", "random seed"), batch),
                (m, p, l) -> new NoiseTunnel(inner(m, p), NoiseTunnelConfig.builder()
                        .type(p.choice("type", NoiseTunnelType.class, NoiseTunnelType.SMOOTHGRAD))
                        .samples(p.integer("samples", 25)).fractionOfRange(p.number("stdevs", 0.15))
                        .seed(p.longValue("seed", 0)).batchPolicy(batch(p)).build()),
                MethodCatalog::attributionValues));
        CliMethods.addRules(list);
        CliMethods.addCam(list);
        CliMethods.addPerturbation(list);
        Map<String, MethodEntry> m = new LinkedHashMap<>();
        for (MethodEntry e : list) {
            m.put(e.name(), e);
        }
        return Collections.unmodifiableMap(m);
    }

    static IntegratedGradientsConfig igConfig(Params p) {
        return IntegratedGradientsConfig.builder().steps(p.integer("steps", 50))
                .quadrature(p.choice("method", Quadrature.class, Quadrature.GAUSS_LEGENDRE))
                .baseline(Baselines.parse(p.string("baseline", "zeros")))
                .multiplyByInputs(p.bool("multiply-by-inputs", true)).seed(p.longValue("seed", 0))
                .batchPolicy(batch(p)).build();
    }

    private static AttributionMethod inner(ModelHandle m, Params p) {
        DifferentiableModel d = m.differentiable("smoothgrad");
        String of = p.string("of", "saliency");
        return switch (of) {
            case "saliency" -> new Saliency(d, SaliencyConfig.builder().abs(false).batchPolicy(batch(p)).build());
            case "input-x-gradient" -> new InputXGradient(d, InputXGradientConfig.builder().batchPolicy(batch(p)).build());
            case "integrated-gradients" -> new IntegratedGradients(d, IntegratedGradientsConfig.builder().batchPolicy(batch(p)).build());
            default -> throw new UsageException("parameter of must be saliency, input-x-gradient or integrated-gradients but was '" + of + "'");
        };
    }

    static INDArray background(Params p, ModelHandle m) {
        String bg = p.string("background", "zeros");
        if (bg.equals("zeros")) {
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
            return org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape);
        }
        java.nio.file.Path path = java.nio.file.Path.of(bg);
        if (!java.nio.file.Files.isRegularFile(path)) {
            throw new UsageException("background file not found: " + bg);
        }
        return Npy.read(path);
    }
}
