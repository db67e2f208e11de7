package org.xai4j.cli;

import org.xai4j.attribution.lrp.ConceptRelevance;
import org.xai4j.attribution.lrp.Crp;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.Attribution;
import org.xai4j.core.Explainer;
import org.xai4j.core.ExplainerConfig;
import org.xai4j.core.Explanation;
import org.xai4j.core.Help;
import org.xai4j.core.MethodSpec;
import org.xai4j.core.NotRecorded;
import org.xai4j.core.XaiException;
import org.xai4j.core.baseline.BackgroundBaseline;
import org.xai4j.core.baseline.Baseline;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.cam.CamMap;
import org.xai4j.perturbation.features.Segmenter;
import org.xai4j.perturbation.lime.LimeExplanation;
import org.xai4j.perturbation.shapley.ShapleyExplanation;

/**
 * One registry method as the command line runs it. Its parameters are derived from the settings record: each
 * component is a parameter named after it in kebab case (or the registry's alias), typed by the component
 * ({@link CliValues}), documented by its {@link Help}, its default the value in the registry's defaults; a
 * {@link BatchPolicy} is {@code batch-size}, a {@link Segmenter} is {@code grid}/{@code superpixels}, a
 * background set is {@code background} (a .npy file or zeros), a layer comes from {@code --layer}. The
 * settings are built through the record's canonical constructor, so its validation speaks; errors name the
 * parameter as typed.
 *
 * @param spec   the registry entry
 * @param params the parameters with their defaults and help, in order
 */
public record MethodEntry(MethodSpec<?, ?> spec, List<ParamDoc> params) {
    /** What kind of map a result is. */
    public enum Output {
        /** The input's shape: one value per input element. */
        ATTRIBUTION,
        /** N×H×W: one value per pixel. */
        CAM,
        /** N×K×(input row shape): one input-shaped map per concept (CRP's conditioned channels). */
        CONCEPT_MAPS
    }

    /** A documented parameter. */
    public record ParamDoc(String name, String defaultValue, String description) {
    }

    /** The entry for {@code spec}, its parameters documented from the defaults it runs with. */
    static MethodEntry of(MethodSpec<?, ?> spec) {
        ShownGiven given = new ShownGiven();
        ExplainerConfig defaults = spec.defaults().apply(given);
        List<ParamDoc> docs = new ArrayList<>();
        if (given.backgroundUsed) {
            docs.add(new ParamDoc("background", MethodCatalog.ZEROS, "a .npy file of reference rows, or zeros"));
        }
        for (MethodSpec.Option o : spec.options()) {
            docs.add(new ParamDoc(o.name(), o.defaultValue(), o.help() + ": " + String.join("|", o.choices())));
        }
        for (MethodSpec.Param<?> p : spec.params()) {
            docs.add(new ParamDoc(p.name(), shown(p, defaults), p.help()));
        }
        document(spec, defaults, docs);
        return new MethodEntry(spec, List.copyOf(docs));
    }

    /**
     * The method's one name.
     *
     * @return the registry name, as typed after {@code xai explain}
     */
    public String name() {
        return spec.name();
    }

    /**
     * The parameter names.
     *
     * @return the kebab-case keys {@code --param} accepts for this method, in documentation order
     */
    public List<String> paramNames() {
        return params.stream().map(ParamDoc::name).toList();
    }

    /**
     * The explainer for {@code model} with the settings given as {@code --param}s and {@code --layer}.
     *
     * @param model the loaded model
     * @param p     the {@code --param} settings; the ones read are marked used
     * @param layer the {@code --layer} value (a node or its output's name), or null for the method's default
     *              (for CAM methods the last spatial layer)
     * @return the configured explainer
     * @throws UsageException if a parameter value is malformed or not among an option's choices
     * @throws org.xai4j.core.UnknownLayerException if the layer is not in the model
     */
    public Explainer<INDArray, ? extends Explanation> create(ModelHandle model, Params p, String layer) {
        Object m = capability(model);
        ExplainerConfig c = spec.defaults().apply(new MethodSpec.Given() {
            @Override
            public String layer() {
                LayeredModel l = model.layered(spec.name());
                return layer == null ? MethodCatalog.defaultCamLayer(l)
                        : l instanceof Graph g ? g.node(layer).name() : layer; // a node or its output's name
            }

            @Override
            public BackgroundBaseline background() {
                return Baseline.background(MethodCatalog.background(p, model));
            }
        });
        c = applyParams(c, p);
        c = bind(c, p);
        Map<String, String> options = new LinkedHashMap<>();
        for (MethodSpec.Option o : spec.options()) {
            String v = p.string(o.name(), o.defaultValue());
            if (!o.choices().contains(v)) {
                throw new UsageException("parameter " + o.name() + " must be one of " + String.join("|", o.choices())
                        + " but was '" + v + "'");
            }
            options.put(o.name(), v);
        }
        return spec.create(m, c, options);
    }

    /**
     * The array written to {@code <method>.npy}.
     *
     * @param e an explanation of any type the catalogue's methods return
     * @return its per-input map: CRP's conditional maps, a CAM map, or the values of an attribution, a LIME or
     *         a Shapley explanation
     * @throws IllegalStateException for an explanation type with no map
     */
    public static INDArray values(Explanation e) {
        if (e instanceof ConceptRelevance crp) {
            return crp.conditional();
        }
        if (e instanceof CamMap cam) {
            return cam.map();
        }
        if (e instanceof Attribution a) {
            return a.values();
        }
        if (e instanceof LimeExplanation l) {
            return l.attribution().values();
        }
        if (e instanceof ShapleyExplanation s) {
            return s.attribution().values();
        }
        throw new IllegalStateException("no map in a " + e.getClass().getSimpleName());
    }

    /** What kind of map {@link #values} gives for {@code e}. */
    static Output output(Explanation e) {
        return e instanceof CamMap ? Output.CAM : e instanceof ConceptRelevance ? Output.CONCEPT_MAPS : Output.ATTRIBUTION;
    }

    /** Further arrays of a result, each written to {@code <method>.<key>.npy} (CRP's channel relevance). */
    static Map<String, INDArray> extras(Explanation e) {
        return e instanceof ConceptRelevance crp ? Map.of(CHANNEL_RELEVANCE, crp.channelRelevance()) : Map.of();
    }

    /** The keys of {@link #extras} this method's results carry, known before it runs (for the output checks). */
    List<String> extraFiles() {
        return spec.name().equals(Crp.NAME) ? List.of(CHANNEL_RELEVANCE) : List.of();
    }

    private static final String CHANNEL_RELEVANCE = "channel-relevance";

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ExplainerConfig applyParams(ExplainerConfig c, Params p) {
        for (MethodSpec.Param param : spec.params()) {
            if (p.has(param.name())) {
                String text = p.string(param.name(), null);
                try {
                    c = (ExplainerConfig) param.apply().apply(c, text);
                } catch (XaiException | IllegalArgumentException e) {
                    throw new UsageException("parameter " + param.name() + ": " + e.getMessage(), e);
                }
            }
        }
        return c;
    }

    /** One line per component of {@code settings} that has a parameter; a nested settings record's components too. */
    private static void document(MethodSpec<?, ?> spec, ExplainerConfig settings, List<ParamDoc> docs) {
        for (RecordComponent c : settings.getClass().getRecordComponents()) {
            Class<?> t = c.getType();
            String help = c.isAnnotationPresent(Help.class) ? c.getAnnotation(Help.class).value() : "";
            Object v = value(settings, c);
            if (t == Segmenter.class) {
                docs.add(new ParamDoc("grid", CliValues.gridText((Segmenter) v), "features are G×G equal cells"));
                docs.add(new ParamDoc("superpixels", CliValues.superpixelsText((Segmenter) v),
                        "slic:N, felzenszwalb:K or watershed:MIN instead of a grid"));
            } else if (t == BatchPolicy.class) {
                docs.add(new ParamDoc("batch-size", CliValues.format(v), help));
            } else if (v instanceof ExplainerConfig nested && t.isRecord()) {
                document(spec, nested, docs);
            } else if (bound(spec, c)) {
                docs.add(new ParamDoc(cliName(spec, c.getName()), CliValues.format(v), help));
            }
        }
    }

    /** {@code c} with every given parameter set on its component (a nested settings record's too). */
    private ExplainerConfig bind(ExplainerConfig c, Params p) {
        RecordComponent[] comps = c.getClass().getRecordComponents();
        for (int i = 0; i < comps.length; i++) {
            RecordComponent rc = comps[i];
            Class<?> t = rc.getType();
            String key = t == BatchPolicy.class ? "batch-size" : cliName(spec, rc.getName());
            try {
                if (t == Segmenter.class && (p.has("grid") || p.has("superpixels"))) {
                    key = p.has("grid") ? "grid" : "superpixels";
                    c = with(c, comps, i, CliValues.segmenter(p, (Segmenter) value(c, rc)), key);
                } else if (t == BatchPolicy.class && p.has(key)) {
                    c = with(c, comps, i, BatchPolicy.ofRows(p.integer(key, 0)), key);
                } else if (value(c, rc) instanceof ExplainerConfig nested && t.isRecord()) {
                    ExplainerConfig bound = bind(nested, p);
                    if (bound != nested) {
                        c = with(c, comps, i, bound, rc.getName());
                    }
                } else if (bound(spec, rc) && p.has(key)) {
                    c = with(c, comps, i, CliValues.parse(t, key, p), key);
                }
            } catch (UsageException e) {
                throw e;
            } catch (XaiException e) {
                throw new UsageException("parameter " + key + ": " + e.getMessage(), e);
            }
        }
        return c;
    }

    /** {@code c} with component {@code i} set through the canonical constructor; errors name {@code key}. */
    private ExplainerConfig with(ExplainerConfig c, RecordComponent[] comps, int i, Object v, String key) {
        Class<?>[] types = new Class<?>[comps.length];
        Object[] values = new Object[comps.length];
        for (int j = 0; j < comps.length; j++) {
            types[j] = comps[j].getType();
            values[j] = j == i ? v : value(c, comps[j]);
        }
        try {
            Constructor<?> k = c.getClass().getDeclaredConstructor(types);
            return (ExplainerConfig) k.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof XaiException x) {
                throw new UsageException("parameter " + key + ": " + x.getMessage(), x);
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + c.getClass().getSimpleName(), e);
        }
    }

    private Object capability(ModelHandle model) {
        Class<?> need = spec.model();
        if (need == Graph.class) {
            return model.graph(spec.name());
        }
        if (need == LayeredModel.class) {
            return model.layered(spec.name());
        }
        if (need == DifferentiableModel.class) {
            return model.differentiable(spec.name());
        }
        if (need == PredictionFunction.class) {
            return model.prediction();
        }
        throw new IllegalStateException("no model of type " + need.getSimpleName() + " on the command line");
    }

    /** Whether component {@code c} is a parameter named after it (not a layer, background or watcher). */
    private static boolean bound(MethodSpec<?, ?> spec, RecordComponent c) {
        String name = cliName(spec, c.getName());
        boolean shadowed = spec.params().stream().anyMatch(p -> p.name().equals(name) || p.covers().contains(c.getName()));
        return !shadowed && !c.isAnnotationPresent(NotRecorded.class) && CliValues.parseable(c.getType());
    }

    /** The command-line name of a component: the registry's alias, else its name in kebab case. */
    static String cliName(MethodSpec<?, ?> spec, String component) {
        for (var e : spec.aliases().entrySet()) {
            if (e.getValue().equals(component)) {
                return e.getKey();
            }
        }
        return component.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String shown(MethodSpec.Param p, ExplainerConfig defaults) {
        return (String) p.shown().apply(defaults);
    }

    private static Object value(ExplainerConfig c, RecordComponent rc) {
        try {
            return rc.getAccessor().invoke(c);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + rc.getName(), e);
        }
    }

    /** The caller's inputs as {@code xai methods} shows them: a placeholder layer and a one-row background. */
    private static final class ShownGiven implements MethodSpec.Given {
        boolean backgroundUsed;

        @Override
        public String layer() {
            return "LAYER";
        }

        @Override
        public BackgroundBaseline background() {
            backgroundUsed = true;
            return Baseline.background(Nd4j.zeros(DataType.FLOAT, 1, 1));
        }
    }
}
