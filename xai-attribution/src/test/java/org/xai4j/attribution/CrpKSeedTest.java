package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.attribution.lrp.MergeBatchNorm;
import org.xai4j.attribution.rules.LrpTables;
import org.xai4j.core.graph.BackwardContext;
import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.graph.Composite;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.Node;
import org.xai4j.core.graph.Propagation;
import org.xai4j.core.graph.Retention;
import org.xai4j.core.target.Target;
import org.xai4j.attribution.lrp.ChannelCondition;
import org.xai4j.attribution.lrp.ConceptRelevance;
import org.xai4j.attribution.lrp.Crp;
import org.xai4j.attribution.lrp.CrpConfig;

/**
 * {@link Crp}'s one pass per row — one forward, the backward from the target to the layer on one row, then the K
 * channels as K rows of one backward against that row's forward values — against a literal re-implementation of
 * CRP's definition that shares none of it: per row and channel, an LRP pass that stops at the layer, the relevance
 * there masked to the channel, and a plain one-row backward pass of the graph cut at the layer's output (so paths
 * around the layer are gone: exclude_parallel), or of the whole graph with the mask applied at the layer (paths kept).
 * Every LRP composite, on the residual net (Add nodes: Norm) and on the Conv-BN-ReLU-MaxPool net (max pooling keeps
 * the plain gradient, which does not broadcast: the engine repeats its forward values). max |a − b| / max |b| ≤ 1e-5.
 */
class CrpKSeedTest {
    static final List<Integer> CHANNELS = List.of(0, 1, 5, 6);

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String model : List.of("resnet", "resnet-bn", "cbrm", "cbrm-bn")) {
            for (String composite : LrpTables.NAMES) {
                out.add(Arguments.of(model, composite));
            }
        }
        return out.stream();
    }

    static String layer(String model) {
        return model.startsWith("resnet") ? CrpZennitAgreementTest.LAYER : "/conv2/Conv";
    }

    static CrpConfig config(String model, String composite) {
        return CrpConfig.of(layer(model), CHANNELS).withLrp(CrpConfig.LRP_DEFAULTS.withComposite(composite)
                .withBounds(ZennitReference.LOW, ZennitReference.HIGH));
    }

    static INDArray input(String model) {
        return ZennitReference.array((model.startsWith("resnet") ? "resnet" : "cbrm") + ".x");
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void oneKRowPassEqualsOnePassPerChannel(String model, String composite) {
        Graph g = ZennitReference.graph(model);
        CrpConfig config = config(model, composite);
        INDArray x = input(model);
        ConceptRelevance r = new Crp(g, config).explain(x, Target.perRow(ZennitReference.TARGETS));
        Literal lit = new Literal(g, config);
        INDArray expected = lit.conditional(x, true);
        double err = ZennitReference.relativeError(r.conditional(), expected);
        double errChannels = ZennitReference.relativeError(r.channelRelevance(), lit.channelRelevance(x));
        System.out.printf("K-seed CRP vs one pass per channel, %s %s: maps %.3e, channel relevance %.3e%n", model,
                composite, err, errChannels);
        assertThat(r.conditional().shape()).isEqualTo(expected.shape());
        assertThat(err).isLessThanOrEqualTo(1e-5);
        assertThat(errChannels).isLessThanOrEqualTo(1e-5);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("cases")
    void withParallelPathsOneKRowPassEqualsOnePassPerChannel(String model, String composite) {
        Graph g = ZennitReference.graph(model);
        CrpConfig config = config(model, composite).withExcludeParallel(false);
        INDArray x = input(model);
        ConceptRelevance r = new Crp(g, config).explain(x, Target.perRow(ZennitReference.TARGETS));
        double err = ZennitReference.relativeError(r.conditional(), new Literal(g, config).conditional(x, false));
        System.out.printf("K-seed CRP (parallel paths kept) vs one pass per channel, %s %s: %.3e%n", model, composite,
                err);
        assertThat(err).isLessThanOrEqualTo(1e-5);
    }

    /**
     * Concepts on different layer sets in one call go through one pass per set: the single-layer ones equal the
     * literal per-channel passes, the two-layer one zennit-crp's (CrpZennitAgreementTest's pair (3, 1)).
     */
    @Test
    void conceptsOnDifferentLayersInOneCall() {
        Graph g = ZennitReference.graph("resnet");
        CrpConfig config = CrpConfig.of(CrpZennitAgreementTest.LAYER, CHANNELS);
        INDArray x = input("resnet");
        List<List<ChannelCondition>> concepts = List.of(
                List.of(new ChannelCondition(CrpZennitAgreementTest.LAYER, 0)),
                List.of(new ChannelCondition(CrpZennitAgreementTest.LAYER, 1),
                        new ChannelCondition("/block2/conv2/Conv", 3)),
                List.of(new ChannelCondition(CrpZennitAgreementTest.LAYER, 6)));
        INDArray maps = new Crp(g, config).conditional(x, Target.perRow(ZennitReference.TARGETS), concepts);
        INDArray single = new Literal(g, config).conditional(x, true);
        INDArray zennit = ZennitReference.array("resnet.crp-multi");
        double err0 = ZennitReference.relativeError(maps.get(NDArrayIndex.all(), NDArrayIndex.point(0)),
                single.get(NDArrayIndex.all(), NDArrayIndex.point(0)));
        double err2 = ZennitReference.relativeError(maps.get(NDArrayIndex.all(), NDArrayIndex.point(2)),
                single.get(NDArrayIndex.all(), NDArrayIndex.point(3)));
        double err1 = ZennitReference.relativeError(maps.get(NDArrayIndex.all(), NDArrayIndex.point(1)),
                zennit.get(NDArrayIndex.all(), NDArrayIndex.point(1)));
        System.out.printf("mixed concepts: %.3e %.3e (literal), %.3e (zennit-crp)%n", err0, err2, err1);
        assertThat(maps.shape()).isEqualTo(new long[] {2, 3, 3, 10, 10});
        assertThat(err0).isLessThanOrEqualTo(1e-5);
        assertThat(err2).isLessThanOrEqualTo(1e-5);
        assertThat(err1).isLessThanOrEqualTo(1e-4);
    }

    /** The plan counts one forward and one relevance pass per row, whatever the number of channels. */
    @Test
    void planIsTwoPassesPerRow() {
        Crp crp = new Crp(ZennitReference.graph("resnet"), CrpConfig.of(CrpZennitAgreementTest.LAYER, CHANNELS));
        assertThat(crp.plan(input("resnet"), Target.classIndex(1)).orElseThrow().passes()).isEqualTo(4);
    }

    /** CRP's definition, one channel and one row at a time, from the graph's public passes. */
    private static final class Literal {
        private final Graph canonical;
        private final Composite composite;
        private final Node layer;
        private final CrpConfig config;

        Literal(Graph g, CrpConfig config) {
            this.config = config;
            this.canonical = config.lrp().canonize() ? MergeBatchNorm.apply(g) : g;
            this.composite = config.rules().bind(canonical, "literal");
            this.layer = canonical.node(config.layer());
        }

        Target target(int row) {
            return config.lrp().init().apply(Target.classIndex(ZennitReference.TARGETS[row]));
        }

        INDArray relevanceAtLayer(INDArray xi, int row) {
            return canonical.propagate(xi, Propagation.builder().target(target(row)).composite(composite)
                    .layers(layer.name()).inputGradient(false).build()).gradient(layer.name());
        }

        INDArray channelRelevance(INDArray x) {
            INDArray out = Nd4j.zeros(x.dataType(), x.size(0), CHANNELS.size() == 0 ? 0 : 8);
            for (int i = 0; i < x.size(0); i++) {
                INDArray r = relevanceAtLayer(x.get(NDArrayIndex.interval(i, i + 1)).dup(), i);
                out = i == 0 ? Nd4j.zeros(x.dataType(), x.size(0), r.size(1)) : out;
                out.getRow(i).assign(r.sum(0, 2, 3));
            }
            return out;
        }

        /** N × K × (input row shape), one backward pass per row and channel. */
        INDArray conditional(INDArray x, boolean excludeParallel) {
            int n = (int) x.size(0);
            INDArray out = null;
            for (int i = 0; i < n; i++) {
                INDArray xi = x.get(NDArrayIndex.interval(i, i + 1)).dup();
                for (int k = 0; k < CHANNELS.size(); k++) {
                    int c = CHANNELS.get(k);
                    INDArray gi = excludeParallel ? throughLayer(xi, i, c) : withParallel(xi, i, c);
                    if (out == null) {
                        long[] s = new long[gi.rank() + 1];
                        s[0] = n;
                        s[1] = CHANNELS.size();
                        System.arraycopy(gi.shape(), 1, s, 2, gi.rank() - 1);
                        out = Nd4j.zeros(gi.dataType(), s);
                    }
                    out.get(NDArrayIndex.point(i), NDArrayIndex.point(k)).assign(gi.get(NDArrayIndex.point(0)));
                }
            }
            return out;
        }

        /** The relevance at the layer masked to channel c, passed back through the graph cut at the layer. */
        private INDArray throughLayer(INDArray xi, int row, int c) {
            INDArray r = relevanceAtLayer(xi, row);
            INDArray seed = Nd4j.zeros(r.dataType(), r.shape());
            seed.get(NDArrayIndex.all(), NDArrayIndex.point(c)).assign(r.get(NDArrayIndex.all(), NDArrayIndex.point(c)));
            Graph cut = canonical.toBuilder().output(layer.output()).build();
            Composite.Builder b = Composite.builder();
            for (Node m : cut.nodes()) {
                b.byName(m.name(), composite.ruleFor(canonical.node(m.name())));
            }
            Target t = Target.function("masked relevance", out -> Nd4j.zeros(out.dataType(), out.size(0)), out -> seed);
            return cut.propagate(xi, Propagation.builder().target(t).composite(b.build()).build()).inputGradient();
        }

        /** The whole graph, with the layer's rule fed the relevance masked to channel c. */
        private INDArray withParallel(INDArray xi, int row, int c) {
            Composite.Builder b = Composite.builder();
            for (Node m : canonical.nodes()) {
                BackwardRule inner = composite.ruleFor(m);
                b.byName(m.name(), m == layer ? new Masked(inner, c) : inner);
            }
            return canonical.propagate(xi, Propagation.builder().target(target(row)).composite(b.build()).build())
                    .inputGradient();
        }
    }

    /** A rule fed its upstream relevance with every channel but one zeroed. */
    private record Masked(BackwardRule inner, int channel) implements BackwardRule {
        @Override
        public INDArray[] backward(BackwardContext c) {
            INDArray up = c.upstream();
            INDArray masked = Nd4j.zeros(up.dataType(), up.shape());
            masked.get(NDArrayIndex.all(), NDArrayIndex.point(channel))
                    .assign(up.get(NDArrayIndex.all(), NDArrayIndex.point(channel)));
            INDArray[] ins = new INDArray[c.inputCount()];
            List<Integer> constants = new ArrayList<>();
            for (int i = 0; i < ins.length; i++) {
                ins[i] = c.input(i);
                if (!c.needsGradient(i)) {
                    constants.add(i);
                }
            }
            return inner.backward(BackwardContext.of(c.node(), ins, c.output(), masked,
                    constants.stream().mapToInt(Integer::intValue).toArray()));
        }

        @Override
        public Retention retention(Node node) {
            return Retention.ALL;
        }
    }
}
