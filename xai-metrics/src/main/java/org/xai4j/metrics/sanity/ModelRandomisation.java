package org.xai4j.metrics.sanity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.Provenance;
import org.xai4j.core.UnsupportedModelException;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.Checks;
import org.xai4j.metrics.MapRows;
import org.xai4j.metrics.UndefinedMetricException;
import org.xai4j.metrics.faithfulness.AttributionFunction;
import org.xai4j.metrics.similarity.MapSimilarity;

/**
 * The model parameter randomisation test (Adebayo, Gilmer, Muelly, Goodfellow, Hardt, Kim: "Sanity Checks
 * for Saliency Maps", NeurIPS 2018). The maps of the trained model are compared with the maps of copies
 * whose parameters are progressively re-drawn at random, from the top (output) layer down (cascading), or
 * one layer at a time (independent). A method that is sensitive to the model shows similarity falling
 * towards 0; one whose maps stay similar to the originals after the model is destroyed fails the check.
 *
 * <p>The target is resolved once on the trained model's output, so every step explains the same classes.
 */
public final class ModelRandomisation {
    private final RandomisationConfig config;

    /**
     * The randomisation test with {@code config}.
     *
     * @param config the mode, measures, absolute comparison and seed
     * @throws org.xai4j.core.InvalidConfigException if {@code config} is null
     */
    public ModelRandomisation(RandomisationConfig config) {
        this.config = Checks.requireNonNull(config, "config");
    }

    /** The randomisation test with {@link RandomisationConfig#DEFAULTS}. */
    public ModelRandomisation() {
        this(RandomisationConfig.DEFAULTS);
    }

    /**
     * Runs the test.
     *
     * @param model        the trained model (not modified)
     * @param explainerFor builds the explanation method for a model (the trained one and each randomised copy)
     * @param input        N rows; not modified
     * @param target       the target explained
     * @param <M>          the model type
     * @return one step per randomisable layer, top layer first, with each row's similarities
     */
    public <M extends RandomisableModel<M>> RandomisationResult evaluate(M model, Function<? super M, AttributionFunction> explainerFor,
                                                                         INDArray input, Target target) {
        Checks.requireNonNull(model, "model");
        Checks.requireNonNull(explainerFor, "explainerFor");
        Checks.requireNonNull(target, "target");
        Checks.requireArray(input, "input");
        Checks.requireFinite(input, "input");
        List<String> layers = model.randomisableLayers();
        if (layers == null || layers.isEmpty()) {
            throw new UnsupportedModelException("model '" + model.id() + "' has no randomisable layers");
        }
        Target resolved = target.resolve(org.xai4j.core.model.ModelCalls.predict(model, input.dup()));
        INDArray originalMaps = explain(explainerFor.apply(model), input, resolved, "the trained model", null);
        long[] rowShape = MapRows.rowShape(originalMaps);
        double[][] original = transformed(originalMaps);
        List<RandomisationResult.Step> steps = new ArrayList<>();
        List<String> cumulative = new ArrayList<>();
        for (int j = layers.size() - 1; j >= 0; j--) {
            String layer = layers.get(j);
            List<String> randomised;
            if (config.mode() == RandomisationConfig.Mode.CASCADING) {
                cumulative.add(layer);
                randomised = List.copyOf(cumulative);
            } else {
                randomised = List.of(layer);
            }
            M copy = model.randomise(randomised, config.seed());
            double[][] maps = transformed(explain(explainerFor.apply(copy), input, resolved,
                    "the model with " + randomised + " randomised", rowShape));
            Map<String, double[]> sim = new LinkedHashMap<>();
            for (MapSimilarity m : config.measures()) {
                double[] v = new double[maps.length];
                for (int i = 0; i < maps.length; i++) {
                    try {
                        v[i] = m.between(original[i], maps[i], rowShape);
                    } catch (UndefinedMetricException e) {
                        v[i] = Double.NaN;
                    }
                }
                sim.put(m.name(), v);
            }
            steps.add(new RandomisationResult.Step(layer, randomised, sim));
        }
        Provenance prov = Provenance.of(new MethodDescriptor("model-parameter-randomisation", config.toMap(), Set.of()),
                model.id(), resolved.describe(), null, config.seed());
        return new RandomisationResult(steps, prov);
    }

    private static INDArray explain(AttributionFunction f, INDArray input, Target target, String which, long[] rowShape) {
        INDArray maps = f.attribute(input.dup(), target);
        Checks.requireRows(maps, "maps of " + which, input.size(0));
        long[] rs = MapRows.rowShape(maps);
        if (rowShape != null && !java.util.Arrays.equals(rowShape, rs)) {
            throw new InvalidShapeException("maps of " + which + " have rows of shape " + java.util.Arrays.toString(rs)
                    + " but the trained model's maps have " + java.util.Arrays.toString(rowShape));
        }
        return maps;
    }

    private double[][] transformed(INDArray maps) {
        double[][] rows = MapRows.rows(maps, "maps");
        if (config.absolute()) {
            for (double[] r : rows) {
                for (int e = 0; e < r.length; e++) {
                    r[e] = Math.abs(r[e]);
                }
            }
        }
        return rows;
    }
}
