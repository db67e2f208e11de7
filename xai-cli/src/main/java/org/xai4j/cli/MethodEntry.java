package org.xai4j.cli;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.Explainer;
import org.xai4j.core.Explanation;

/**
 * One method the command line knows: its CLI name, what it produces, its parameters (kebab case, with
 * defaults) and how to build it from a model and {@code --param} settings.
 *
 * @param name    the CLI name, e.g. {@code integrated-gradients}
 * @param output  what kind of map it writes
 * @param params  the parameters with their defaults, for {@code xai methods} and error messages
 * @param factory builds the explainer; reads every parameter it supports from {@link Params}
 * @param values  the array written to {@code <method>.npy}
 * @param extras  further arrays, each written to {@code <method>.<key>.npy} (e.g. CRP's channel relevance)
 */
public record MethodEntry(String name, Output output, List<ParamDoc> params, Factory factory,
                          Function<Explanation, INDArray> values, Map<String, Function<Explanation, INDArray>> extras) {
    public MethodEntry {
        extras = Map.copyOf(extras);
    }

    /** An entry that writes only {@code <method>.npy}. */
    public MethodEntry(String name, Output output, List<ParamDoc> params, Factory factory,
                       Function<Explanation, INDArray> values) {
        this(name, output, params, factory, values, Map.of());
    }

    /** What a method's map looks like. */
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

    /** Builds the explainer. */
    @FunctionalInterface
    public interface Factory {
        Explainer<INDArray, ? extends Explanation> create(ModelHandle model, Params params, String layer);
    }

    /** The parameter names. */
    public List<String> paramNames() {
        return params.stream().map(ParamDoc::name).toList();
    }
}
