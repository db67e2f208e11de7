package org.xai4j.viz.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.image.ImageNormalization;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.NonFiniteValueException;

class ImageTensorsTest {

    private static INDArray byteGrid(int c, int h, int w) {
        float[] v = new float[c * h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((i * 37 + 11) % 256) / 255f;
        }
        return Nd4j.create(v, new long[] {c, h, w}, 'c');
    }

    @Test
    void rgbTensorRoundTripsExactly() {
        INDArray t = byteGrid(3, 4, 5);
        INDArray before = t.dup();
        BufferedImage img = ImageTensors.toImage(t);
        assertThat(img.getWidth()).isEqualTo(5);
        assertThat(img.getHeight()).isEqualTo(4);
        INDArray back = ImageTensors.toTensor(img, ColorMode.RGB);
        assertThat(back.shape()).containsExactly(3, 4, 5);
        assertThat(back.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(back.equalsWithEps(t, 1e-7)).isTrue();
        assertThat(t).isEqualTo(before);
        // channel 1, row 2, column 3 is pixel green
        int g = img.getRGB(3, 2) >> 8 & 0xFF;
        assertThat(g / 255f).isEqualTo(t.getFloat(1, 2, 3));
    }

    @Test
    void imagenetNormalisationIsUndoneAndReapplied() {
        INDArray pixels = byteGrid(3, 3, 3);
        INDArray mean = Nd4j.create(new float[] {0.485f, 0.456f, 0.406f}, new long[] {3, 1, 1});
        INDArray std = Nd4j.create(new float[] {0.229f, 0.224f, 0.225f}, new long[] {3, 1, 1});
        INDArray normalised = pixels.sub(mean.broadcast(3, 3, 3)).div(std.broadcast(3, 3, 3));
        BufferedImage img = ImageTensors.toImage(normalised.reshape(1, 3, 3, 3), ImageNormalization.IMAGENET);
        assertThat(ImageTensors.toTensor(img, ColorMode.RGB).equalsWithEps(pixels, 1e-6)).isTrue();
        assertThat(ImageTensors.toTensor(img, ColorMode.RGB, ImageNormalization.IMAGENET).equalsWithEps(normalised, 1e-5))
                .isTrue();
    }

    @Test
    void pixelsAreClippedAndRounded() {
        INDArray t = Nd4j.create(new double[][] {{0.5, 1.2}, {-0.1, 0.2}});
        BufferedImage img = ImageTensors.toImage(t);
        assertThat(img.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x808080); // round(127.5) = 128
        assertThat(img.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(img.getRGB(0, 1) & 0xFFFFFF).isEqualTo(0x000000);
        assertThat(img.getRGB(1, 1) & 0xFFFFFF).isEqualTo(0x333333); // 51
        BufferedImage bytes = ImageTensors.toImage(Nd4j.create(new double[][] {{51}}), ImageNormalization.BYTES);
        assertThat(bytes.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x333333);
    }

    @Test
    void greyImagesReadTheirGreyLevel() {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 100);
        grey.getRaster().setSample(1, 0, 0, 255);
        INDArray t = ImageTensors.toTensor(grey, ColorMode.GREY);
        assertThat(t.shape()).containsExactly(1, 1, 2);
        assertThat(t.getFloat(0, 0, 0)).isEqualTo(100 / 255f);
        BufferedImage rgb = ImageTensors.toImage(Nd4j.create(new double[][] {{0, 1}}).castTo(DataType.FLOAT));
        rgb.setRGB(0, 0, 0xFF0000);
        // PIL's convert("L") of pure red: (255·19595 + 0x8000) >> 16 = 76
        assertThat(ImageTensors.toTensor(rgb, ColorMode.GREY).getFloat(0, 0, 0)).isEqualTo(76 / 255f);
    }

    @Test
    void pngRoundTrip(@TempDir Path dir) {
        BufferedImage img = ImageTensors.toImage(byteGrid(3, 6, 7));
        BufferedImage back = Png.read(Png.write(img, dir.resolve("sub/x.png")));
        INDArray a = ImageTensors.toTensor(img, ColorMode.RGB);
        assertThat(ImageTensors.toTensor(back, ColorMode.RGB).equalsWithEps(a, 0)).isTrue();
        assertThat(Png.dataUri(img)).startsWith("data:image/png;base64,iVBORw0KGgo");
    }

    @Test
    void badTensorsAreRejected() {
        assertThatThrownBy(() -> ImageTensors.toImage(Nd4j.zeros(2, 4, 4))).isInstanceOf(InvalidShapeException.class)
                .hasMessageContaining("1 or 3 channels");
        assertThatThrownBy(() -> ImageTensors.toImage(Nd4j.zeros(2, 3, 4, 4))).isInstanceOf(InvalidShapeException.class);
        INDArray nan = Nd4j.zeros(3, 2, 2);
        nan.putScalar(new long[] {2, 1, 0}, Double.NaN);
        assertThatThrownBy(() -> ImageTensors.toImage(nan)).isInstanceOf(NonFiniteValueException.class)
                .hasMessageContaining("channel 2, row 1, column 0");
        assertThatThrownBy(() -> ImageTensors.toImage(Nd4j.zeros(1, 2, 2), ImageNormalization.IMAGENET))
                .isInstanceOf(InvalidShapeException.class).hasMessageContaining("statistics for 3 channels")
                .hasMessageContaining("the image has 1");
    }
}
