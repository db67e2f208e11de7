package org.xai4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.model.DifferentiableModel;
import org.xai4j.core.model.LayeredModel;
import org.xai4j.core.model.PredictionFunction;
import org.xai4j.models.keras.KerasImporter;
import org.xai4j.models.onnx.OnnxImporter;
import org.xai4j.models.ort.OnnxRuntimeModel;

/**
 * A model loaded from {@code --model FILE}: the explanation graph (default engine: forward, gradients,
 * layers and backward rules) or ONNX Runtime (forward only, for black-box methods).
 */
public final class ModelHandle implements AutoCloseable {
    /** How the model is run. */
    public enum Engine {
        /** The library's explanation graph: every method. */
        GRAPH,
        /** ONNX Runtime: forward passes only (black-box methods). */
        ONNXRUNTIME
    }

    private final PredictionFunction model;
    private final Engine engine;
    private final AutoCloseable resource;

    private ModelHandle(PredictionFunction model, Engine engine, AutoCloseable resource) {
        this.model = model;
        this.engine = engine;
        this.resource = resource;
    }

    /**
     * Wraps a model already in memory.
     *
     * @param model the model; a {@link Graph} runs on the graph engine, anything else counts as ONNX Runtime
     * @return a handle that closes nothing
     */
    public static ModelHandle of(PredictionFunction model) {
        return new ModelHandle(model, model instanceof Graph ? Engine.GRAPH : Engine.ONNXRUNTIME, null);
    }

    /**
     * Loads {@code file} with {@code engine}, for formats that record their input size (ONNX, Keras).
     *
     * @param file   the model file: {@code .onnx}, a DL4J {@code .zip} or a Keras {@code .h5}/{@code .hdf5}
     * @param engine the engine that runs it; ONNX Runtime takes only {@code .onnx} files
     * @return the loaded model
     * @throws UsageException as {@link #load(Path, Engine, long[])}, and always for a DL4J {@code .zip}
     */
    public static ModelHandle load(Path file, Engine engine) {
        return load(file, engine, null);
    }

    /**
     * Loads {@code file} with {@code engine}; {@code rowShape} (one input row's shape, e.g. C×H×W) is needed
     * for DL4J files, whose configuration does not record the input size.
     *
     * @param file     the model file: {@code .onnx}, a DL4J {@code .zip} or a Keras {@code .h5}/{@code .hdf5}
     * @param engine   the engine that runs it; ONNX Runtime takes only {@code .onnx} files
     * @param rowShape one input row's shape, needed for a DL4J {@code .zip}; ignored otherwise (may be null)
     * @return the loaded model
     * @throws UsageException if the path is a folder or missing, the extension is unknown, the engine cannot run
     *                        the format, or a DL4J file comes without {@code rowShape}
     * @throws org.xai4j.core.XaiException if the file cannot be read as the format its extension names
     */
    public static ModelHandle load(Path file, Engine engine, long[] rowShape) {
        if (Files.isDirectory(file)) {
            throw new UsageException("--model " + file + " is a folder; give the model file itself (.onnx, a DL4J"
                    + " .zip written by ModelSerializer or a Keras .h5)");
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException("model file not found: " + file);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".onnx")) {
            if (engine == Engine.ONNXRUNTIME) {
                OnnxRuntimeModel ort = OnnxRuntimeModel.load(file);
                return new ModelHandle(ort, engine, ort);
            }
            return new ModelHandle(OnnxImporter.read(file), Engine.GRAPH, null);
        }
        if (name.endsWith(".zip")) {
            if (engine == Engine.ONNXRUNTIME) {
                throw new UsageException("--engine onnxruntime needs an .onnx file, not " + file);
            }
            if (rowShape == null) {
                throw new UsageException("a DL4J model file does not record its input size; give --input FILE.npy");
            }
            return new ModelHandle(Dl4jModels.read(file, rowShape), Engine.GRAPH, null);
        }
        if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
            if (engine == Engine.ONNXRUNTIME) {
                throw new UsageException("--engine onnxruntime needs an .onnx file, not " + file);
            }
            return new ModelHandle(KerasImporter.read(file), Engine.GRAPH, null);
        }
        throw new UsageException("unknown model format: " + file
                + " (expected .onnx, a DL4J .zip or a Keras .h5 saved with model.save)");
    }

    /**
     * The model as a black box.
     *
     * @return the model, for methods that need forward passes only
     */
    public PredictionFunction prediction() {
        return model;
    }

    /**
     * The engine in use.
     *
     * @return the engine that runs the model
     */
    public Engine engine() {
        return engine;
    }

    /**
     * The model with gradients, or a usage error naming the method that needs them.
     *
     * @param method the method's name, for the message
     * @return the model as a differentiable model
     * @throws UsageException if the engine gives no gradients (ONNX Runtime)
     */
    public DifferentiableModel differentiable(String method) {
        if (model instanceof DifferentiableModel d) {
            return d;
        }
        throw new UsageException("method " + method + " needs gradients, which the " + engineName()
                + " engine does not give; drop --engine onnxruntime");
    }

    /**
     * The model with named layers, or a usage error naming the method that needs them.
     *
     * @param method the method's name, for the message
     * @return the model as a layered model
     * @throws UsageException if the engine gives no layer activations (ONNX Runtime)
     */
    public LayeredModel layered(String method) {
        if (model instanceof LayeredModel l) {
            return l;
        }
        throw new UsageException("method " + method + " needs layer activations, which the " + engineName()
                + " engine does not give; drop --engine onnxruntime");
    }

    /**
     * The explanation graph, or a usage error naming the method that needs it.
     *
     * @param method the method's name, for the message
     * @return the model's explanation graph
     * @throws UsageException if the model is not a graph (ONNX Runtime)
     */
    public Graph graph(String method) {
        if (model instanceof Graph g) {
            return g;
        }
        throw new UsageException("method " + method + " needs the explanation graph; drop --engine onnxruntime");
    }

    private String engineName() {
        return engine.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() throws Exception {
        if (resource != null) {
            resource.close();
        }
    }
}
