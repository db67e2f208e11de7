package org.xai4j.models.ort;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.ModelFormatException;
import org.xai4j.core.UnsupportedModelException;
import org.xai4j.core.XaiException;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.core.util.Batching;
import org.xai4j.core.util.Checks;

/**
 * Any ONNX model run by ONNX Runtime as a {@link PredictionFunction}: a fast black-box forward for
 * occlusion, LIME, SHAP and Score-CAM, and the oracle the ONNX importer is tested against. Takes a float
 * (or double) NCHW batch, returns the chosen output. Safe to call from several threads (ONNX Runtime
 * sessions allow concurrent runs); {@link #close()} releases the native session.
 */
public final class OnnxRuntimeModel implements PredictionFunction, AutoCloseable {
    private final String id;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final long[] inputShape;
    private final OnnxJavaType inputType;
    private final String outputName;
    private final OnnxRuntimeOptions options;
    private volatile boolean closed;

    private OnnxRuntimeModel(String id, OrtEnvironment env, OrtSession session, OnnxRuntimeOptions options)
            throws OrtException {
        this.id = id;
        this.env = env;
        this.session = session;
        this.options = options;
        Map<String, NodeInfo> inputs = session.getInputInfo();
        if (inputs.size() != 1) {
            session.close();
            throw new UnsupportedModelException("ONNX model '" + id + "' has " + inputs.size() + " inputs "
                    + inputs.keySet() + "; a prediction function takes one");
        }
        Map.Entry<String, NodeInfo> in = inputs.entrySet().iterator().next();
        this.inputName = in.getKey();
        if (!(in.getValue().getInfo() instanceof TensorInfo ti)) {
            session.close();
            throw new UnsupportedModelException("ONNX model '" + id + "': input '" + inputName + "' is not a tensor");
        }
        this.inputShape = ti.getShape();
        this.inputType = ti.type;
        if (inputType != OnnxJavaType.FLOAT && inputType != OnnxJavaType.DOUBLE) {
            session.close();
            throw new UnsupportedModelException("ONNX model '" + id + "': input '" + inputName + "' has type "
                    + inputType + "; float and double inputs are supported");
        }
        List<String> outputs = new ArrayList<>(session.getOutputNames());
        if (options.output() != null && !outputs.contains(options.output())) {
            session.close();
            throw new ModelFormatException("ONNX model '" + id + "' has no output '" + options.output()
                    + "'; its outputs are " + outputs);
        }
        this.outputName = options.output() != null ? options.output() : outputs.get(0);
    }

    /**
     * Loads {@code path} with the default options.
     *
     * @param path the {@code .onnx} file
     * @return an open model; close it to release the native session
     * @throws ModelFormatException if ONNX Runtime cannot load the file
     * @throws UnsupportedModelException if the model has several inputs or a non-float input
     */
    public static OnnxRuntimeModel load(Path path) {
        return load(path, OnnxRuntimeOptions.DEFAULT);
    }

    /**
     * Loads {@code path}; the model id is the file name.
     *
     * @param path the {@code .onnx} file
     * @param options threads, output and batch policy
     * @return an open model; close it to release the native session
     * @throws ModelFormatException if ONNX Runtime cannot load the file or the chosen output does not exist
     * @throws UnsupportedModelException if the model has several inputs or a non-float input
     */
    public static OnnxRuntimeModel load(Path path, OnnxRuntimeOptions options) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try {
            OrtSession session = env.createSession(path.toString(), sessionOptions(options));
            return new OnnxRuntimeModel(path.getFileName().toString(), env, session, options);
        } catch (OrtException e) {
            throw new ModelFormatException("ONNX Runtime cannot load " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads a model from its bytes.
     *
     * @param model the bytes of an ONNX model
     * @param id the model's id, for provenance and messages
     * @param options threads, output and batch policy
     * @return an open model; close it to release the native session
     * @throws ModelFormatException if ONNX Runtime cannot load the bytes or the chosen output does not exist
     * @throws UnsupportedModelException if the model has several inputs or a non-float input
     */
    public static OnnxRuntimeModel load(byte[] model, String id, OnnxRuntimeOptions options) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try {
            OrtSession session = env.createSession(model, sessionOptions(options));
            return new OnnxRuntimeModel(id, env, session, options);
        } catch (OrtException e) {
            throw new ModelFormatException("ONNX Runtime cannot load '" + id + "': " + e.getMessage(), e);
        }
    }

    /**
     * Loads a model from its bytes as one of the graph engine's own sessions: in the environment and with the
     * thread pool of {@link OnnxRuntimeConvolutions#options(boolean)} (ONNX Runtime's arena kept), so that the
     * session neither brings a pool of its own nor leaves a worker spinning after each call.
     *
     * @param model the bytes of an ONNX model
     * @param id the model's id, for messages
     * @param options the output and batch policy; its thread count is not used
     * @return an open model; close it to release the native session
     * @throws ModelFormatException if ONNX Runtime cannot load the bytes or the chosen output does not exist
     * @throws XaiException if ONNX Runtime's native library does not load on this platform
     */
    static OnnxRuntimeModel loadForGraph(byte[] model, String id, OnnxRuntimeOptions options) {
        OrtEnvironment env = OnnxRuntimeConvolutions.environmentOrNull();
        if (env == null) {
            throw new XaiException("ONNX Runtime's native library is not available on this platform");
        }
        try (OrtSession.SessionOptions so = OnnxRuntimeConvolutions.options(true)) {
            OrtSession session = env.createSession(model, so);
            return new OnnxRuntimeModel(id, env, session, options);
        } catch (OrtException e) {
            throw new ModelFormatException("ONNX Runtime cannot load '" + id + "': " + e.getMessage(), e);
        }
    }

    private static OrtSession.SessionOptions sessionOptions(OnnxRuntimeOptions options) throws OrtException {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        if (options.intraOpThreads() > 0) {
            so.setIntraOpNumThreads(options.intraOpThreads());
        }
        return so;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String engine() {
        return "onnxruntime";
    }

    /**
     * The name of the model input.
     *
     * @return the input's name as declared in the ONNX file
     */
    public String inputName() {
        return inputName;
    }

    /**
     * The declared input shape (−1 for free axes).
     *
     * @return a copy of the declared input shape, e.g. {@code [-1, 3, 224, 224]}
     */
    public long[] inputShape() {
        return inputShape.clone();
    }

    /**
     * The name of the output this function returns.
     *
     * @return the output's name as declared in the ONNX file
     */
    public String outputName() {
        return outputName;
    }

    @Override
    public INDArray predict(INDArray input) {
        if (closed) {
            throw new IllegalStateException("ONNX Runtime model '" + id + "' is closed");
        }
        Checks.requireArray(input, "input");
        boolean ok = input.rank() == inputShape.length;
        for (int i = 1; ok && i < inputShape.length; i++) {
            ok = inputShape[i] < 0 || inputShape[i] == input.size(i);
        }
        if (!ok) {
            throw new InvalidShapeException("input of ONNX model '" + id + "': expected shape " + pattern(inputShape)
                    + " but got " + Arrays.toString(input.shape()));
        }
        return Batching.map(input, options.batchPolicy().maxRows(), this::run);
    }

    private INDArray run(INDArray block) {
        long[] shape = block.shape();
        try {
            OnnxTensor tensor;
            if (inputType == OnnxJavaType.DOUBLE) {
                double[] data = org.xai4j.core.util.HostArrays.doubles(block);
                tensor = OnnxTensor.createTensor(env, DoubleBuffer.wrap(data), shape);
            } else {
                INDArray f = block.dataType() == DataType.FLOAT ? block.dup('c') : block.castTo(DataType.FLOAT).dup('c');
                tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(f.data().asFloat()), shape);
            }
            try (tensor; OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
                Optional<OnnxValue> value = result.get(outputName);
                if (value.isEmpty() || !(value.get() instanceof OnnxTensor out)) {
                    throw new XaiException("ONNX Runtime returned no tensor '" + outputName + "' for model '" + id + "'");
                }
                long[] outShape = out.getInfo().getShape();
                if (out.getInfo().type == OnnxJavaType.DOUBLE) {
                    DoubleBuffer db = out.getDoubleBuffer();
                    double[] v = new double[db.remaining()];
                    db.get(v);
                    return Nd4j.create(v, outShape, 'c');
                }
                if (out.getInfo().type != OnnxJavaType.FLOAT) {
                    throw new UnsupportedModelException("output '" + outputName + "' of model '" + id + "' has type "
                            + out.getInfo().type);
                }
                FloatBuffer fb = out.getFloatBuffer();
                float[] v = new float[fb.remaining()];
                fb.get(v);
                return Nd4j.create(v, outShape, 'c');
            }
        } catch (OrtException e) {
            throw new InvalidShapeException("ONNX Runtime failed on model '" + id + "' with input shape "
                    + Arrays.toString(shape) + ": " + e.getMessage(), e);
        }
    }

    private static String pattern(long[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i > 0 ? ", " : "").append(shape[i] < 0 ? "*" : Long.toString(shape[i]));
        }
        return sb.append(']').toString();
    }

    /** Releases the native session; later calls to {@link #predict} fail. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                session.close();
            } catch (OrtException e) {
                throw new XaiException("closing ONNX Runtime session of '" + id + "' failed: " + e.getMessage(), e);
            }
        }
    }
}
