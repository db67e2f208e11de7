package org.xai4j.spark.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.xai4j.cli.ImageOptions;
import org.xai4j.cli.MethodCatalog;
import org.xai4j.cli.MethodOptions;
import org.xai4j.cli.UsageException;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.spark.RowInputs;
import org.xai4j.spark.SparkExplainer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options {@code xai spark explain} and {@code xai spark audit} share — the Spark master, the model, the
 * input (a folder of images with the image options of {@code xai explain}, an {@code .npy} batch, a JSON or
 * Parquet data set), the method with its parameters and layer, the output folder and its format — and the
 * checks made before any Spark job: the format, the input, the output folder, the model file and the method.
 */
public final class SparkInputs {
    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: ${DEFAULT-VALUE})")
    String master = "local[*]";

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "the model: .onnx or a DL4J .zip")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "a folder of images (class sub-folders: target = class), an .npy batch, or a Parquet/JSON "
                    + "data set with columns id, values[, target]")
    Path input;

    @Mixin
    ImageOptions images = new ImageOptions();

    @Mixin
    MethodOptions chosen = new MethodOptions();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (must not exist)")
    Path out;

    @Option(names = "--format", paramLabel = "parquet|json", description = "output format (default: ${DEFAULT-VALUE})")
    String format = "parquet";

    /** Everything that can be checked without Spark, in the user's words; throws a usage error. */
    void check() {
        if (!format.equals("parquet") && !format.equals("json")) {
            throw new UsageException("--format must be parquet or json but was '" + format + "'");
        }
        if (!Files.exists(input)) {
            throw new UsageException("--input " + input + " not found");
        }
        if (Files.exists(out)) {
            throw new UsageException("--out " + out + " exists; give a new folder (nothing is replaced)");
        }
        if (!Files.isRegularFile(model)) {
            throw new UsageException("--model " + model + " not found");
        }
        MethodCatalog.get(chosen.method()); // unknown method: a usage error with close names
    }

    /** A Spark session on {@code --master}, without the web UI. */
    SparkSession session(String appName) {
        return SparkSession.builder().master(master).appName(appName).config("spark.ui.enabled", "false").getOrCreate();
    }

    /** The explainer the options name. */
    SparkExplainer explainer() {
        return SparkExplainer.of(model, chosen.method(), chosen.params(), chosen.layer());
    }

    /** The input rows, images decoded for the model's row shape; a column of the wrong type a usage error. */
    Dataset<Row> rows(SparkSession spark) {
        long[] rowShape = SparkExplainer.rowShape(model);
        try {
            return RowInputs.read(spark, input, images.preprocessing(ImageOptions.channelsFor(rowShape)), rowShape);
        } catch (InvalidConfigException | InvalidShapeException e) {
            throw new UsageException("--input " + input + ": " + e.getMessage(), e);
        }
    }

    /** {@code rows} explained; a bad parameter, layer or input column reported before the job, as a usage error. */
    Dataset<Row> explained(Dataset<Row> rows) {
        return explained(explainer(), rows);
    }

    /** {@code rows} explained by {@code explainer}; setup errors as usage errors. */
    Dataset<Row> explained(SparkExplainer explainer, Dataset<Row> rows) {
        return checked(() -> explainer.explain(rows));
    }

    /** {@code job}'s result; a bad input column or shape found while setting it up, as a usage error. */
    Dataset<Row> checked(java.util.function.Supplier<Dataset<Row>> job) {
        try {
            return job.get();
        } catch (InvalidConfigException | InvalidShapeException e) {
            throw new UsageException("--input " + input + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code table} to {@code folder} in {@code --format}. */
    void write(Dataset<Row> table, Path folder) {
        table.write().format(format).save(folder.toString());
    }
}
