package org.xai4j.models.ort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.util.BatchPolicy;
import org.xai4j.models.io.Npy;
import org.xai4j.models.onnx.OnnxImporter;

/** A graph read from ONNX runs its plain forward passes on ONNX Runtime; its other passes stay on the graph. */
class OnnxRuntimeForwardTest {
    private static Path resource(String name) throws Exception {
        return Path.of(OnnxRuntimeForwardTest.class.getResource("/org/xai4j/models/onnx/" + name).toURI());
    }

    @Test
    void predictRunsOnOnnxRuntimeAndMatchesPyTorchAndTheGraph() throws Exception {
        INDArray x = Npy.read(resource("resnet_mini_op13_x.npy")).castTo(DataType.FLOAT);
        INDArray torch = Npy.read(resource("resnet_mini_op13_out.npy"));
        INDArray before = x.dup();
        Graph g = OnnxImporter.read(resource("resnet_mini_op13.onnx"));
        assertThat(g.forwardEngine()).hasValueSatisfying(e -> assertThat(e.name()).isEqualTo("onnxruntime"));
        INDArray fast = g.predict(x);
        assertThat(x).isEqualTo(before);
        // the same bits as ONNX Runtime's own session on the file
        try (OnnxRuntimeModel ort = OnnxRuntimeModel.load(resource("resnet_mini_op13.onnx"))) {
            assertThat(fast).isEqualTo(ort.predict(x));
            assertThat(ort.engine()).isEqualTo("onnxruntime");
        }
        // provenance says which engine ran the passes
        assertThat(g.engine()).isEqualTo("graph; forward passes: onnxruntime; gradient passes: onnxruntime");
        double scale = torch.amaxNumber().doubleValue();
        assertThat(fast.castTo(DataType.DOUBLE).sub(torch).amaxNumber().doubleValue() / scale).isLessThan(1e-5);
        // the graph's own forward pass (a derived graph has no engine) agrees
        Graph plain = g.toBuilder().build();
        assertThat(plain.forwardEngine()).isEmpty();
        assertThat(plain.engine()).isEqualTo("graph");
        INDArray slow = plain.predict(x);
        assertThat(fast.sub(slow).amaxNumber().doubleValue() / scale).isLessThan(1e-5);
        // passes that read layers or go backward stay on the graph: their output is the graph's
        assertThat(g.forward(x, java.util.List.of()).output()).isEqualTo(slow);
        // the batch policy still splits the rows
        Graph oneRow = g.withBatchPolicy(BatchPolicy.ofRows(1));
        assertThat(oneRow.forwardEngine()).isPresent();
        assertThat(oneRow.predict(x).sub(fast).amaxNumber().doubleValue() / scale).isLessThan(1e-6);
        // a double graph computes in double on the graph
        assertThat(g.castTo(DataType.DOUBLE).forwardEngine()).isEmpty();
    }

    /**
     * The whole-model session runs on the convolutions' shared pool: its first pass starts no thread. On ONNX
     * Runtime's defaults it would start a pool of its own (one worker per further core, spinning after each call).
     */
    @Test
    void forwardSessionStartsNoThreadsOfItsOwn() throws Exception {
        Graph g = OnnxImporter.read(resource("resnet_mini_op13.onnx")); // its convolutions make the environment
        assumeTrue(OnnxRuntimeConvolutions.sharesThreadPool(), "this JVM made ONNX Runtime's environment elsewhere");
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "a pool of its own would have no workers");
        assumeTrue(java.nio.file.Files.isDirectory(Path.of("/proc/self/task")), "threads are counted on Linux");
        INDArray x = Npy.read(resource("resnet_mini_op13_x.npy")).castTo(DataType.FLOAT);
        long before = threads();
        g.predict(x);
        assertThat(g.engine()).isEqualTo("graph; forward passes: onnxruntime; gradient passes: onnxruntime");
        assertThat(threads()).isEqualTo(before);
    }

    /**
     * The process's native threads that neither the JVM nor Java code named: a thread a native library starts keeps
     * the launcher's name, {@code java}, while the JVM's own (compiler, collector) and Java's threads carry theirs.
     * So the JVM starting a compiler or collector thread meanwhile does not count.
     */
    private static long threads() throws java.io.IOException {
        try (java.util.stream.Stream<Path> tasks = java.nio.file.Files.list(Path.of("/proc/self/task"))) {
            return tasks.filter(t -> {
                try {
                    return java.nio.file.Files.readString(t.resolve("comm")).strip().equals("java");
                } catch (java.io.IOException e) {
                    return false; // the thread ended meanwhile
                }
            }).count();
        }
    }
}
