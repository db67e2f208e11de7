package org.xai4j.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.target.Target;
import org.xai4j.attribution.lrp.Crp;
import org.xai4j.attribution.lrp.CrpConfig;
import org.xai4j.attribution.lrp.ReferenceSampling;

/**
 * {@link ReferenceSampling} against zennit-crp 0.6.0's {@code ChannelConcept.reference_sampling} (sum, abs_norm) over
 * 12 seeded rows of the residual net, each row for its label i mod 5 (src/test/python/gen_zennit_refs.py).
 */
class ReferenceSamplingTest {
    static final String LAYER = "/block1/conv2/Conv";

    @Test
    void scoresAndRankingMatchZennitCrp() {
        Crp crp = new Crp(ZennitReference.graph("resnet-bn"), CrpConfig.of(LAYER, List.of(0)));
        INDArray data = ZennitReference.array("resnet.refs.x");
        int[] labels = new int[12];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 5;
        }
        Target target = Target.perRow(labels);
        INDArray scores = ReferenceSampling.scores(crp, data, target);
        INDArray order = ZennitReference.array("resnet.refs.order");
        INDArray expected = ZennitReference.array("resnet.refs.scores").castTo(DataType.DOUBLE);
        double maxErr = 0;
        int compared = 0;
        for (int c = 0; c < 8; c++) {
            for (int k = 0; k < 12; k++) {
                int row = (int) order.getDouble(k, c);
                maxErr = Math.max(maxErr, Math.abs(scores.getDouble(row, c) - expected.getDouble(k, c)));
            }
        }
        System.out.printf("reference sampling: max |score − zennit-crp| = %.3e%n", maxErr);
        assertThat(maxErr).isLessThanOrEqualTo(1e-4 * expected.amaxNumber().doubleValue());
        int[] channels = {0, 1, 3, 4, 5, 6, 7}; // channel 2 gets no relevance in any row (zennit-crp's order is arbitrary)
        List<List<ReferenceSampling.Reference>> refs = ReferenceSampling.references(crp, data, target, channels, 3);
        for (int i = 0; i < channels.length; i++) {
            for (int k = 0; k < 3; k++) {
                ReferenceSampling.Reference r = refs.get(i).get(k);
                assertThat(r.channel()).isEqualTo(channels[i]);
                assertThat(r.row()).as("channel %d, rank %d", channels[i], k)
                        .isEqualTo((int) order.getDouble(k, channels[i]));
                assertThat(r.map().shape()).containsExactly(3, 10, 10);
                assertThat(r.box()[0]).isLessThan(r.box()[2]);
                assertThat(r.box()[1]).isLessThan(r.box()[3]);
                compared++;
            }
        }
        assertThat(compared).isEqualTo(21);
        // a reference's map is that row's CRP map for the channel, for its own label
        ReferenceSampling.Reference first = refs.get(0).get(0);
        INDArray row = data.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(first.row(), first.row() + 1));
        INDArray direct = new Crp(ZennitReference.graph("resnet-bn"), CrpConfig.of(LAYER, List.of(0)))
                .explain(row, Target.classIndex(labels[first.row()])).conditional();
        assertThat(ZennitReference.relativeError(first.map(), direct.slice(0).slice(0))).isLessThan(1e-6);
    }

    @Test
    void badInput() {
        Crp crp = new Crp(ZennitReference.graph("resnet"), CrpConfig.of(LAYER, List.of(0)));
        INDArray data = ZennitReference.array("resnet.refs.x");
        assertThatThrownBy(() -> ReferenceSampling.references(crp, data, Target.predicted(), new int[] {8}, 2))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("channel 8 is out of range");
        assertThatThrownBy(() -> ReferenceSampling.references(crp, data, Target.predicted(), new int[] {1}, 13))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("n must be in [1, 12]");
    }
}
