package org.xai4j.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.stddev_pop;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.xai4j.core.InvalidConfigException;

/**
 * Data-set questions over {@link SparkExplainer}'s output, as Spark aggregations: how much attribution each
 * class gets and its average map, how well two explanations of the same rows agree, how much of a row's
 * relevance lies inside a region (a shortcut finder, e.g. a ring mask), and the rows that score highest.
 * Per-class aggregates leave rows with an {@code error} out (and count them); per-row results keep every row
 * exactly once, with a null score and the reason in {@code error} where there is none ({@link #withErrorColumn}).
 */
public final class SparkAudits {
    private SparkAudits() {
    }

    /**
     * Per class ({@code target}): {@code rows} explained, {@code errors} (rows with an error, left out of the
     * mean), and {@code mean_abs_attribution}: the mean over rows of each row's mean |attribution|.
     *
     * @param explained the output of {@link SparkExplainer#explain}
     * @return a lazy Dataset with one row per {@code target}
     */
    public static Dataset<Row> meanAbsAttributionPerClass(Dataset<Row> explained) {
        Column ok = col("error").isNull();
        return explained
                .withColumn("mean_abs", when(ok, expr("aggregate(values, 0D, (a, v) -> a + abs(v)) / size(values)")))
                .groupBy("target").agg(count(when(ok, lit(1))).as("rows"), count(when(ok.unary_$bang(), lit(1))).as("errors"),
                        avg("mean_abs").as("mean_abs_attribution"))
                .orderBy("target");
    }

    /**
     * Per class ({@code target}): the element-wise mean of its rows' maps ({@code map}) and their shape.
     *
     * @param explained the output of {@link SparkExplainer#explain}
     * @return a lazy Dataset with one row per {@code target} and map {@code shape}: the element-wise mean
     *     {@code map}
     */
    public static Dataset<Row> averageMapPerClass(Dataset<Row> explained) {
        return ok(explained)
                .select(col("target"), col("shape"), posexplode(col("values")).as(new String[] {"pos", "v"}))
                .groupBy("target", "shape", "pos").agg(avg("v").as("mean"))
                .groupBy("target", "shape").agg(sort_array(collect_list(struct(col("pos"), col("mean")))).as("cells"))
                .select(col("target"), expr("transform(cells, c -> c.mean)").as("map"), col("shape"))
                .orderBy("target");
    }

    /**
     * Every row of {@code rows} exactly once — a projection, never a join, so no row is lost or repeated —
     * with {@code id}, {@code target}, {@code prediction}, each of {@code scores} (in the map's order) and
     * {@code error}: the row's own error if it has one, else {@code problem}'s reason (a string column, null when
     * the row can be scored); a score is null wherever {@code error} is set.
     *
     * @param rows the rows to score, with {@code id}, {@code target} and {@code prediction}
     * @param problem a string column, null where the row can be scored
     * @param scores name → score column, set to null where the row has an error
     * @return a lazy Dataset, one row per row of {@code rows}
     */
    public static Dataset<Row> withErrorColumn(Dataset<Row> rows, Column problem, Map<String, Column> scores) {
        Dataset<Row> checked = rows.withColumn("audit_error", coalesce(col("error"), problem));
        List<Column> out = new ArrayList<>(List.of(col("id"), col("target"), col("prediction")));
        for (Map.Entry<String, Column> e : new TreeMap<>(scores).entrySet()) {
            out.add(when(col("audit_error").isNull(), e.getValue()).as(e.getKey()));
        }
        out.add(col("audit_error").as("error"));
        return checked.select(out.toArray(Column[]::new));
    }

    /**
     * Per row: {@code relevance_in_mask}, the share of its |attribution| inside {@code mask} (one weight per map
     * element, 1 inside the region, 0 outside; the map's flattened order), in [0, 1]; null for an all-zero map.
     * A map of another size than the mask is an error of its row.
     *
     * @param explained the output of {@link SparkExplainer#explain}
     * @param mask one weight per map element, flattened row-major
     * @return a lazy Dataset with {@code id}, {@code target}, {@code prediction}, {@code relevance_in_mask} and
     *     {@code error} per row
     * @throws InvalidConfigException if {@code mask} is empty
     */
    public static Dataset<Row> relevanceInMask(Dataset<Row> explained, double[] mask) {
        if (mask.length == 0) {
            throw new InvalidConfigException("the mask is empty");
        }
        Dataset<Row> rows = explained.withColumn("mask", lit(mask))
                .withColumn("inside", expr("aggregate(zip_with(values, mask, (v, m) -> abs(v) * m), 0D, (a, x) -> a + x)"))
                .withColumn("total", expr("aggregate(values, 0D, (a, v) -> a + abs(v))"));
        Column problem = when(size(col("values")).notEqual(lit(mask.length)), concat(lit("the map has "),
                size(col("values")).cast("string"), lit(" values but the mask has " + mask.length + " weights")));
        return withErrorColumn(rows, problem,
                Map.of("relevance_in_mask", expr("CASE WHEN total > 0 THEN inside / total END")));
    }

    /**
     * Per id of either side: {@code pearson}, the Pearson correlation between two explanations of the same rows
     * ({@code a} and {@code b}: two methods, or two models; ids unique on each side), null where a map is
     * constant; an error on either side (the first side's first), an id missing on one side or maps of different sizes are the row's
     * {@code error}. Columns {@code id}, {@code target} (a's, else b's), {@code pearson}, {@code error}.
     *
     * @param a the first explanation, in the {@link SparkExplainer#OUTPUT} schema
     * @param b the second explanation of the same rows
     * @return a lazy Dataset with {@code id}, {@code target}, {@code pearson} and {@code error} per id
     */
    public static Dataset<Row> agreementPerRow(Dataset<Row> a, Dataset<Row> b) {
        Dataset<Row> left = a.select(col("id"), col("target").as("ta"), col("values").as("a"), col("error").as("ea"),
                lit(true).as("in_a"));
        Dataset<Row> right = b.select(col("id"), col("target").as("tb"), col("values").as("b"), col("error").as("eb"),
                lit(true).as("in_b"));
        Column problem = coalesce(col("ea"), col("eb"),
                when(col("in_a").isNull(), concat(lit("no row "), col("id").cast("string"), lit(" in the first explanation"))),
                when(col("in_b").isNull(), concat(lit("no row "), col("id").cast("string"), lit(" in the second explanation"))),
                when(size(col("a")).notEqual(size(col("b"))), concat(lit("the maps have "), size(col("a")).cast("string"),
                        lit(" and "), size(col("b")).cast("string"), lit(" values"))));
        Dataset<Row> joined = left.join(right, "id", "full_outer")
                .withColumn("error", problem)
                .withColumn("ma", when(col("error").isNull(), expr("aggregate(a, 0D, (s, x) -> s + x) / size(a)")))
                .withColumn("mb", when(col("error").isNull(), expr("aggregate(b, 0D, (s, x) -> s + x) / size(b)")))
                .withColumn("sab", when(col("error").isNull(),
                        expr("aggregate(zip_with(a, b, (x, y) -> (x - ma) * (y - mb)), 0D, (s, v) -> s + v)")))
                .withColumn("saa", when(col("error").isNull(), expr("aggregate(a, 0D, (s, x) -> s + (x - ma) * (x - ma))")))
                .withColumn("sbb", when(col("error").isNull(), expr("aggregate(b, 0D, (s, y) -> s + (y - mb) * (y - mb))")));
        return joined.select(col("id"), coalesce(col("ta"), col("tb")).as("target"),
                expr("CASE WHEN saa > 0 AND sbb > 0 THEN sab / sqrt(saa * sbb) END").as("pearson"), col("error"));
    }

    /**
     * The summary of {@link #agreementPerRow}: rows, mean, standard deviation, minimum and maximum.
     *
     * @param perRow the output of {@link #agreementPerRow}
     * @return one row: {@code rows}, {@code mean}, {@code std}, {@code min}, {@code max} over the non-null
     *     correlations
     */
    public static Row agreementSummary(Dataset<Row> perRow) {
        return agreementSummaryTable(perRow).collectAsList().get(0);
    }

    /**
     * {@link #agreementSummary} as a one-row table: {@code rows}, {@code mean}, {@code std}, {@code min},
     * {@code max}.
     *
     * @param perRow the output of {@link #agreementPerRow}
     * @return a one-row Dataset
     */
    public static Dataset<Row> agreementSummaryTable(Dataset<Row> perRow) {
        return perRow.agg(count(col("pearson")).as("rows"), avg("pearson").as("mean"),
                stddev_pop("pearson").as("std"), min("pearson").as("min"), max("pearson").as("max"));
    }

    /**
     * The {@code k} rows with the largest {@code column}, largest first (ties by {@code id}).
     *
     * @param scores a Dataset with {@code id} and {@code column}
     * @param column the numeric column to rank by
     * @param k how many rows, at least 1
     * @return a Dataset of at most {@code k} rows
     * @throws InvalidConfigException if {@code k} is below 1 or {@code scores} has no such column
     */
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
