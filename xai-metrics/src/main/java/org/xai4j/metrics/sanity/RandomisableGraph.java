package org.xai4j.metrics.sanity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.GraphBuilder;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.node.BatchNormNode;
import org.xai4j.core.graph.node.LinearNode;
import org.xai4j.core.util.Names;
import org.xai4j.core.util.Rng;

/**
 * The explanation graph as a {@link RandomisableModel}, for the model parameter randomisation test
 * (Adebayo et al., 2018) cascading from the output layer.
 *
 * <p>The randomisable layers are the graph's convolutions, transposed convolutions and dense layers
 * ({@link LinearNode}s other than batch norm, whose re-initialisation would be the identity). A randomised
 * layer's weight and bias are redrawn uniformly with the same standard deviation as the layer's current
 * weight and bias (so activations keep their scale whatever the layout of the weight), from a generator
 * seeded by the seed and the layer's name alone. The original graph is never changed.
 */
public final class RandomisableGraph implements RandomisableModel<RandomisableGraph> {
    private final Graph graph;
    private final List<String> layers;

    private RandomisableGraph(Graph graph) {
        this.graph = graph;
        List<String> l = new ArrayList<>();
        for (Node n : graph.nodes()) {
            if (n instanceof LinearNode && !(n instanceof BatchNormNode)) {
                l.add(n.name());
            }
        }
        this.layers = List.copyOf(l);
    }

    /**
     * Wraps {@code graph}.
     *
     * @param graph the trained graph (not modified; randomised copies are made from it)
     * @return the wrapper
     * @throws org.xai4j.core.InvalidConfigException if {@code graph} is null
     */
    public static RandomisableGraph of(Graph graph) {
        if (graph == null) {
            throw new org.xai4j.core.InvalidConfigException("graph must not be null");
        }
        return new RandomisableGraph(graph);
    }

    /**
     * The (possibly randomised) graph, to build explainers over.
     *
     * @return the graph this wrapper holds
     */
    public Graph graph() {
        return graph;
    }

    @Override
    public List<String> randomisableLayers() {
        return layers;
    }

    @Override
    public RandomisableGraph randomise(Collection<String> names, long seed) {
        Set<String> wanted = new HashSet<>();
        for (String name : names) {
            if (!layers.contains(name)) {
                throw new UnknownLayerException(name, Names.closest(name, layers, 5));
            }
            wanted.add(name);
        }
        GraphBuilder b = Graph.builder(graph.id() + "-randomised").input(graph.inputName(), graph.inputShape())
                .output(graph.outputName()).dataType(graph.dataType()).batchPolicy(graph.batchPolicy());
        graph.constants().forEach(b::constant);
        for (Node n : graph.nodes()) {
            if (wanted.contains(n.name())) {
                LinearNode ln = (LinearNode) n;
                Rng rng = Rng.seeded(seed * 0x9E3779B97F4A7C15L + n.name().hashCode());
                INDArray w = ln.weight();
                INDArray bias = ln.bias();
                b.node(ln.withParameters(redraw(w, rng), bias == null ? null : redraw(bias, rng)));
            } else {
                b.node(n);
            }
        }
        return new RandomisableGraph(b.build());
    }

    /** Uniform values of {@code like}'s shape and type with its standard deviation (√3·σ bounds). */
    private static INDArray redraw(INDArray like, Rng rng) {
        double sd = like.length() > 1 ? like.castTo(DataType.DOUBLE).stdNumber().doubleValue() : Math.abs(like.getDouble(0));
        double bound = Math.sqrt(3.0) * (sd > 0 ? sd : 1e-2);
        return rng.uniform(like.dataType(), -bound, bound, like.shape());
    }

    @Override
    public INDArray predict(INDArray input) {
        return graph.predict(input);
    }

    @Override
    public Optional<long[]> rowShape() {
        return graph.rowShape();
    }

    @Override
    public String id() {
        return graph.id();
    }

    @Override
    public String engine() {
        return graph.engine();
    }
}
