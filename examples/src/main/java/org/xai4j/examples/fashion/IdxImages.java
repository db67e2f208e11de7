package org.xai4j.examples.fashion;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidConfigException;

/**
 * One split of an IDX image data set (LeCun's MNIST format, used by Fashion-MNIST): the unsigned-byte images of
 * {@code rows × cols} pixels and their labels. The pixels stay bytes until {@link #images(int[])} turns the chosen
 * ones into a float tensor, so the 60,000 training images take 47 MB, not 188.
 *
 * @param pixels N·rows·cols bytes, image after image, row-major
 * @param labels N labels
 * @param rows   image height
 * @param cols   image width
 */
public record IdxImages(byte[] pixels, int[] labels, int rows, int cols) {
    /** The magic number of an IDX file of unsigned-byte images (type 0x08, 3 dimensions). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** The magic number of an IDX file of unsigned-byte labels (type 0x08, 1 dimension). */
    public static final int LABELS_MAGIC = 0x00000801;

    public IdxImages {
        if (pixels.length != (long) labels.length * rows * cols) {
            throw new InvalidConfigException("IDX images: " + pixels.length + " pixel bytes for " + labels.length
                    + " labels of " + rows + "×" + cols + " images");
        }
    }

    /** The number of images. */
    public int size() {
        return labels.length;
    }

    /** Reads an image file and a label file (each gzipped or not); {@code name} names them in errors. */
    public static IdxImages read(InputStream images, InputStream labels, String name) {
        try (DataInputStream xi = new DataInputStream(unzipped(images));
             DataInputStream yi = new DataInputStream(unzipped(labels))) {
            int magic = xi.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new InvalidConfigException(name + ": the image file starts with magic number 0x"
                        + Integer.toHexString(magic) + " but an IDX image file starts with 0x803");
            }
            int n = xi.readInt();
            int rows = xi.readInt();
            int cols = xi.readInt();
            int ymagic = yi.readInt();
            if (ymagic != LABELS_MAGIC) {
                throw new InvalidConfigException(name + ": the label file starts with magic number 0x"
                        + Integer.toHexString(ymagic) + " but an IDX label file starts with 0x801");
            }
            int ny = yi.readInt();
            if (ny != n) {
                throw new InvalidConfigException(name + ": " + n + " images but " + ny + " labels");
            }
            byte[] pixels = new byte[Math.multiplyExact(Math.multiplyExact(n, rows), cols)];
            xi.readFully(pixels);
            byte[] y = new byte[n];
            yi.readFully(y);
            int[] labelsOut = new int[n];
            for (int i = 0; i < n; i++) {
                labelsOut[i] = y[i] & 0xFF;
            }
            return new IdxImages(pixels, labelsOut, rows, cols);
        } catch (java.io.EOFException e) {
            throw new InvalidConfigException(name + ": the file ends before the counts in its header are read", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static InputStream unzipped(InputStream in) throws IOException {
        java.io.BufferedInputStream b = new java.io.BufferedInputStream(in);
        b.mark(2);
        int first = b.read();
        int second = b.read();
        b.reset();
        return first == 0x1f && second == 0x8b ? new GZIPInputStream(b, 1 << 16) : b;
    }

    /** Pixel {@code p} (0 … rows·cols − 1) of image {@code i}, 0 … 255. */
    public int pixel(int i, int p) {
        return pixels[i * rows * cols + p] & 0xFF;
    }

    /** The chosen images as an n × 1 × rows × cols float tensor with values in [0, 1]. */
    public INDArray images(int[] indices) {
        int size = rows * cols;
        float[] v = new float[indices.length * size];
        for (int j = 0; j < indices.length; j++) {
            int off = indices[j] * size;
            for (int p = 0; p < size; p++) {
                v[j * size + p] = (pixels[off + p] & 0xFF) / 255f;
            }
        }
        return Nd4j.create(v, new long[] {indices.length, 1, rows, cols}, 'c').castTo(DataType.FLOAT);
    }

    /** The chosen labels. */
    public int[] labels(int[] indices) {
        int[] out = new int[indices.length];
        for (int j = 0; j < indices.length; j++) {
            out[j] = labels[indices[j]];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdxImages other && rows == other.rows && cols == other.cols
                && Arrays.equals(labels, other.labels) && Arrays.equals(pixels, other.pixels);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(labels) + ByteBuffer.wrap(pixels).hashCode();
    }

    @Override
    public String toString() {
        return "IdxImages[" + size() + " images of " + rows + "×" + cols + "]";
    }

    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
