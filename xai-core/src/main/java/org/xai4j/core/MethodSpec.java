package org.xai4j.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.baseline.BackgroundBaseline;
import org.xai4j.core.util.Names;

/**
 * One method in the registry: its one name (kebab case, used by its explainer's descriptor, the command line
 * and the docs), its family, the model capability it needs, its settings record and their defaults, and how to
 * build it. Each method module lists its methods in a {@link Provider} named in
 * {@code META-INF/services/org.xai4j.core.MethodSpec$Provider}; {@link #all()} finds every module on the class
 * path.
 *
 * <p>Defaults: {@link #defaults} gives the settings a method runs with when nothing is set. They are the
 * record's {@code DEFAULTS}; where a setting has no default (a layer, a background set) the record's factory
 * fills the rest from the caller's {@link Given}, and where the library default does not suit a whole image
 * (every pixel its own feature, say) the entry starts from a documented preset built from {@code DEFAULTS}
 * by {@code with…} (see each provider).
 *
 * @param name     the method's one name, kebab case
 * @param family   what kind of method it is
 * @param model    the weakest model capability it needs (e.g. {@code DifferentiableModel.class})
 * @param settings the settings record
 * @param defaults the settings it runs with when nothing is set, given what has no default
 * @param aliases  command-line names of components whose CLI spelling differs (CLI name → component name)
 * @param params   settings set by one command-line parameter that spans components (e.g. {@code rules})
 * @param options  choices that are not settings of the explainer (e.g. the method SmoothGrad wraps)
 * @param factory  builds the explainer
 * @param <M>      the model capability
 * @param <C>      the settings record
 */
public record MethodSpec<M, C extends ExplainerConfig>(String name, Family family, Class<M> model, Class<C> settings,
                                                      Function<Given, C> defaults, Map<String, String> aliases,
                                                      List<Param<C>> params, List<Option> options, Factory<M, C> factory) {
    /** What kind of method. */
    public enum Family {
        /** Gradients of the model (saliency, Integrated Gradients, SmoothGrad, layer attributions). */
        GRADIENT,
        /** Backward rules on the explanation graph (DeepLIFT, guided backpropagation, LRP). */
        BACKWARD_RULES,
        /** Class activation maps at a layer. */
        CAM,
        /** Black-box perturbation (occlusion, LIME, Shapley values). */
        PERTURBATION
    }

    /** What a method's settings may need from the caller because it has no default. */
    public interface Given {
        /**
         * The layer a layer method or CAM looks at.
         *
         * @return the layer's name, or null where the caller gave none
         */
        String layer();

        /**
         * The reference rows of a method that averages over a background set.
         *
         * @return the background rows, or null where the caller gave none
         */
        BackgroundBaseline background();
    }

    /** Builds the explainer from a model, its settings and the {@link #options}' values. */
    @FunctionalInterface
    public interface Factory<M, C> {
        /**
         * The explainer of {@code model} with {@code settings}.
         *
         * @param model the model, of the spec's model type
         * @param settings the settings
         * @param options the values of the spec's options, by name
         * @return a new explainer
         */
        Explainer<INDArray, ? extends Explanation> create(M model, C settings, Map<String, String> options);
    }

    /**
     * A command-line parameter that sets several components at once.
     *
     * @param name  its kebab-case name
     * @param help  one line of help
     * @param shown the parameter's value in given settings, as the user would type it
     * @param apply  the settings with the parameter set to the text typed (throws {@link XaiException} or
     *               {@link IllegalArgumentException} on bad text)
     * @param covers the components it sets, which then have no parameter of their own
     * @param <C>    the settings record
     */
    public record Param<C>(String name, String help, Function<C, String> shown, BiFunction<C, String, C> apply,
                           List<String> covers) {
        /**
         * Copies {@code covers}.
         *
         * @param name its kebab-case name
         * @param help one line of help
         * @param shown the parameter's value in given settings
         * @param apply the settings with the parameter set to the text typed
         * @param covers the components it sets
         */
        public Param {
            covers = List.copyOf(covers);
        }
    }

    /**
     * A choice that is not a setting of the explainer, e.g. which method SmoothGrad smooths.
     *
     * @param name         its kebab-case name
     * @param help         one line of help
     * @param defaultValue its value when not given
     * @param choices      the values allowed
     */
    public record Option(String name, String help, String defaultValue, List<String> choices) {
        /**
         * Copies {@code choices}.
         *
         * @param name its kebab-case name
         * @param help one line of help
         * @param defaultValue its value when not given
         * @param choices the values allowed
         */
        public Option {
            choices = List.copyOf(choices);
        }
    }

    /** Lists a module's methods; named in {@code META-INF/services/org.xai4j.core.MethodSpec$Provider}. */
    public interface Provider {
        /**
         * The module's methods.
         *
         * @return the methods, in the order the command line lists them
         */
        List<MethodSpec<?, ?>> methods();
    }

    /**
     * Checks the name and copies the maps and lists.
     *
     * @param name the method's one name, kebab case
     * @param family what kind of method it is
     * @param model the weakest model capability it needs
     * @param settings the settings record
     * @param defaults the settings it runs with when nothing is set
     * @param aliases command-line names of components (CLI name → component name)
     * @param params settings set by one command-line parameter that spans components
     * @param options choices that are not settings of the explainer
     * @param factory builds the explainer
     * @throws InvalidConfigException if {@code name} is not kebab case
     */
    public MethodSpec {
        if (name == null || !name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new InvalidConfigException("a method name must be kebab case but was '" + name + "'");
        }
        aliases = Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
        params = List.copyOf(params);
        options = List.copyOf(options);
    }

    /**
     * A method with no aliases, multi-component parameters or options.
     *
     * @param name the method's one name, kebab case
     * @param family what kind of method it is
     * @param model the weakest model capability it needs
     * @param settings the settings record
     * @param defaults the settings it runs with when nothing is set, given what has no default
     * @param create builds the explainer from the model and the settings
     * @param <M> the model capability
     * @param <C> the settings record
     * @return the spec
     */
    public static <M, C extends ExplainerConfig> MethodSpec<M, C> of(String name, Family family, Class<M> model,
                                                                     Class<C> settings, Function<Given, C> defaults,
                                                                     BiFunction<M, C, Explainer<INDArray, ? extends Explanation>> create) {
        return new MethodSpec<>(name, family, model, settings, defaults, Map.of(), List.of(), List.of(),
                (m, c, o) -> create.apply(m, c));
    }

    /**
     * These settings with a component known on the command line as {@code cliName}.
     *
     * @param cliName the name on the command line, e.g. {@code steps}
     * @param component the record component it sets, e.g. {@code nSteps}
     * @return a new spec; this one is unchanged
     */
    public MethodSpec<M, C> alias(String cliName, String component) {
        Map<String, String> a = new LinkedHashMap<>(aliases);
        a.put(cliName, component);
        return new MethodSpec<>(name, family, model, settings, defaults, a, params, options, factory);
    }

    /**
     * This method with one more parameter that sets the components {@code covers} together.
     *
     * @param paramName the parameter's kebab-case name
     * @param help one line of help
     * @param shown the parameter's value in given settings, as the user would type it
     * @param apply the settings with the parameter set to the text typed
     * @param covers the components it sets
     * @return a new spec; this one is unchanged
     */
    public MethodSpec<M, C> param(String paramName, String help, Function<C, String> shown, BiFunction<C, String, C> apply,
                                  String... covers) {
        List<Param<C>> p = new ArrayList<>(params);
        p.add(new Param<>(paramName, help, shown, apply, List.of(covers)));
        return new MethodSpec<>(name, family, model, settings, defaults, aliases, p, options, factory);
    }

    /**
     * This method with one more option.
     *
     * @param option the option
     * @return a new spec; this one is unchanged
     */
    public MethodSpec<M, C> option(Option option) {
        List<Option> o = new ArrayList<>(options);
        o.add(option);
        return new MethodSpec<>(name, family, model, settings, defaults, aliases, params, o, factory);
    }

    /**
     * The explainer for {@code model} (checked against {@link #model}) with {@code settings}.
     *
     * @param model the model
     * @param settings the settings, of the spec's settings type
     * @param opts the options' values by name; null for none
     * @return a new explainer
     * @throws UnsupportedModelException if {@code model} is not of the spec's model type
     * @throws InvalidConfigException if {@code settings} is not of the spec's settings type
     */
    public Explainer<INDArray, ? extends Explanation> create(Object model, ExplainerConfig settings, Map<String, String> opts) {
        if (!this.model.isInstance(model)) {
            throw new UnsupportedModelException("method " + name + " needs a " + this.model.getSimpleName()
                    + " but got " + (model == null ? "null" : model.getClass().getSimpleName()));
        }
        if (!this.settings.isInstance(settings)) {
            throw new InvalidConfigException("method " + name + " takes " + this.settings.getSimpleName() + " but got "
                    + (settings == null ? "null" : settings.getClass().getSimpleName()));
        }
        return factory.create(this.model.cast(model), this.settings.cast(settings), opts == null ? Map.of() : opts);
    }

    /**
     * Every method of every module on the class path, in provider order.
     *
     * @return an unmodifiable list, loaded once through {@link java.util.ServiceLoader}
     */
    public static List<MethodSpec<?, ?>> all() {
        return Registry.ALL;
    }

    /**
     * The method called {@code name}; an {@link InvalidConfigException} naming the closest names otherwise.
     *
     * @param name the method's kebab-case name
     * @return the spec
     * @throws InvalidConfigException if no method has that name
     */
    public static MethodSpec<?, ?> named(String name) {
        for (MethodSpec<?, ?> s : all()) {
            if (s.name.equals(name)) {
                return s;
            }
        }
        List<String> close = Names.closest(name, all().stream().map(MethodSpec::name).toList(), 3);
        throw new InvalidConfigException("unknown method '" + name + "'"
                + (close.isEmpty() ? "" : " (did you mean " + String.join(", ", close) + "?)"));
    }

    /** Loaded once, on first use. */
    private static final class Registry {
        static final List<MethodSpec<?, ?>> ALL = load();

        private static List<MethodSpec<?, ?>> load() {
            List<MethodSpec<?, ?>> out = new ArrayList<>();
            Map<String, String> seen = new LinkedHashMap<>();
            for (Provider p : ServiceLoader.load(Provider.class, MethodSpec.class.getClassLoader())) {
                for (MethodSpec<?, ?> s : p.methods()) {
                    String before = seen.put(s.name, p.getClass().getName());
                    if (before != null) {
                        throw new IllegalStateException("method '" + s.name + "' is registered by " + before + " and "
                                + p.getClass().getName());
                    }
                    out.add(s);
                }
            }
            return List.copyOf(out);
        }
    }
}
