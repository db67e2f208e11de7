package org.xai4j.spark;

import java.awt.image.BufferedImage;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.XaiException;
import org.xai4j.models.io.ImagePreprocessing;
import org.xai4j.models.io.Images;

/**
 * Decodes {@link ImageRows} on the executors into {@link SparkExplainer}'s input: each image through the
 * library's own pipeline ({@link Images#decode(byte[], String)}, then {@link Images#fromImage} with an
 * {@link ImagePreprocessing}: torchvision's resize, centre crop and normalisation, as {@code xai explain} reads
 * images), flattened into {@code values}. An image that cannot be read or decoded, or whose size after
 * preprocessing is not the model's, keeps its row with null values and the reason in {@code error} (which
 * {@link SparkExplainer} carries to its output); every input row gives exactly one output row.
 */
public final class ImageDecoding {
    /** The output schema: {@code id}, {@code target}, {@code path}, {@code values}, {@code error}. */
    public static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType, false)
            .add("target", DataTypes.IntegerType, true)
            .add("path", DataTypes.StringType, false)
            .add("values", DataTypes.createArrayType(DataTypes.FloatType, false), true)
            .add("error", DataTypes.StringType, true);

    private ImageDecoding() {
    }

    /**
     * {@code images} ({@link ImageRows#SCHEMA}) decoded through {@code pre} for a model whose rows have shape
     * {@code rowShape} (C×H×W; C must be {@code pre}'s channels).
     *
     * @param images the image rows, in {@link ImageRows#SCHEMA}
     * @param pre the channels, resizing and normalisation to apply
     * @param rowShape C×H×W of one model input row
     * @return a lazy Dataset with {@code id}, {@code target}, {@code path}, {@code values} and {@code error} per
     *     image; an image that cannot be decoded keeps its row with null values and the reason
     * @throws org.xai4j.core.InvalidShapeException if {@code rowShape} is not C×H×W with C the channels of {@code pre}
     */
    public static Dataset<Row> decode(Dataset<Row> images, ImagePreprocessing pre, long[] rowShape) {
        if (rowShape.length != 3 || rowShape[0] != pre.channels()) {
            throw new org.xai4j.core.InvalidShapeException("images decode to " + pre.channels() + "×H×W rows but the "
                    + "model takes rows of shape " + java.util.Arrays.toString(rowShape));
        }
        Dataset<Row> in = images.select("id", "target", "path", "content");
        return in.mapPartitions(new Decode(pre, rowShape.clone()), Encoders.row(SCHEMA));
    }

    /** One image row decoded, or its row with the reason it could not be. */
    static Row decodeRow(Row r, ImagePreprocessing pre, long[] rowShape) {
        long id = r.getLong(0);
        Integer target = r.isNullAt(1) ? null : r.getInt(1);
        String path = r.getString(2);
        if (r.isNullAt(3)) {
            return RowFactory.create(id, target, path, null, "image " + path + " was not read (no bytes from "
                    + "Spark's binaryFile source)");
        }
        try {
            BufferedImage img = Images.decode((byte[]) r.get(3), path);
            INDArray x = Images.fromImage(img, pre);
            if (x.size(2) != rowShape[1] || x.size(3) != rowShape[2]) {
                return RowFactory.create(id, target, path, null, "image " + path + " is " + img.getHeight() + "×"
                        + img.getWidth() + (pre.resizes() ? " (" + x.size(2) + "×" + x.size(3) + " after resizing)" : "")
                        + " but the model takes " + rowShape[1] + "×" + rowShape[2] + " images; resize them (--size "
                        + rowShape[1] + "x" + rowShape[2] + ", or --resize N --crop " + rowShape[1] + "x" + rowShape[2] + ")");
            }
            return RowFactory.create(id, target, path, x.dup('c').data().asFloat(), null);
        } catch (XaiException e) {
            return RowFactory.create(id, target, path, null, e.getMessage());
        } catch (RuntimeException e) {
            // A damaged file can make an image reader throw anything; the row keeps the reason, the job goes on.
            return RowFactory.create(id, target, path, null, "cannot decode image " + path + ": "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The per-partition decoding. */
    static final class Decode implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final ImagePreprocessing pre;
        private final long[] rowShape;

        Decode(ImagePreprocessing pre, long[] rowShape) {
            this.pre = pre;
            this.rowShape = rowShape;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Row next() {
                    return decodeRow(rows.next(), pre, rowShape);
                }
            };
        }
    }
}
