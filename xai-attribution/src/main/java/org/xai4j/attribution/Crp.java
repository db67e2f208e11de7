package org.xai4j.attribution;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.attribution.lrp.LrpComposite;
import org.xai4j.attribution.lrp.MergeBatchNorm;
import org.xai4j.core.Capability;
import org.xai4j.core.Explainer;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.MethodDescriptor;
import org.xai4j.core.Provenance;
import org.xai4j.core.graph.Composite;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.Propagation;
import org.xai4j.core.target.Target;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.core.util.Checks;

/**
 * Concept Relevance Propagation (Achtibat, Dreyer, Eisenbraun, Bosse, Wiegand, Samek &amp; Lapuschkin, "From
 * attribution maps to human-understandable explanations through Concept Relevance Propagation", Nature Machine
 * Intelligence 2023), as zennit-crp's {@code CondAttribution} with {@code ChannelConcept} and
 * {@code exclude_parallel=True}: LRP ({@link Lrp}'s composites and canonizer) from the target down to a layer L;
 * there, the relevance of all channels but one is zeroed, and only that channel's relevance continues down to the
 * input — <em>through L alone</em>: relevance that reaches the input along paths bypassing L (a residual block's
 * skip connection around L) is left out, so each channel's map shows what that channel contributes. Without that
 * exclusion the skip path's unmasked relevance, the same for every channel, dominates every map (all channels
 * "look the same").
 *
 * <p>For each input row the K conditioned channels go through the backward pass below L as one batch of K rows.
 * The result also holds every channel's relevance at L for the unconditioned prediction (summed over positions,
 * signed: zennit-crp's {@code ChannelConcept.attribute(relevance, abs_norm=False)}) and its
 * {@link ConceptRelevance#topChannels top channels}. Cost per row: one forward and backward pass of the model,
 * plus a forward and backward pass of the part of the model below L over K rows.
 */
public final class Crp implements Explainer<INDArray, ConceptRelevance> {
    /** The method's name in descriptors, provenance and the CLI. */
    public static final String NAME = "crp";

    private final Graph model;
    private final Graph canonical;
    private final CrpConfig config;
    private final Node layer;
    private final Composite composite;
    private final Graph below;
    private final Composite belowComposite;
    private final String compositeName;

    public Crp(Graph model, CrpConfig config) {
        this(model, Checks.requireNonNull(config, "config").lrpComposite(), config);
    }

    /** CRP with a custom LRP composite. */
    public Crp(Graph model, LrpComposite lrpComposite, CrpConfig config) {
        this.model = Checks.requireNonNull(model, "model");
        this.config = Checks.requireNonNull(config, "config");
        Checks.requireNonNull(lrpComposite, "composite");
        this.compositeName = lrpComposite.name();
        this.canonical = config.lrp().canonize() ? MergeBatchNorm.apply(model) : model;
        this.layer = canonical.node(config.layer());
        if (!canonical.dependsOnInput(layer.output())) {
            throw new InvalidConfigException("crp: layer '" + config.layer() + "' does not depend on the input");
        }
        this.composite = lrpComposite.bind(canonical);
        this.below = canonical.toBuilder().output(layer.output())
                .batchPolicy(BatchPolicy.ofRows(Math.max(1, config.channels().size()))).build();
        // The first layer of the part below L is the whole model's (the input reaches it first in both).
        Composite.Builder b = Composite.builder();
        Composite sub = lrpComposite.bind(below);
        for (Node n : below.nodes()) {
            b.byName(n.name(), composite.ruleFor(n));
        }
        this.belowComposite = b.fallback(sub.ruleFor(below.nodes().get(0))).build();
    }

    public CrpConfig config() {
        return config;
    }

    @Override
    public ConceptRelevance explain(INDArray input, Target target) {
        Prepared p = Prepared.of(model, input, target, config.lrp().batch());
        int rows = (int) input.size(0);
        List<Integer> channels = config.channels();
        int k = channels.size();
        INDArray[] maps = new INDArray[rows];
        INDArray[] channelRel = new INDArray[rows];
        for (int i = 0; i < rows; i++) {
            INDArray xi = input.get(NDArrayIndex.interval(i, i + 1)).dup();
            INDArray r = canonical.propagate(xi, Propagation.builder().target(config.lrp().init().apply(p.resolved().rows(i, i + 1))).composite(composite)
                    .layers(layer.name()).inputGradient(false).build()).gradients().get(layer.name());
            if (r.rank() < 2) {
                throw new InvalidConfigException("crp: layer '" + config.layer() + "' has no channels (its output has"
                        + " shape " + Arrays.toString(r.shape()) + "; expected N×C×…)");
            }
            long c = r.size(1);
            for (int ch : channels) {
                if (ch >= c) {
                    throw new InvalidConfigException("crp: channel " + ch + " is out of range: layer '" + config.layer()
                            + "' has " + c + " channels (0.." + (c - 1) + ")");
                }
            }
            channelRel[i] = r.rank() == 2 ? r.dup() : r.sum(range(2, r.rank())).reshape(1, c);
            long[] rs = r.shape();
            long[] ks = rs.clone();
            ks[0] = k;
            INDArray seed = Nd4j.zeros(r.dataType(), ks);
            for (int j = 0; j < k; j++) {
                seed.get(NDArrayIndex.point(j), NDArrayIndex.point(channels.get(j)))
                        .assign(r.get(NDArrayIndex.point(0), NDArrayIndex.point(channels.get(j))));
            }
            INDArray xs = Nd4j.concat(0, java.util.Collections.nCopies(k, xi).toArray(INDArray[]::new));
            Target conditioned = Target.function("relevance of " + config.layer() + " channels " + channels,
                    out -> Nd4j.zeros(out.dataType(), out.size(0)), out -> seed);
            INDArray g = below.propagate(xs, Propagation.builder().target(conditioned).composite(belowComposite).build())
                    .inputGradient().castTo(input.dataType());
            long[] shape = new long[g.rank() + 1];
            shape[0] = 1;
            System.arraycopy(g.shape(), 0, shape, 1, g.rank());
            maps[i] = g.reshape(shape);
        }
        INDArray conditional = Nd4j.concat(0, maps);
        INDArray rel = Nd4j.concat(0, channelRel).castTo(input.dataType());
        return new ConceptRelevance(config.layer(), channels, conditional, rel,
                Provenance.of(descriptor(), model.id(), p.resolved().describe(), null, null));
    }

    private static int[] range(int from, int to) {
        int[] a = new int[to - from];
        for (int i = 0; i < a.length; i++) {
            a[i] = from + i;
        }
        return a;
    }

    @Override
    public MethodDescriptor descriptor() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>(config.toMap());
        m.put("lrp.composite", compositeName);
        return MethodDescriptor.of(NAME, () -> m, Capability.BACKWARD_RULES, Capability.LAYERS);
    }
}
