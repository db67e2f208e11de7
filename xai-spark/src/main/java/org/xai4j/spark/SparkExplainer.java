package org.xai4j.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.xai4j.cli.MethodCatalog;
import org.xai4j.cli.MethodEntry;
import org.xai4j.cli.ModelHandle;
import org.xai4j.cli.Params;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.XaiException;

/**
 * Explains every row of a Spark {@code Dataset<Row>} with one of the registry's methods, named and parametrised
 * exactly as on the command line ({@code xai explain --method NAME --param k=v --layer L}).
 *
 * <p>The input has a column {@code id} (integer or long; the row's identity), a column {@code values} (an array
 * of numbers: one input row flattened in row-major order, reshaped to the model's row shape) and optionally
 * {@code target} (the class to explain; the predicted class when absent or null). The output has one row per
 * input row, in the schema {@link #OUTPUT}: {@code id}, {@code target}, {@code prediction}, {@code values} (the
 * explanation, flattened), {@code shape} (its shape without the batch axis), the provenance ({@code method},
 * {@code params}, {@code model}: the model file's SHA-256, {@code seed}: the row's own seed for a method that
 * draws random numbers, see {@link RowSeeds}) and {@code error}: the reason a row could not be explained (wrong
 * length, a NaN or infinite value, the method's own refusal, or an {@code error} the input row already carries,
 * e.g. an undecodable image), with null values.
 *
 * <p>The model file's bytes are broadcast once; each executor JVM builds the graph and the explainer once per
 * concurrently running task and reuses them for every later task ({@link ExecutorModels}). A partition is
 * explained {@link #batchSize} rows per explainer call (one by default), and the explainers' own batching of
 * model passes applies inside each call; a method with a {@code seed} is explained one row per call with the
 * row's seed from {@link RowSeeds} (derived from the row's id and the job's seed). The registry's contract (a
 * row's result does not depend on the rows beside it; the same settings and seed give the same bits) makes the
 * output equal, bit for bit, to the single-JVM explainer run on each row (with that row's seed), whatever the
 * partitioning.
 */
public final class SparkExplainer implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * The rows explained together in one call by default: one, as {@code xai explain} does. The methods still
     * batch their own model passes (Integrated Gradients' steps, KernelSHAP's coalitions); stacking several rows
     * into one call is faster but changes the rounding of Integrated Gradients' batched matrix products (measured:
     * not bit-equal at 2 rows per call), so bit-equality with the single JVM holds at this default.
     */
    public static final int DEFAULT_BATCH_SIZE = 1;

    /** The output schema. */
    public static final StructType OUTPUT = new StructType(new StructField[] {
        DataTypes.createStructField("id", DataTypes.LongType, false),
        DataTypes.createStructField("target", DataTypes.IntegerType, true),
        DataTypes.createStructField("prediction", DataTypes.IntegerType, true),
        DataTypes.createStructField("values", DataTypes.createArrayType(DataTypes.FloatType, false), true),
        DataTypes.createStructField("shape", DataTypes.createArrayType(DataTypes.IntegerType, false), true),
        DataTypes.createStructField("method", DataTypes.StringType, false),
        DataTypes.createStructField("params", DataTypes.StringType, false),
        DataTypes.createStructField("model", DataTypes.StringType, false),
        DataTypes.createStructField("seed", DataTypes.LongType, true),
        DataTypes.createStructField("error", DataTypes.StringType, true),
    });

    /**
     * The model file, ONNX or a DL4J zip, as a path string ({@link Path} is not serializable); read on the
     * driver, its bytes broadcast to the executors.
     */
    private final String modelFile;
    /** The method's name, as {@code xai explain --method}. */
    private final String method;
    /** The method's {@code key=value} parameters, as {@code --param}. */
    private final List<String> params;
    /** The layer, as {@code --layer}; null for none. */
    private final String layer;
    /** The rows explained together in one explainer call, at least 1. */
    private final int batchSize;

    private SparkExplainer(Path modelFile, String method, List<String> params, String layer, int batchSize) {
        this.modelFile = modelFile == null ? null : modelFile.toString();
        this.method = method;
        this.params = List.copyOf(params);
        this.layer = layer;
        this.batchSize = batchSize;
    }

    /**
     * An explainer running {@code method} with {@code params} ({@code key=value}, as {@code --param}) on the
     * model in {@code modelFile} (ONNX, or a DL4J zip); {@code layer} as {@code --layer}, or null.
     *
     * @param modelFile an ONNX file or a DL4J zip, read on the driver (the executors get its bytes by broadcast)
     * @param method the method's name, e.g. {@code integrated-gradients}
     * @param params the method's parameters as {@code key=value} strings; copied
     * @param layer the layer, or null
     * @return an explainer with {@link #DEFAULT_BATCH_SIZE} rows per call
     */
    public static SparkExplainer of(Path modelFile, String method, List<String> params, String layer) {
        return new SparkExplainer(modelFile, method, params, layer, DEFAULT_BATCH_SIZE);
    }

    /**
     * This explainer with {@code rows} rows per explainer call.
     *
     * @param rows rows per explainer call, at least 1
     * @return a new explainer; this one is unchanged
     * @throws InvalidConfigException if {@code rows} is below 1
     */
    public SparkExplainer batchSize(int rows) {
        if (rows < 1) {
            throw new InvalidConfigException("batch size must be ≥ 1 but was " + rows);
        }
        return new SparkExplainer(modelPath(), method, params, layer, rows);
    }

    /**
     * The rows per explainer call.
     *
     * @return the rows per call, at least 1
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * The explanation of every row of {@code input}: a lazy Dataset in the {@link #OUTPUT} schema. The method,
     * its parameters, the model file and the input's columns are checked here, before any job runs.
     *
     * @param input rows with {@code id}, {@code values} and optionally {@code target} (as {@link RowInputs} reads
     *     them)
     * @return the explanations, one row per input row; a row that could not be explained has null values and its
     *     {@code error}
     */
    public Dataset<Row> explain(Dataset<Row> input) {
        return input.mapPartitions(new PartitionTask(prepare(input), batchSize), Encoders.row(OUTPUT));
    }

    private Path modelPath() {
        return modelFile == null ? null : Path.of(modelFile);
    }

    /**
     * What the executors need for {@code input}: the model's bytes broadcast, the explainer's key, the row shape
     * and the input's columns. Everything checkable is checked here, on the driver, before any job.
     */
    Job prepare(Dataset<Row> input) {
        MethodEntry entry = MethodCatalog.get(method); // unknown method: an error naming it
        MemoryWatch.parse(System.getProperty(MemoryWatch.PROPERTY)); // a bad limit, before the job (local mode)
        Columns columns = Columns.of(input.schema());
        Path modelFile = modelPath();
        byte[] bytes = readModel(modelFile);
        long[] rowShape;
        // Built once on the driver too, so that a bad parameter or layer is reported before the job.
        try (ModelHandle m = ModelHandle.load(modelFile, ModelHandle.Engine.GRAPH, null)) {
            Params p = Params.parse(params);
            entry.create(m, p, layer);
            p.requireAllUsed("method " + method, entry.paramNames());
            rowShape = fixedRowShape(m, modelFile);
        } catch (XaiException e) {
            throw e;
        } catch (Exception e) {
            throw new XaiException("could not load the model " + modelFile + ": " + e.getMessage(), e);
        }
        String hash = sha256(bytes);
        SparkSession spark = input.sparkSession();
        Broadcast<byte[]> shipped = spark.sparkContext().broadcast(bytes,
                scala.reflect.ClassTag$.MODULE$.apply(byte[].class));
        String suffix = modelFile.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip") ? ".zip" : ".onnx";
        Long jobSeed = RowSeeds.seeded(entry) ? RowSeeds.jobSeed(entry, params) : null;
        ExecutorModels.Key key = new ExecutorModels.Key(hash, suffix, method, params, layer, jobSeed);
        return new Job(shipped, key, rowShape, columns);
    }

    /** One explain job's shipped parts: the broadcast model, the explainer's key, the row shape, the columns. */
    record Job(Broadcast<byte[]> model, ExecutorModels.Key key, long[] rowShape, Columns columns) implements Serializable {
        /** An explainer of this job's on this executor, built when none is idle; give it back with {@link #giveBack}. */
        ExecutorModels.Worker borrow() {
            return ExecutorModels.borrow(key, model, rowShape);
        }

        void giveBack(ExecutorModels.Worker w) {
            ExecutorModels.giveBack(key, w);
        }
    }

    /**
     * The shape of one input row of the model in {@code modelFile} (without the batch axis), e.g. 3×224×224: what
     * an input row's {@code values} must hold, and the size images are decoded to. The model is loaded on the
     * driver to read it; a missing file, or a model without a fixed input shape, is an error naming it.
     *
     * @param modelFile an ONNX file or a DL4J zip
     * @return the input shape without the batch axis
     */
    public static long[] rowShape(Path modelFile) {
        readModel(modelFile);
        try (ModelHandle m = ModelHandle.load(modelFile, ModelHandle.Engine.GRAPH, null)) {
            return fixedRowShape(m, modelFile);
        } catch (XaiException e) {
            throw e;
        } catch (Exception e) {
            throw new XaiException("could not load the model " + modelFile + ": " + e.getMessage(), e);
        }
    }

    private static long[] fixedRowShape(ModelHandle m, Path modelFile) {
        long[] rowShape = m.prediction().rowShape().orElseThrow(() -> new InvalidShapeException(
                "the model " + modelFile + " does not declare its input shape"));
        for (long d : rowShape) {
            if (d < 0) {
                throw new InvalidShapeException("the model " + modelFile + " has free input sizes; "
                        + "xai-spark needs a fixed row shape");
            }
        }
        return rowShape;
    }

    private static byte[] readModel(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new XaiException("model file not found: " + file);
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new XaiException("could not read the model file " + file + ": " + e.getMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the input's columns are, checked against the expected types. */
    record Columns(int id, int values, int target, int error) implements Serializable {
        static Columns of(StructType schema) {
            int id = index(schema, "id");
            int values = index(schema, "values");
            DataType idType = schema.fields()[id].dataType();
            if (!(idType instanceof LongType || idType instanceof IntegerType || idType instanceof ShortType)) {
                throw new InvalidConfigException("column 'id' must be an integer or long but is " + idType.simpleString());
            }
            DataType v = schema.fields()[values].dataType();
            if (!(v instanceof ArrayType a && a.elementType() instanceof NumericType)) {
                throw new InvalidConfigException("column 'values' must be an array of numbers (one input row, "
                        + "flattened) but is " + v.simpleString());
            }
            int target = -1;
            if (List.of(schema.fieldNames()).contains("target")) {
                target = schema.fieldIndex("target");
                DataType t = schema.fields()[target].dataType();
                if (!(t instanceof IntegerType || t instanceof LongType || t instanceof ShortType)) {
                    throw new InvalidConfigException("column 'target' must be an integer class index but is "
                            + t.simpleString());
                }
            }
            int error = -1;
            if (List.of(schema.fieldNames()).contains("error")) {
                error = schema.fieldIndex("error");
                DataType e = schema.fields()[error].dataType();
                if (!(e instanceof StringType)) {
                    throw new InvalidConfigException("column 'error' (a reason the row cannot be explained) must be a "
                            + "string but is " + e.simpleString());
                }
            }
            return new Columns(id, values, target, error);
        }

        private static int index(StructType schema, String name) {
            if (!List.of(schema.fieldNames()).contains(name)) {
                throw new InvalidConfigException("the input has no column '" + name + "'; its columns are "
                        + String.join(", ", schema.fieldNames()));
            }
            return schema.fieldIndex(name);
        }
    }

    /** The per-partition work: rows in, explained rows out, {@code batchSize} at a time. */
    static final class PartitionTask implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final Job job;
        private final int batchSize;

        PartitionTask(Job job, int batchSize) {
            this.job = job;
            this.batchSize = batchSize;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            FaultInjection.maybeFail();
            return new Iterator<>() {
                private Iterator<Row> done = List.<Row>of().iterator();

                @Override
                public boolean hasNext() {
                    while (!done.hasNext() && rows.hasNext()) {
                        List<Row> batch = new ArrayList<>(batchSize);
                        while (batch.size() < batchSize && rows.hasNext()) {
                            batch.add(rows.next());
                        }
                        ExecutorModels.Worker w = job.borrow();
                        try {
                            done = w.explain(batch, job.columns(), job.rowShape()).iterator();
                        } finally {
                            job.giveBack(w);
                        }
                    }
                    return done.hasNext();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return done.next();
                }
            };
        }
    }

    static Row errorRow(long id, Integer target, ExecutorModels.Key key, String reason) {
        return RowFactory.create(id, target, null, null, null, key.method(), key.paramsText(), key.modelHash(), null,
                reason);
    }
}
