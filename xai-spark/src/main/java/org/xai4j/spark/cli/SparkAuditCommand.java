package org.xai4j.spark.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.xai4j.cli.Main;
import org.xai4j.cli.MethodCatalog;
import org.xai4j.cli.UsageException;
import org.xai4j.models.io.Npy;
import org.xai4j.spark.SparkAudits;
import org.xai4j.spark.SparkExplainer;
import org.xai4j.spark.SparkFaithfulness;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code xai spark audit}: the data-set audits of {@link SparkAudits} and {@link SparkFaithfulness} over the
 * explanation of an input, with {@code xai spark explain}'s options ({@link SparkInputs}). Each writes its tables
 * as sub-folders of {@code --out}: {@code classes} (one row per class), {@code rows} (one row per input row,
 * exactly once, with {@code error}), {@code summary} or {@code top}.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        subcommands = {SparkAuditCommand.MeanAbs.class, SparkAuditCommand.AverageMap.class, SparkAuditCommand.Mask.class,
                SparkAuditCommand.Agreement.class, SparkAuditCommand.Faithfulness.class},
        description = "Data-set audits on Spark: mean-abs, average-map, mask, agreement, faithfulness.")
public final class SparkAuditCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "missing audit: one of mean-abs, average-map, mask, agreement, faithfulness");
    }

    /** Runs {@code work} in a Spark session on the inputs' master, after the checks that need no Spark. */
    static int run(SparkInputs inputs, String name, java.util.function.Consumer<SparkSession> work) {
        inputs.check();
        SparkSession spark = inputs.session("xai spark audit " + name);
        try {
            work.accept(spark);
        } finally {
            spark.stop();
        }
        return Main.OK;
    }

    /** Runs the per-class {@code audit} of the explained rows and writes its table to OUT/classes. */
    static int perClass(SparkInputs inputs, String name, java.util.function.UnaryOperator<Dataset<Row>> audit) {
        return run(inputs, name, spark -> inputs.write(audit.apply(inputs.explained(inputs.rows(spark))),
                inputs.out.resolve("classes")));
    }

    /** {@code mean-abs}: per class, rows, errors and the mean over rows of mean |attribution|. */
    @Command(name = "mean-abs", mixinStandardHelpOptions = true,
            description = "Per class: rows, errors, mean_abs_attribution (the mean over rows of mean |attribution|); writes OUT/classes.")
    static final class MeanAbs implements Callable<Integer> {
        @Mixin
        SparkInputs inputs = new SparkInputs();

        @Override
        public Integer call() {
            return perClass(inputs, "mean-abs", SparkAudits::meanAbsAttributionPerClass);
        }
    }

    /** {@code average-map}: per class, the element-wise mean map. */
    @Command(name = "average-map", mixinStandardHelpOptions = true,
            description = "Per class: the element-wise mean map (map) and its shape; writes OUT/classes.")
    static final class AverageMap implements Callable<Integer> {
        @Mixin
        SparkInputs inputs = new SparkInputs();

        @Override
        public Integer call() {
            return perClass(inputs, "average-map", SparkAudits::averageMapPerClass);
        }
    }

    /** {@code mask}: per row, the share of |attribution| inside a mask. */
    @Command(name = "mask", mixinStandardHelpOptions = true,
            description = "Per row: relevance_in_mask, the share of |attribution| inside --mask; writes OUT/rows (and OUT/top).")
    static final class Mask implements Callable<Integer> {
        @Mixin
        SparkInputs inputs = new SparkInputs();

        @Option(names = "--mask", required = true, paramLabel = "M.npy",
                description = "one weight per map element (1 inside the region, 0 outside), in the map's shape or flattened")
        Path mask;

        @Option(names = "--top", paramLabel = "K", description = "also write the K rows with the most relevance inside to OUT/top")
        Integer top;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(mask)) {
                throw new UsageException("--mask " + mask + " not found");
            }
            if (top != null && top < 1) {
                throw new UsageException("--top must be ≥ 1 but was " + top);
            }
            double[] weights = Npy.read(mask).castTo(DataType.DOUBLE).dup('c').data().asDouble();
            return run(inputs, "mask", spark -> {
                Dataset<Row> rows = SparkAudits.relevanceInMask(inputs.explained(inputs.rows(spark)), weights).persist();
                inputs.write(rows, inputs.out.resolve("rows"));
                if (top != null) {
                    inputs.write(SparkAudits.topK(rows, "relevance_in_mask", top), inputs.out.resolve("top"));
                }
            });
        }
    }

    /** {@code agreement}: per row, the Pearson correlation of two methods' or two models' maps. */
    @Command(name = "agreement", mixinStandardHelpOptions = true,
            description = "Per row: pearson between the maps of --method and --other-method (or of --model and --other-model); "
                    + "writes OUT/rows and OUT/summary (rows, mean, std, min, max).")
    static final class Agreement implements Callable<Integer> {
        @Mixin
        SparkInputs inputs = new SparkInputs();

        @Option(names = "--other-method", paramLabel = "NAME", description = "the second method (default: --method)")
        String otherMethod;

        @Option(names = "--other-param", paramLabel = "KEY=VALUE", description = "a parameter of the second method (repeatable)")
        List<String> otherParams = new ArrayList<>();

        @Option(names = "--other-layer", paramLabel = "NODE", description = "the second method's layer")
        String otherLayer;

        @Option(names = "--other-model", paramLabel = "FILE", description = "the second model (default: --model)")
        Path otherModel;

        @Override
        public Integer call() {
            if (otherMethod == null && otherModel == null) {
                throw new UsageException("agreement compares two explanations: give --other-method NAME or --other-model FILE");
            }
            if (otherMethod != null) {
                MethodCatalog.get(otherMethod);
            }
            if (otherModel != null && !Files.isRegularFile(otherModel)) {
                throw new UsageException("--other-model " + otherModel + " not found");
            }
            SparkExplainer other = SparkExplainer.of(otherModel == null ? inputs.model : otherModel,
                    otherMethod == null ? inputs.chosen.method() : otherMethod,
                    otherMethod == null && otherParams.isEmpty() ? inputs.chosen.params() : otherParams,
                    otherMethod == null && otherLayer == null ? inputs.chosen.layer() : otherLayer);
            return run(inputs, "agreement", spark -> {
                Dataset<Row> in = inputs.rows(spark);
                Dataset<Row> rows = SparkAudits.agreementPerRow(inputs.explained(in), inputs.explained(other, in)).persist();
                inputs.write(rows, inputs.out.resolve("rows"));
                inputs.write(SparkAudits.agreementSummaryTable(rows), inputs.out.resolve("summary"));
            });
        }
    }

    /** {@code faithfulness}: per row and per class, deletion and insertion AUC. */
    @Command(name = "faithfulness", mixinStandardHelpOptions = true,
            description = "Per row: deletion_auc and insertion_auc (RISE's curves on the explained class); per class their means; "
                    + "writes OUT/rows and OUT/classes.")
    static final class Faithfulness implements Callable<Integer> {
        @Mixin
        SparkInputs inputs = new SparkInputs();

        @Option(names = "--steps", paramLabel = "N", description = "about N model passes per curve (default: ${DEFAULT-VALUE})")
        int steps = SparkFaithfulness.DEFAULT_STEPS;

        @Override
        public Integer call() {
            if (steps < 1) {
                throw new UsageException("--steps must be ≥ 1 but was " + steps);
            }
            SparkFaithfulness f = SparkFaithfulness.of(inputs.explainer(), steps);
            return run(inputs, "faithfulness", spark -> {
                Dataset<Row> rows = inputs.checked(() -> f.perRow(inputs.rows(spark))).persist();
                inputs.write(rows, inputs.out.resolve("rows"));
                inputs.write(SparkFaithfulness.perClass(rows), inputs.out.resolve("classes"));
            });
        }
    }
}
