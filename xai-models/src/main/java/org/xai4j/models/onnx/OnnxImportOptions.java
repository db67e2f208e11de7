package org.xai4j.models.onnx;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.util.BatchPolicy;

/**
 * How an ONNX file becomes a graph.
 *
 * @param input       the runtime input to use when the model has several (null: the only one)
 * @param output      the graph output to return (null: the first)
 * @param dataType    the data type of the graph's parameters and values (FLOAT)
 * @param batchPolicy how the graph splits large batches
 */
public record OnnxImportOptions(String input, String output, DataType dataType, BatchPolicy batchPolicy) {
    /** The first output, the only input, FLOAT, 64 rows per batch. */
    public static final OnnxImportOptions DEFAULT = builder().build();

    public OnnxImportOptions {
        if (dataType == null || !dataType.isFPType()) {
            throw new InvalidConfigException("dataType must be a floating-point type but was " + dataType);
        }
        if (batchPolicy == null) {
            throw new InvalidConfigException("batchPolicy must not be null");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** For provenance. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input", input);
        m.put("output", output);
        m.put("dataType", dataType.name());
        m.put("maxRows", batchPolicy.maxRows());
        m.put("memoryBudgetBytes", batchPolicy.memoryBudgetBytes());
        return m;
    }

    /** Builds {@link OnnxImportOptions}. */
    public static final class Builder {
        private String input;
        private String output;
        private DataType dataType = DataType.FLOAT;
        private BatchPolicy batchPolicy = BatchPolicy.DEFAULT;

        private Builder() {
        }

        public Builder input(String input) {
            this.input = input;
            return this;
        }

        public Builder output(String output) {
            this.output = output;
            return this;
        }

        public Builder dataType(DataType dataType) {
            this.dataType = dataType;
            return this;
        }

        public Builder batchPolicy(BatchPolicy batchPolicy) {
            this.batchPolicy = batchPolicy;
            return this;
        }

        public OnnxImportOptions build() {
            return new OnnxImportOptions(input, output, dataType, batchPolicy);
        }
    }
}
