package org.xai4j.bench.graph;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.bench.support.BenchModels;
import org.xai4j.bench.support.Interleaved;
import org.xai4j.core.graph.Graph;
import org.xai4j.core.target.Target;

/**
 * ResNet-18 forward+input-gradient on the explanation graph against PyTorch 1.13, interleaved: a PyTorch process
 * ({@code xai-bench/src/main/python/torch_server.py}, the same model, weights, inputs and pass as
 * {@code time_torch.py}) runs one pass when asked, so every round times one PyTorch pass and one graph pass back to
 * back (alternating which goes first) and the median of the per-round ratios graph ÷ PyTorch comes with a
 * distribution-free 95% interval ({@link Interleaved}). Other tenants' load then hits both sides of a round alike,
 * which separate JMH and Python runs minutes apart cannot give. The PyTorch side's time includes the pipe round
 * trip (well under a millisecond). Run from the repository root:
 * <pre>
 *   OMP_NUM_THREADS=1 java -cp xai-bench/target/benchmarks.jar org.xai4j.bench.graph.VersusTorch &lt;batch&gt; [rounds] [warmup]
 * </pre>
 * PyTorch gets {@code OMP_NUM_THREADS} threads unless {@code -Dxai4j.bench.torchThreads=N} says otherwise.
 */
public final class VersusTorch {
    private VersusTorch() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int batch = Integer.parseInt(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        String threads = System.getenv().getOrDefault("OMP_NUM_THREADS", "1");
        String torchThreads = System.getProperty("xai4j.bench.torchThreads", threads);
        Process torch = new ProcessBuilder("/usr/bin/python3", "xai-bench/src/main/python/torch_server.py",
                torchThreads)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader in = new BufferedReader(new InputStreamReader(torch.getInputStream(), StandardCharsets.UTF_8));
        Writer out = new OutputStreamWriter(torch.getOutputStream(), StandardCharsets.UTF_8);
        if (!"ready".equals(in.readLine())) {
            throw new IllegalStateException("torch_server.py did not start");
        }
        Graph graph = BenchModels.graph("resnet18");
        INDArray x = BenchModels.input("resnet18", batch);
        int[] classes = new int[batch];
        for (int i = 0; i < batch; i++) {
            classes[i] = i % 1000;
        }
        Target target = Target.perRow(classes);
        Interleaved.Result r = Interleaved.compare(() -> {
            try {
                out.write(batch + "\n");
                out.flush();
                return in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, () -> {
            INDArray g = graph.gradients(x, target).inputGradient();
            double s = g.getDouble(0);
            g.close();
            return s;
        }, warmup, rounds);
        out.write("quit\n");
        out.flush();
        torch.waitFor();
        System.out.println("VERSUS resnet18 batch " + batch + " graph ÷ PyTorch, OMP_NUM_THREADS=" + threads
                + ", PyTorch threads " + torchThreads + ": "
                + r.describe().replace("raw median", "PyTorch median").replace("method median", "graph median"));
    }
}
