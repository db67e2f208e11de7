package org.xai4j.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.models.io.ImagePreprocessing;
import org.xai4j.models.io.Npy;

/**
 * {@link SparkExplainer}'s input from a path, whatever it holds: a folder of images ({@link ImageRows} then
 * {@link ImageDecoding}: one row per image, undecodable ones with their {@code error}), an {@code .npy} batch
 * (ids 0…N−1), a {@code .json} file (JSON lines) or a Parquet data set with columns {@code id}, {@code values}
 * and optionally {@code target}.
 */
public final class RowInputs {
    private RowInputs() {
    }

    /**
     * The rows of {@code input}; {@code images} (its channels the model's) turns image files into rows of shape
     * {@code rowShape} and is not used for the other kinds.
     *
     * @param spark the session to read with
     * @param input a folder of images, an {@code .npy} file, a {@code .json} file of JSON lines or a Parquet data
     *     set
     * @param images the preprocessing of image files
     * @param rowShape the shape of one model input row, e.g. 3×224×224
     * @return a lazy Dataset with {@code id}, {@code values} and optionally {@code target} (and {@code error} for
     *     images)
     * @throws InvalidConfigException if {@code input} does not exist or is of none of these kinds
     */
    public static Dataset<Row> read(SparkSession spark, Path input, ImagePreprocessing images, long[] rowShape) {
        String name = input.getFileName() == null ? "" : input.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.exists(input)) {
            throw new InvalidConfigException("input not found: " + input);
        }
        if (name.endsWith(".npy")) {
            return npy(spark, input);
        }
        if (name.endsWith(".json") || name.endsWith(".jsonl")) {
            return spark.read().json(input.toString());
        }
        if (name.endsWith(".parquet") || Files.isDirectory(input) && isParquet(input)) {
            return spark.read().parquet(input.toString());
        }
        if (Files.isDirectory(input)) {
            return ImageDecoding.decode(ImageRows.read(spark, input).rows(), images, rowShape);
        }
        throw new InvalidConfigException("input " + input + ": expected a folder of images, an .npy batch, a .json "
                + "file or a Parquet data set");
    }

    /** Whether a folder is a Parquet data set (a Spark output folder: parquet part files, or a _SUCCESS marker). */
    static boolean isParquet(Path dir) {
        try (var s = Files.walk(dir, 2)) {
            return s.anyMatch(f -> f.getFileName().toString().endsWith(".parquet")
                    || f.getFileName().toString().equals("_SUCCESS"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Dataset<Row> npy(SparkSession spark, Path input) {
        INDArray x = Npy.read(input).castTo(DataType.FLOAT);
        List<Row> list = new ArrayList<>();
        long n = x.size(0);
        int per = (int) (x.length() / Math.max(n, 1));
        float[] all = x.dup('c').data().asFloat();
        for (int i = 0; i < n; i++) {
            list.add(RowFactory.create((long) i, java.util.Arrays.copyOfRange(all, i * per, (i + 1) * per)));
        }
        StructType schema = new StructType().add("id", DataTypes.LongType, false)
                .add("values", DataTypes.createArrayType(DataTypes.FloatType, false), false);
        return spark.createDataFrame(list, schema);
    }
}
