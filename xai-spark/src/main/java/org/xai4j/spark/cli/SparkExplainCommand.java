package org.xai4j.spark.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.xai4j.cli.Main;
import org.xai4j.spark.SparkExplainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code xai spark explain}: {@link SparkExplainer} over a folder of images, an {@code .npy} batch or a
 * Parquet/JSON data set ({@link SparkInputs}), written to a new folder as Parquet or JSON, one row per input row.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain every row of a data set on Spark; one output row per input row.")
public final class SparkExplainCommand implements Callable<Integer> {
    @Mixin
    SparkInputs inputs = new SparkInputs();

    @Override
    public Integer call() {
        inputs.check();
        SparkSession spark = inputs.session("xai spark explain");
        try {
            inputs.write(inputs.explained(inputs.rows(spark)), inputs.out);
        } finally {
            spark.stop();
        }
        return Main.OK;
    }
}
