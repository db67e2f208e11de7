package org.xai4j.examples.fashion;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.xai4j.viz.ChannelReduction;
import org.xai4j.viz.ScalarMap;
import org.xai4j.viz.image.ImageTensors;
import org.xai4j.viz.image.Overlay;
import org.xai4j.viz.image.OverlayStyle;

/** Small drawing helpers the two Fashion-MNIST studies share; the maps and charts themselves come from xai-viz. */
public final class FashionFigures {
    private FashionFigures() {
    }

    /** Row {@code i} of an N × C × H × W tensor as a picture. */
    public static BufferedImage image(INDArray images, int i) {
        return ImageTensors.toImage(images.get(NDArrayIndex.point(i)).dup());
    }

    /** Row {@code i} of a map (N × H × W, or N × C × H × W summed over channels) over {@code picture}. */
    public static BufferedImage overlay(BufferedImage picture, INDArray maps, int i, boolean signed) {
        INDArray one = maps.get(NDArrayIndex.point(i)).castTo(DataType.DOUBLE).dup();
        ScalarMap map = one.rank() == 2 ? ScalarMap.of(one) : ScalarMap.fromChannels(one, ChannelReduction.SUM);
        return Overlay.apply(picture, map, signed ? OverlayStyle.signed() : OverlayStyle.defaults());
    }

    /** Pictures laid out in rows of {@code columns}, on white. */
    public static BufferedImage tiles(List<BufferedImage> pictures, int columns) {
        int w = 0;
        int h = 0;
        for (BufferedImage p : pictures) {
            w = Math.max(w, p.getWidth());
            h = Math.max(h, p.getHeight());
        }
        int cols = Math.min(columns, pictures.size());
        int rows = (pictures.size() + cols - 1) / cols;
        BufferedImage out = new BufferedImage(cols * w, rows * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int i = 0; i < pictures.size(); i++) {
            g.drawImage(pictures.get(i), (i % cols) * w, (i / cols) * h, null);
        }
        g.dispose();
        return out;
    }

    /** The most probable class of each row. */
    public static int[] predicted(INDArray probabilities) {
        INDArray arg = probabilities.argMax(1);
        int[] out = new int[(int) probabilities.size(0)];
        for (int i = 0; i < out.length; i++) {
            out[i] = arg.getInt(i);
        }
        return out;
    }
}
