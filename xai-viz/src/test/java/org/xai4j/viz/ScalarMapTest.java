package org.xai4j.viz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;

class ScalarMapTest {

    @Test
    @SuppressWarnings("unchecked")
    void bilinearResizeMatchesTorchInterpolate() {
        for (Object o : (List<Object>) Reference.get().get("resize")) {
            Map<String, Object> c = (Map<String, Object>) o;
            int h = ((Number) c.get("h")).intValue();
            int w = ((Number) c.get("w")).intValue();
            int oh = ((Number) c.get("outH")).intValue();
            int ow = ((Number) c.get("outW")).intValue();
            ScalarMap out = ScalarMap.of(h, w, Reference.doubles(c.get("in"))).resize(oh, ow);
            assertThat(out.height()).isEqualTo(oh);
            assertThat(out.width()).isEqualTo(ow);
            assertThat(out.toArray()).as("%d×%d → %d×%d", h, w, oh, ow)
                    .containsExactly(Reference.doubles(c.get("out")), within(1e-6));
        }
    }

    @Test
    void readsViewsAndEveryLayoutOfTheCallersArray() {
        INDArray big = Nd4j.arange(24).reshape(2, 3, 4).castTo(DataType.FLOAT);
        INDArray view = big.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.all());
        ScalarMap m = ScalarMap.of(view);
        assertThat(m.height()).isEqualTo(3);
        assertThat(m.width()).isEqualTo(4);
        assertThat(m.get(0, 0)).isEqualTo(12.0);
        assertThat(m.get(2, 3)).isEqualTo(23.0);
        INDArray fortran = Nd4j.create(new double[][] {{1, 2}, {3, 4}}).dup('f');
        assertThat(ScalarMap.of(fortran).toArray()).containsExactly(1, 2, 3, 4);
        assertThat(ScalarMap.of(Nd4j.ones(1, 1, 5, 6)).width()).isEqualTo(6);
        assertThat(big.getDouble(1, 0, 0)).isEqualTo(12.0); // untouched
    }

    @Test
    void channelReductionsByHand() {
        // channel 0 = [1, −2], channel 1 = [−3, 4], one row of two pixels
        INDArray a = Nd4j.create(new double[] {1, -2, -3, 4}, new long[] {2, 1, 2}, 'c');
        assertThat(ScalarMap.fromChannels(a, ChannelReduction.SUM).toArray()).containsExactly(-2, 2);
        assertThat(ScalarMap.fromChannels(a, ChannelReduction.MEAN).toArray()).containsExactly(-1, 1);
        assertThat(ScalarMap.fromChannels(a, ChannelReduction.ABS_SUM).toArray()).containsExactly(4, 6);
        assertThat(ScalarMap.fromChannels(a, ChannelReduction.MAX_ABS).toArray()).containsExactly(3, 4);
        assertThat(ScalarMap.fromChannels(a, ChannelReduction.L2).toArray())
                .containsExactly(new double[] {Math.sqrt(10), Math.sqrt(20)}, within(1e-12));
        assertThat(ScalarMap.fromChannels(a.reshape(1, 2, 1, 2), ChannelReduction.SUM).toArray()).containsExactly(-2, 2);
    }

    @Test
    void nonFiniteValuesAndWrongShapesAreRejected() {
        INDArray nan = Nd4j.zeros(3, 3);
        nan.putScalar(1, 2, Double.NaN);
        assertThatThrownBy(() -> ScalarMap.of(nan)).isInstanceOf(NonFiniteValueException.class)
                .hasMessageContaining("row 1, column 2");
        INDArray inf = Nd4j.zeros(2, 3, 3);
        inf.putScalar(new long[] {1, 0, 2}, Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> ScalarMap.fromChannels(inf, ChannelReduction.SUM))
                .isInstanceOf(NonFiniteValueException.class).hasMessageContaining("[1, 0, 2]");
        assertThatThrownBy(() -> ScalarMap.of(Nd4j.zeros(2, 3, 3))).isInstanceOf(InvalidShapeException.class)
                .hasMessageContaining("fromChannels");
        assertThatThrownBy(() -> ScalarMap.of(2, 2, new double[3])).isInstanceOf(InvalidShapeException.class);
        assertThatThrownBy(() -> ScalarMap.of(new double[][] {{1, 2}, {3}})).isInstanceOf(InvalidShapeException.class);
        assertThatThrownBy(() -> ScalarMap.of(1, 2, new double[] {0, Double.NaN})).isInstanceOf(NonFiniteValueException.class);
        assertThatThrownBy(() -> ScalarMap.fromChannels(Nd4j.zeros(2, 2), null)).isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void mapsStretchOnlyOntoImagesOfTheSameAspectRatio() {
        ScalarMap cam = ScalarMap.of(7, 7, new double[49]);
        assertThat(cam.fits(224, 224)).isTrue();
        assertThat(cam.resizedTo(224, 224, "image").width()).isEqualTo(224);
        assertThat(ScalarMap.of(14, 10, new double[140]).fits(28, 20)).isTrue();
        ScalarMap wide = ScalarMap.of(7, 5, new double[35]);
        assertThat(wide.fits(224, 224)).isFalse();
        assertThatThrownBy(() -> wide.resizedTo(224, 224, "image")).isInstanceOf(InvalidShapeException.class)
                .hasMessageContaining("7×5").hasMessageContaining("224×224");
    }
}
