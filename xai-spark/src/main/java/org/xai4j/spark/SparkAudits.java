package org.xai4j.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.corr;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.struct;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;

/**
 * Data-set questions over {@link SparkExplainer}'s output, as Spark aggregations: how much attribution each
 * class gets and its average map, how well two explanations of the same rows agree, how much of a row's
 * relevance lies inside a region (a shortcut finder, e.g. a ring mask), and the rows that score highest. Rows with
 * an {@code error} are left out of every aggregate (they stay in the explain output).
 */
public final class SparkAudits {
    private SparkAudits() {
    }

    /** Per class ({@code target}): rows, and the mean over rows of each row's mean |attribution|. */
    public static Dataset<Row> meanAbsAttributionPerClass(Dataset<Row> explained) {
        return ok(explained)
                .withColumn("mean_abs", expr("aggregate(values, 0D, (a, v) -> a + abs(v)) / size(values)"))
                .groupBy("target").agg(count(lit(1)).as("rows"), avg("mean_abs").as("mean_abs_attribution"))
                .orderBy("target");
    }

    /** Per class ({@code target}): the element-wise mean of its rows' maps ({@code map}) and their shape. */
    public static Dataset<Row> averageMapPerClass(Dataset<Row> explained) {
        return ok(explained)
                .select(col("target"), col("shape"), posexplode(col("values")).as(new String[] {"pos", "v"}))
                .groupBy("target", "shape", "pos").agg(avg("v").as("mean"))
                .groupBy("target", "shape").agg(sort_array(collect_list(struct(col("pos"), col("mean")))).as("cells"))
                .select(col("target"), expr("transform(cells, c -> c.mean)").as("map"), col("shape"))
                .orderBy("target");
    }

    /**
     * Per row: the share of its |attribution| inside {@code mask} (one weight per map element, 1 inside the
     * region, 0 outside; the map's flattened order), in [0, 1]; null for an all-zero map.
     */
    public static Dataset<Row> relevanceInMask(Dataset<Row> explained, double[] mask) {
        if (mask.length == 0) {
            throw new InvalidConfigException("the mask is empty");
        }
        Column size = expr("size(values)");
        Dataset<Row> rows = ok(explained);
        long wrong = rows.filter(size.notEqual(lit(mask.length))).count();
        if (wrong > 0) {
            throw new InvalidShapeException("the mask has " + mask.length + " weights but " + wrong
                    + " explained rows have maps of another size");
        }
        return rows.withColumn("mask", lit(mask))
                .withColumn("inside", expr("aggregate(zip_with(values, mask, (v, m) -> abs(v) * m), 0D, (a, x) -> a + x)"))
                .withColumn("total", expr("aggregate(values, 0D, (a, v) -> a + abs(v))"))
                .select(col("id"), col("target"), col("prediction"),
                        expr("CASE WHEN total > 0 THEN inside / total END").as("relevance_in_mask"));
    }

    /**
     * Per row present in both: the Pearson correlation between two explanations of the same rows ({@code a}
     * and {@code b}: two methods, or two models), joined on {@code id}; null where a map is constant.
     */
    public static Dataset<Row> agreementPerRow(Dataset<Row> a, Dataset<Row> b) {
        Dataset<Row> left = ok(a).select(col("id"), col("target"), col("values").as("a"));
        Dataset<Row> right = ok(b).select(col("id"), col("values").as("b"));
        return left.join(right, "id")
                .select(col("id"), col("target"), expr("explode(arrays_zip(a, b))").as("p"))
                .groupBy("id", "target").agg(corr(col("p.a"), col("p.b")).as("pearson"))
                .orderBy("id");
    }

    /** The summary of {@link #agreementPerRow}: rows, mean, standard deviation, minimum and maximum. */
    public static Row agreementSummary(Dataset<Row> perRow) {
        List<Row> r = perRow.agg(count(col("pearson")).as("rows"), avg("pearson").as("mean"),
                stddev_pop("pearson").as("std"), min("pearson").as("min"), max("pearson").as("max")).collectAsList();
        return r.get(0);
    }

    /** The {@code k} rows with the largest {@code column}, largest first (ties by {@code id}). */
    public static Dataset<Row> topK(Dataset<Row> scores, String column, int k) {
        if (k < 1) {
            throw new InvalidConfigException("k must be ≥ 1 but was " + k);
        }
        if (!List.of(scores.columns()).contains(column)) {
            throw new InvalidConfigException("no column '" + column + "'; the columns are "
                    + String.join(", ", scores.columns()));
        }
        return scores.filter(col(column).isNotNull()).orderBy(col(column).desc(), col("id")).limit(k);
    }

    private static Dataset<Row> ok(Dataset<Row> explained) {
        return explained.filter(col("error").isNull());
    }
}
