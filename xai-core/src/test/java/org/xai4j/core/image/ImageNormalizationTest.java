package org.xai4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;

class ImageNormalizationTest {
    /** 2×3×2×2 pixels in [0, 1], every value distinct. */
    private static INDArray pixels() {
        double[] v = new double[24];
        for (int i = 0; i < v.length; i++) {
            v[i] = i / 23.0;
        }
        return Nd4j.create(v, new long[] {2, 3, 2, 2}, 'c');
    }

    @Test
    void thePresetsHoldTorchvisionsValues() {
        assertThat(ImageNormalization.UNIT.mean()).containsExactly(0);
        assertThat(ImageNormalization.UNIT.std()).containsExactly(1);
        assertThat(ImageNormalization.SYMMETRIC.mean()).containsExactly(0.5);
        assertThat(ImageNormalization.SYMMETRIC.std()).containsExactly(0.5);
        assertThat(ImageNormalization.BYTES.mean()).containsExactly(0);
        assertThat(ImageNormalization.BYTES.std()).containsExactly(1 / 255.0);
        // torchvision.transforms._presets.ImageClassification
        assertThat(ImageNormalization.IMAGENET.mean()).containsExactly(0.485, 0.456, 0.406);
        assertThat(ImageNormalization.IMAGENET.std()).containsExactly(0.229, 0.224, 0.225);
    }

    @Test
    void thePresetsMapTheEndsOfTheirRanges() {
        INDArray ends = Nd4j.create(new double[] {0, 1}, new long[] {1, 1, 1, 2}, 'c');
        assertThat(ImageNormalization.UNIT.apply(ends).data().asDouble()).containsExactly(0, 1);
        assertThat(ImageNormalization.SYMMETRIC.apply(ends).data().asDouble()).containsExactly(-1, 1);
        assertThat(ImageNormalization.BYTES.apply(ends).data().asDouble()).containsExactly(0, 255);
    }

    @Test
    void applyIsMinusMeanOverStdPerChannel() {
        INDArray x = pixels();
        INDArray y = ImageNormalization.IMAGENET.apply(x);
        double[] mean = {0.485, 0.456, 0.406};
        double[] std = {0.229, 0.224, 0.225};
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int h = 0; h < 2; h++) {
                    for (int w = 0; w < 2; w++) {
                        double p = (((n * 3 + c) * 2 + h) * 2 + w) / 23.0;
                        assertThat(y.getDouble(n, c, h, w)).isCloseTo((p - mean[c]) / std[c], within(1e-12));
                    }
                }
            }
        }
        assertThat(ImageNormalization.IMAGENET.normalize(0.5, 1, 3)).isCloseTo((0.5 - 0.456) / 0.224, within(1e-15));
        assertThat(ImageNormalization.IMAGENET.denormalize((0.5 - 0.456) / 0.224, 1, 3)).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void invertUndoesApplyAndNeitherTouchesTheCallersArray() {
        INDArray x = pixels();
        INDArray copy = x.dup();
        for (ImageNormalization n : new ImageNormalization[] {ImageNormalization.UNIT, ImageNormalization.SYMMETRIC,
                ImageNormalization.BYTES, ImageNormalization.IMAGENET,
                new ImageNormalization(new double[] {0.1, -0.2, 3}, new double[] {2, 0.5, 0.01})}) {
            INDArray y = n.apply(x);
            assertThat(x).as("input of apply").isEqualTo(copy);
            INDArray yCopy = y.dup();
            INDArray back = n.invert(y);
            assertThat(y).as("input of invert").isEqualTo(yCopy);
            assertThat(back.dataType()).isEqualTo(DataType.DOUBLE);
            assertThat(back.equalsWithEps(x, 1e-12)).as("round trip of %s", n).isTrue();
        }
        INDArray f = pixels().castTo(DataType.FLOAT);
        assertThat(ImageNormalization.IMAGENET.apply(f).dataType()).isEqualTo(DataType.FLOAT);
    }

    @Test
    void namedTakesTheCliNamesAndListsThemOtherwise() {
        assertThat(ImageNormalization.named("unit")).isEqualTo(ImageNormalization.UNIT);
        assertThat(ImageNormalization.named("symmetric")).isEqualTo(ImageNormalization.SYMMETRIC);
        assertThat(ImageNormalization.named("bytes")).isEqualTo(ImageNormalization.BYTES);
        assertThat(ImageNormalization.named(" ImageNet ")).isEqualTo(ImageNormalization.IMAGENET);
        assertThat(ImageNormalization.names()).containsExactly("unit", "symmetric", "bytes", "imagenet");
        assertThatThrownBy(() -> ImageNormalization.named("zscore")).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("unit, symmetric, bytes, imagenet").hasMessageContaining("'zscore'");
    }

    @Test
    void badStatisticsAreRefusedWithTheValuesGiven() {
        assertThatThrownBy(() -> new ImageNormalization(new double[] {0.5, 0.5}, new double[] {0.2}))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("same number of values").hasMessageContaining("2 means [0.5, 0.5]")
                .hasMessageContaining("1 standard deviations [0.2]");
        assertThatThrownBy(() -> new ImageNormalization(new double[] {0}, new double[] {0}))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("std must be positive")
                .hasMessageContaining("channel 0 has 0.0");
        assertThatThrownBy(() -> new ImageNormalization(new double[] {0, 0}, new double[] {1, -1}))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("channel 1 has -1.0");
        assertThatThrownBy(() -> new ImageNormalization(new double[] {Double.NaN}, new double[] {1}))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("mean must be finite");
        assertThatThrownBy(() -> new ImageNormalization(new double[0], new double[0]))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("at least one value");
        assertThatThrownBy(() -> new ImageNormalization(null, new double[] {1}))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("mean null");
    }

    @Test
    void aBatchOfTheWrongRankOrChannelsIsRefusedWithItsShape() {
        assertThatThrownBy(() -> ImageNormalization.IMAGENET.apply(Nd4j.zeros(3, 4, 4)))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("N×C×H×W")
                .hasMessageContaining("rank 3, shape [3, 4, 4]");
        assertThatThrownBy(() -> ImageNormalization.IMAGENET.invert(Nd4j.zeros(1, 2, 4, 4)))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("statistics for 3 channels")
                .hasMessageContaining("the batch has 2");
        assertThat(ImageNormalization.SYMMETRIC.apply(Nd4j.zeros(1, 2, 1, 1)).data().asDouble()).containsExactly(-1, -1);
    }

    @Test
    void forChannelsKeepsWhatFitsAndTakesTheFirstChannelOtherwise() {
        assertThat(ImageNormalization.IMAGENET.forChannels(3)).isSameAs(ImageNormalization.IMAGENET);
        ImageNormalization grey = ImageNormalization.IMAGENET.forChannels(1);
        assertThat(grey.mean()).containsExactly(0.485);
        assertThat(grey.std()).containsExactly(0.229);
    }

    @Test
    void theAccessorsAndConstructorCopyTheArrays() {
        double[] mean = {0.1};
        ImageNormalization n = new ImageNormalization(mean, new double[] {1});
        mean[0] = 7;
        n.mean()[0] = 9;
        assertThat(n.mean()).containsExactly(0.1);
    }

    @Test
    void survivesJavaSerialisationAsTheSparkJobsNeed() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(ImageNormalization.IMAGENET);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(ImageNormalization.IMAGENET);
        }
        assertThat(ImageNormalization.IMAGENET.toString()).contains("imagenet");
    }
}
