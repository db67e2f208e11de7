package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.attribution.rules.LrpTables;
import org.xai4j.attribution.rules.RuleTable;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.graph.BackwardRule;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.graph.node.AddNode;
import org.xai4j.core.target.Target;
import org.xai4j.attribution.lrp.ChannelCondition;
import org.xai4j.attribution.lrp.ConceptRelevance;
import org.xai4j.attribution.lrp.Crp;
import org.xai4j.attribution.lrp.CrpConfig;

/**
 * {@link Crp} against zennit-crp 0.6.0 (src/test/python/gen_zennit_refs.py): a residual net with batch norms in its
 * blocks, channels 0, 1, 5, 6 of the second convolution of the first block (whose output meets the skip connection
 * at the block's addition), epsilon-plus-flat, exclude_parallel=True; max |a − b| / max |b| ≤ 1e-4 for the
 * conditional maps and the channel relevances.
 */
class CrpZennitAgreementTest {
    static final String LAYER = "/block1/conv2/Conv";
    static final List<Integer> CHANNELS = List.of(0, 1, 5, 6);

    static ConceptRelevance run(String file, RuleTable composite) {
        Graph g = ZennitReference.graph(file);
        CrpConfig config = CrpConfig.of(LAYER, CHANNELS);
        Crp crp = composite == null ? new Crp(g, config) : new Crp(g, composite, config);
        return crp.explain(ZennitReference.array("resnet.x"), Target.perRow(ZennitReference.TARGETS));
    }

    @ParameterizedTest(name = "resnet{0}")
    @ValueSource(strings = {"", "-bn"})
    void matchesZennitCrp(String variant) {
        ConceptRelevance r = run("resnet" + variant, null);
        INDArray expected = ZennitReference.array("resnet.crp");
        assertThat(r.conditional().shape()).isEqualTo(new long[] {2, 4, 3, 10, 10});
        double errMaps = ZennitReference.relativeError(r.conditional(), expected);
        double errChannels = ZennitReference.relativeError(r.channelRelevance(),
                ZennitReference.array("resnet.crp.channel-relevance"));
        System.out.printf("zennit-crp agreement resnet%s: maps %.3e, channel relevance %.3e%n", variant, errMaps,
                errChannels);
        assertThat(r.channelRelevance().shape()).isEqualTo(new long[] {2, 8});
        assertThat(errMaps).isLessThanOrEqualTo(1e-4);
        assertThat(errChannels).isLessThanOrEqualTo(1e-4);
    }

    /** Two-layer concepts: channel c2 of block2's second conv and channel c1 of block1's, zennit-crp's dict order. */
    @ParameterizedTest(name = "resnet{0}")
    @ValueSource(strings = {"", "-bn"})
    void multiLayerConditionsMatchZennitCrp(String variant) {
        Graph g = ZennitReference.graph("resnet" + variant);
        int[][] pairs = {{0, 0}, {3, 1}, {5, 6}, {11, 5}};
        List<List<ChannelCondition>> concepts = new java.util.ArrayList<>();
        for (int[] p : pairs) {
            // given shallow-first on purpose: Crp orders a concept's conditions by depth
            concepts.add(List.of(new ChannelCondition(LAYER, p[1]), new ChannelCondition("/block2/conv2/Conv", p[0])));
        }
        INDArray maps = new Crp(g, CrpConfig.of(LAYER, CHANNELS)).conditional(ZennitReference.array("resnet.x"),
                Target.perRow(ZennitReference.TARGETS), concepts);
        double err = ZennitReference.relativeError(maps, ZennitReference.array("resnet.crp-multi"));
        System.out.printf("zennit-crp two-layer agreement resnet%s: %.3e%n", variant, err);
        assertThat(maps.shape()).isEqualTo(new long[] {2, 4, 3, 10, 10});
        assertThat(err).isLessThanOrEqualTo(1e-4);
    }

    @Test
    void aConditionOnALayerThatDoesNotFeedTheOtherIsRejected() {
        Graph g = ZennitReference.graph("resnet");
        Crp crp = new Crp(g, CrpConfig.of(LAYER, CHANNELS));
        // block2's shortcut conv does not feed block2's second conv
        assertThatThrownBy(() -> crp.conditional(ZennitReference.array("resnet.x"), Target.classIndex(1),
                List.of(List.of(new ChannelCondition("/block2/conv2/Conv", 0),
                        new ChannelCondition("/block2/down/down.0/Conv", 0)))))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("does not feed layer '/block2/conv2/Conv'");
    }

    /**
     * The R5 symptom, reproduced and matched: without excluding the skip path around the layer
     * (exclude_parallel=False), the unmasked relevance flowing around it dominates and every channel's map looks
     * the same; this mode also equals zennit-crp's.
     */
    @ParameterizedTest(name = "resnet{0}")
    @ValueSource(strings = {"", "-bn"})
    void withoutExcludingParallelPathsAllChannelsLookAlikeAsInZennitCrp(String variant) {
        Graph g = ZennitReference.graph("resnet" + variant);
        ConceptRelevance r = new Crp(g, CrpConfig.of(LAYER, CHANNELS).withExcludeParallel(false))
                .explain(ZennitReference.array("resnet.x"), Target.perRow(ZennitReference.TARGETS));
        double err = ZennitReference.relativeError(r.conditional(), ZennitReference.array("resnet.crp-parallel"));
        System.out.printf("zennit-crp agreement, exclude_parallel=False, resnet%s: %.3e%n", variant, err);
        assertThat(err).isLessThanOrEqualTo(1e-4);
        INDArray maps = r.conditional();
        double minCorr = 1;
        for (int row = 0; row < 2; row++) {
            for (int a = 0; a < 4; a++) {
                for (int b = a + 1; b < 4; b++) {
                    minCorr = Math.min(minCorr, ZennitReference.correlation(
                            maps.get(NDArrayIndex.point(row), NDArrayIndex.point(a)),
                            maps.get(NDArrayIndex.point(row), NDArrayIndex.point(b))));
                }
            }
        }
        System.out.printf("exclude_parallel=False: smallest correlation between two channels' maps %.4f%n", minCorr);
        assertThat(minCorr).isGreaterThan(0.95);
    }

    @Test
    void channelMapsDiffer() {
        ConceptRelevance r = run("resnet", null);
        INDArray maps = r.conditional();
        for (int row = 0; row < 2; row++) {
            int distinct = 0;
            StringBuilder sb = new StringBuilder();
            for (int a = 0; a < 4; a++) {
                double maxCorr = -1;
                for (int b = 0; b < 4; b++) {
                    if (a != b) {
                        double c = ZennitReference.correlation(maps.get(NDArrayIndex.point(row), NDArrayIndex.point(a)),
                                maps.get(NDArrayIndex.point(row), NDArrayIndex.point(b)));
                        maxCorr = Math.max(maxCorr, c);
                    }
                }
                sb.append(String.format(" %.3f", maxCorr));
                if (maxCorr < 0.9) {
                    distinct++;
                }
            }
            System.out.println("crp row " + row + ": largest correlation of each channel's map with another's:" + sb);
            assertThat(distinct).as("channels whose map correlates < 0.9 with every other, row " + row)
                    .isGreaterThanOrEqualTo(3);
        }
    }

    /** The R5 bug: the residual addition crossed by the plain gradient instead of split by the Norm rule. */
    @Test
    void gradientAtTheResidualAdditionDisagreesWithZennitCrp() {
        RuleTable plainAdd = LrpTables.epsilonPlusFlat().with(AddNode.class, BackwardRule.gradient());
        ConceptRelevance r = run("resnet", plainAdd);
        double err = ZennitReference.relativeError(r.conditional(), ZennitReference.array("resnet.crp"));
        System.out.printf("crp with gradient at Add vs zennit-crp: %.3e%n", err);
        assertThat(err).isGreaterThan(0.05);
    }

    @Test
    void topChannelsAreOrderedBySignedRelevance() {
        ConceptRelevance r = run("resnet", null);
        double[] rel = r.channelRelevance().slice(1).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup().data()
                .asDouble();
        int[] top = r.topChannels(1, 3);
        for (int i = 0; i < rel.length; i++) {
            if (i != top[0]) {
                assertThat(rel[top[0]]).isGreaterThanOrEqualTo(rel[i]);
            }
        }
        assertThat(rel[top[0]]).isGreaterThanOrEqualTo(rel[top[1]]);
        assertThat(rel[top[1]]).isGreaterThanOrEqualTo(rel[top[2]]);
    }

    @Test
    void badInput() {
        Graph g = ZennitReference.graph("resnet");
        INDArray x = ZennitReference.array("resnet.x");
        assertThatThrownBy(() -> new Crp(g, CrpConfig.of("/block1/conv2/Con", CHANNELS)))
                .isInstanceOf(UnknownLayerException.class).hasMessageContaining("/block1/conv2/Conv");
        assertThatThrownBy(() -> new Crp(g, CrpConfig.of(LAYER, List.of(0, 8))).explain(x, Target.classIndex(1)))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("channel 8 is out of range")
                .hasMessageContaining("8 channels");
        assertThatThrownBy(() -> CrpConfig.of(LAYER, List.of())).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> CrpConfig.of(LAYER, List.of(1, 1))).isInstanceOf(InvalidConfigException.class);
        assertThatThrownBy(() -> CrpConfig.of(LAYER, List.of(-1))).isInstanceOf(InvalidConfigException.class);
    }
}
