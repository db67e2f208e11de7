package org.xai4j.spark.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.cli.Main;
import org.xai4j.cli.UsageException;
import org.xai4j.models.io.Npy;
import org.xai4j.spark.SparkExplainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code xai spark explain}: {@link SparkExplainer} over an {@code .npy} batch or a Parquet/JSON data set with
 * columns {@code id} and {@code values} (and optionally {@code target}), written to a new folder as Parquet or
 * JSON.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain every row of a data set on Spark; one output row per input row.")
public final class SparkExplainCommand implements Callable<Integer> {
    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default: local[*])")
    String master = "local[*]";

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "the model: .onnx or a DL4J .zip")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "an .npy batch, or a Parquet/JSON data set with columns id, values[, target]")
    Path input;

    @Option(names = "--method", required = true, paramLabel = "NAME", description = "a method name ('xai methods' lists them)")
    String method;

    @Option(names = "--layer", paramLabel = "NODE", description = "layer for CAM and layer methods")
    String layer;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "a method parameter (repeatable)")
    List<String> params = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (must not exist)")
    Path out;

    @Option(names = "--format", paramLabel = "parquet|json", description = "output format (default: parquet)")
    String format = "parquet";

    @Override
    public Integer call() {
        if (!format.equals("parquet") && !format.equals("json")) {
            throw new UsageException("--format must be parquet or json but was '" + format + "'");
        }
        if (!Files.exists(input)) {
            throw new UsageException("input not found: " + input);
        }
        if (Files.exists(out)) {
            throw new UsageException("--out " + out + " exists; give a new folder (nothing is replaced)");
        }
        SparkSession spark = SparkSession.builder().master(master).appName("xai spark explain")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            Dataset<Row> rows = read(spark);
            SparkExplainer.of(model, method, params, layer).explain(rows)
                    .write().format(format).save(out.toString());
        } finally {
            spark.stop();
        }
        return Main.OK;
    }

    private Dataset<Row> read(SparkSession spark) {
        String name = input.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            INDArray x = Npy.read(input).castTo(DataType.FLOAT);
            List<Row> list = new ArrayList<>();
            long n = x.size(0);
            long per = x.length() / Math.max(n, 1);
            float[] all = x.dup('c').data().asFloat();
            for (int i = 0; i < n; i++) {
                List<Float> v = new ArrayList<>((int) per);
                for (long k = i * per; k < (i + 1) * per; k++) {
                    v.add(all[(int) k]);
                }
                list.add(RowFactory.create((long) i, v));
            }
            StructType schema = new StructType().add("id", DataTypes.LongType, false)
                    .add("values", DataTypes.createArrayType(DataTypes.FloatType, false), false);
            return spark.createDataFrame(list, schema);
        }
        if (name.endsWith(".json") || name.endsWith(".jsonl")) {
            return spark.read().json(input.toString());
        }
        if (name.endsWith(".parquet") || Files.isDirectory(input)) {
            return spark.read().parquet(input.toString());
        }
        throw new UsageException("--input " + input + ": expected an .npy batch, a .json file or a Parquet data set");
    }
}
