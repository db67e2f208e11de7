package org.xai4j.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.xai4j.models.io.ImageFolder;

/**
 * A folder of images as Spark rows, the files' bytes read by Spark's {@code binaryFile} source (on the
 * executors). The folder is listed on the driver by the library's {@link ImageFolder} — torchvision's
 * {@code ImageFolder} layout and order, the one {@code xai explain --input DIR} uses: with one sub-folder per
 * class, a file's {@code target} is its class's index among the sorted class names; without, {@code target} is
 * null (explain the predicted class). Row {@code id} is the file's position in that order, so {@code id} i is
 * row i of {@code xai explain} on the same folder.
 *
 * <p>Columns ({@link #SCHEMA}): {@code id}, {@code target}, {@code path} (as Spark names the file, e.g.
 * {@code file:/data/cats/1.png}) and {@code content} (the file's bytes; null where Spark did not return the
 * file, e.g. one deleted after the listing). Every listed file is one row, exactly once. Decode with
 * {@link ImageDecoding}.
 *
 * @param rows    the rows, in {@link #SCHEMA}
 * @param classes the class names (index = {@code target}); empty for a folder without class sub-folders
 */
public record ImageRows(Dataset<Row> rows, List<String> classes) {
    /** The rows' schema. */
    public static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.LongType, false)
            .add("target", DataTypes.IntegerType, true)
            .add("path", DataTypes.StringType, false)
            .add("content", DataTypes.BinaryType, true);

    /**
     * Copies {@code classes}; the Dataset is kept as given.
     *
     * @param rows the rows, in {@link #SCHEMA}
     * @param classes the class names (index = {@code target}); empty for a folder without class sub-folders
     */
    public ImageRows {
        classes = List.copyOf(classes);
    }

    /**
     * The images under {@code folder} ({@link ImageFolder#scan}: an error naming the folder when it has none).
     *
     * @param spark the session to read the files with
     * @param folder the folder, with one sub-folder per class or images only
     * @return one row per image file, labelled where the folder has class sub-folders
     */
    public static ImageRows read(SparkSession spark, Path folder) {
        ImageFolder images = ImageFolder.scan(folder);
        List<Row> listed = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        int[] labels = images.labels();
        for (int i = 0; i < images.files().size(); i++) {
            String path = sparkPath(images.files().get(i));
            paths.add(path);
            listed.add(RowFactory.create((long) i, images.labelled() ? labels[i] : null, path));
        }
        StructType listing = new StructType().add("id", DataTypes.LongType, false)
                .add("target", DataTypes.IntegerType, true).add("path", DataTypes.StringType, false);
        Dataset<Row> files = spark.createDataFrame(listed, listing);
        Dataset<Row> bytes = spark.read().format("binaryFile").load(paths.toArray(String[]::new))
                .select(col("path").as("read_path"), col("content"));
        // The listing is small beside the bytes: broadcast it. A left join keeps every listed file once (each
        // path is read at most once, as the listing names each file once).
        Dataset<Row> rows = bytes.join(broadcast(files), col("read_path").equalTo(col("path")), "right_outer")
                .select(col("id"), col("target"), col("path"), col("content"));
        return new ImageRows(rows, images.classes());
    }

    /** A local file as Spark's {@code binaryFile} source names it in its {@code path} column. */
    static String sparkPath(Path file) {
        return new org.apache.hadoop.fs.Path(file.toAbsolutePath().normalize().toUri()).toString();
    }
}
