package org.xai4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.Help;
import org.xai4j.core.MethodSpec;
import org.xai4j.core.NotRecorded;
import org.xai4j.core.baseline.BackgroundBaseline;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.models.io.Npy;
import org.xai4j.models.onnx.OnnxImporter;

/**
 * The registry is the one list of methods and their defaults: the command line, the registry and every
 * explainer's descriptor agree on each method's one name, and every default the command line documents is the
 * settings record's (its {@code DEFAULTS}, or the record's factory for settings with no default), except the
 * image presets the providers document, listed here so that a new difference fails.
 */
class MethodRegistryTest {
    @TempDir
    static Path dir;

    /** (method, component) pairs whose registry default is a documented preset, not the record's DEFAULTS. */
    static final Set<String> PRESETS = Set.of(
            "smoothgrad.samples", "smoothgrad.noise", "smoothgrad.scale",
            "feature-ablation.segmenter", "kernel-shap.segmenter", "shapley-exact.segmenter",
            "shapley-sampling.segmenter", "partition-shap.rows", "partition-shap.cols", "partition-shap.baseline");

    @Test
    void oneNamePerMethodInTheRegistryTheCliAndTheDescriptors() throws Exception {
        List<String> registry = MethodSpec.all().stream().map(MethodSpec::name).toList();
        List<String> cli = MethodCatalog.all().stream().map(MethodEntry::name).toList();
        assertThat(cli).containsExactlyElementsOf(registry);
        assertThat(new TreeSet<>(registry)).hasSameSizeAs(registry);
        // the names the command line has always had (other tools rely on them)
        assertThat(registry).contains("saliency", "input-x-gradient", "integrated-gradients", "gradient-shap", "smoothgrad",
                "occlusion", "feature-ablation", "lime", "kernel-shap", "shapley-exact", "shapley-sampling", "partition-shap",
                "gradcam", "gradcam-plus-plus", "xgradcam", "hirescam", "layercam", "scorecam", "ablationcam", "eigencam",
                "eigen-gradcam", "deeplift", "deeplift-shap", "guided-backprop", "deconvolution", "guided-gradcam");

        ModelHandle cnn = ModelHandle.of(OnnxImporter.read(writeModel()));
        Path rows = dir.resolve("tabular.npy");
        Npy.write(Nd4j.rand(DataType.DOUBLE, 6, 4), rows);
        ModelHandle tabular = ModelHandle.of(PredictionFunction.of("sum", in -> in.sum(true, 1)));
        for (MethodSpec<?, ?> s : MethodSpec.all()) {
            boolean isTabular = s.name().equals("lime-tabular");
            Params p = Params.parse(isTabular ? List.of("background=" + rows) : List.of());
            var explainer = MethodCatalog.get(s.name()).create(isTabular ? tabular : cnn, p, null);
            assertThat(explainer.descriptor().name()).as("descriptor of " + s.name()).isEqualTo(s.name());
        }
    }

    @Test
    void theCostsAreKeyedByRegistryNames() {
        // 'xai methods NAME' prints the cost; a key spelled differently would leave its method with "counted as they
        // happen" (a method without an entry gets that too, so a new method needs no edit here)
        assertThat(MethodSpec.all().stream().map(MethodSpec::name).toList()).containsAll(MethodsCommand.COST.keySet());
    }

    @Test
    void everyDocumentedDefaultIsTheRecordsDefault() throws Exception {
        Set<String> differences = new TreeSet<>();
        for (MethodSpec<?, ?> s : MethodSpec.all()) {
            ExplainerConfig registry = s.defaults().apply(GIVEN);
            ExplainerConfig record = recordDefaults(s.settings());
            Map<String, String> shown = new LinkedHashMap<>();
            for (MethodEntry.ParamDoc d : MethodCatalog.get(s.name()).params()) {
                shown.put(d.name(), d.defaultValue());
            }
            for (RecordComponent c : s.settings().getRecordComponents()) {
                Object v = c.getAccessor().invoke(registry);
                if (record != null && !same(v, c.getAccessor().invoke(record))) {
                    differences.add(s.name() + "." + c.getName());
                }
                String key = MethodEntry.cliName(s, c.getName());
                if (shown.containsKey(key) && CliValues.parseable(c.getType())) {
                    assertThat(shown.get(key)).as(s.name() + " " + key).isEqualTo(CliValues.format(v));
                }
                if (!c.isAnnotationPresent(NotRecorded.class)) {
                    assertThat(c.getAnnotation(Help.class)).as("@Help on " + s.settings().getSimpleName() + "." + c.getName())
                            .isNotNull();
                }
            }
        }
        assertThat(differences).containsExactlyInAnyOrderElementsOf(PRESETS);
    }

    @Test
    void theDocsMethodTableIsWhatXaiMethodsPrints() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "cli.md"));
        int section = doc.indexOf("## `xai methods");
        int from = doc.indexOf("```\n", section) + 4;
        String table = doc.substring(from, doc.indexOf("```\n", from));
        assertThat(table).isEqualTo(CliTest.xai("methods").out());
    }

    @Test
    void namedMethodsShowEachParametersHelpFromTheRecord() {
        CliTest.Run r = CliTest.xai("methods", "kernel-shap");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("    samples ").contains("0 means shap's auto, 2F + 2048").contains("(default 0)")
                .contains("    paired ").contains("each sampled coalition comes with its complement (default true)");
        assertThat(CliTest.xai("methods", "kernel-shapp").err()).contains("unknown method 'kernel-shapp'");
    }

    @Test
    void theCliNoLongerRestatesDefaults() {
        // KernelSHAP: shap's automatic count (2F + 2048, stored as 0) is the only default; the CLI said 2000
        assertThat(doc("kernel-shap", "samples")).isEqualTo("0");
        assertThat(doc("kernel-shap", "grid")).isEqualTo("7");
        assertThat(doc("integrated-gradients", "steps")).isEqualTo("50");
        assertThat(doc("integrated-gradients", "method")).isEqualTo("gauss-legendre");
        assertThat(doc("scorecam", "batch-size")).isEqualTo("16");
        assertThat(doc("lime", "superpixels")).isEqualTo("slic:50");
        assertThat(doc("lime", "hide")).isEqualTo("mean");
        assertThat(doc("partition-shap", "masker")).isEqualTo("blur:2.0");
        assertThat(doc("smoothgrad", "stdevs")).isEqualTo("0.15");
        assertThat(doc("smoothgrad", "of")).isEqualTo("saliency");
        assertThat(doc("deeplift", "rules")).isEqualTo("captum");
        assertThat(doc("occlusion", "window")).isEqualTo("4,4");
        assertThat(doc("occlusion", "stride")).isEqualTo("2,2");
    }

    @Test
    void parametersBindByComponentWithTheUsersSpelling() throws Exception {
        ModelHandle tabular = ModelHandle.of(PredictionFunction.of("sum", in -> in.sum(true, 1)));
        var ks = MethodCatalog.get("kernel-shap").create(tabular, Params.parse(List.of("samples=64", "paired=FALSE",
                "baseline=blur:1.5", "seed=7", "batch-size=8", "grid=3")), null);
        Map<String, String> m = ks.descriptor().config();
        assertThat(m).containsEntry("samples", "64").containsEntry("paired", "false").containsEntry("seed", "7")
                .containsEntry("batch.maxRows", "8").containsEntry("segmenter", "grid 3x3")
                .containsEntry("baseline", Baseline.blur(1.5).describe());
        var ig = MethodCatalog.get("integrated-gradients").create(tabular(), Params.parse(List.of("method=RIEMANN_left")), null);
        assertThat(ig.descriptor().config()).containsEntry("quadrature", "RIEMANN_LEFT");
        // a nested settings record's components are parameters too
        ModelHandle cnn = ModelHandle.of(OnnxImporter.read(writeModel()));
        var lig = MethodCatalog.get("layer-integrated-gradients").create(cnn, Params.parse(List.of("steps=8",
                "method=riemann-middle")), "/Relu");
        assertThat(lig.descriptor().config()).containsEntry("layer", "/Relu").containsEntry("integration.steps", "8")
                .containsEntry("integration.quadrature", "RIEMANN_MIDDLE");
        assertThatThrownBy(() -> MethodCatalog.get("integrated-gradients").create(tabular(), Params.parse(List.of("steps=0")), null))
                .isInstanceOf(UsageException.class).hasMessageContaining("parameter steps").hasMessageContaining("at least 1");
        assertThatThrownBy(() -> MethodCatalog.get("kernel-shap").create(tabular, Params.parse(List.of("batch-size=0")), null))
                .isInstanceOf(UsageException.class).hasMessageContaining("parameter batch-size");
        assertThatThrownBy(() -> MethodCatalog.get("lime").create(tabular, Params.parse(List.of("hide=blur:x")), null))
                .isInstanceOf(UsageException.class).hasMessageContaining("hide");
    }

    private static ModelHandle tabular() {
        return ModelHandle.of(new org.xai4j.testkit.models.LinearModel(new double[][] {{1, 2}, {3, 4}}, new double[] {0, 0}, 2));
    }

    private static String doc(String method, String param) {
        return MethodCatalog.get(method).params().stream().filter(p -> p.name().equals(param)).findFirst()
                .orElseThrow(() -> new AssertionError(method + " has no parameter " + param)).defaultValue();
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof int[] x && b instanceof int[] y) {
            return java.util.Arrays.equals(x, y);
        }
        if (a instanceof org.xai4j.core.Describable x && b instanceof org.xai4j.core.Describable y) {
            return x.describe().equals(y.describe());
        }
        return Objects.equals(a, b);
    }

    /** The record's {@code DEFAULTS}, or null for settings that have none (a layer or background is required). */
    private static ExplainerConfig recordDefaults(Class<?> settings) throws IllegalAccessException {
        for (Field f : settings.getFields()) {
            if (f.getName().equals("DEFAULTS") && Modifier.isStatic(f.getModifiers())) {
                return (ExplainerConfig) f.get(null);
            }
        }
        return null;
    }

    private static Path writeModel() throws Exception {
        Path model = dir.resolve("fashion-cnn.onnx");
        Files.write(model, Demo.resource("fashion-cnn.onnx"));
        return model;
    }

    private static final MethodSpec.Given GIVEN = new MethodSpec.Given() {
        @Override
        public String layer() {
            return "layer";
        }

        @Override
        public BackgroundBaseline background() {
            return Baseline.background(Nd4j.zeros(DataType.FLOAT, 1, 4));
        }
    };
}
