package org.xai4j.models.ort;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.util.BatchPolicy;

/**
 * How ONNX Runtime runs a model.
 *
 * @param intraOpThreads threads per operator, 0 for ONNX Runtime's default (all cores)
 * @param output         the output to return, null for the first
 * @param batchPolicy    how large batches are split into runs
 */
public record OnnxRuntimeOptions(int intraOpThreads, String output, BatchPolicy batchPolicy) {
    /** ONNX Runtime's default threads, the first output, 64 rows per run. */
    public static final OnnxRuntimeOptions DEFAULT = new OnnxRuntimeOptions(0, null, BatchPolicy.DEFAULT);

    public OnnxRuntimeOptions {
        if (intraOpThreads < 0) {
            throw new InvalidConfigException("intraOpThreads must be ≥ 0 but was " + intraOpThreads);
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
        m.put("intraOpThreads", intraOpThreads);
        m.put("output", output);
        m.put("maxRows", batchPolicy.maxRows());
        return m;
    }

    /** Builds {@link OnnxRuntimeOptions}. */
    public static final class Builder {
        private int intraOpThreads;
        private String output;
        private BatchPolicy batchPolicy = BatchPolicy.DEFAULT;

        private Builder() {
        }

        public Builder intraOpThreads(int threads) {
            this.intraOpThreads = threads;
            return this;
        }

        public Builder output(String output) {
            this.output = output;
            return this;
        }

        public Builder batchPolicy(BatchPolicy policy) {
            this.batchPolicy = policy;
            return this;
        }

        public OnnxRuntimeOptions build() {
            return new OnnxRuntimeOptions(intraOpThreads, output, batchPolicy);
        }
    }
}
