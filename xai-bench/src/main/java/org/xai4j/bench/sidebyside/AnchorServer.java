package org.xai4j.bench.sidebyside;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Python anchors as a long-lived child process ({@code xai-bench/src/main/python/anchor_server.py} on Debian's
 * {@code /usr/bin/python3}), spoken to over its stdin/stdout one line at a time. Its stderr (tracebacks, the
 * anchors' progress bars) goes to a log file. The anchors' sources come from a folder put on {@code PYTHONPATH}
 * (made by {@code /work/shared/tools/anchor-pylibs.sh}); {@code OMP_NUM_THREADS} and {@code MKL_NUM_THREADS} are
 * removed from its environment, so torch runs on exactly the threads asked for, whatever the Java side is given.
 */
final class AnchorServer implements AutoCloseable {
    static final String SCRIPT = "xai-bench/src/main/python/anchor_server.py";

    private final Process process;
    private final BufferedReader in;
    private final Writer out;
    private final Path log;
    private final String banner;

    /**
     * Starts the server and waits for its "ready" line.
     *
     * @param anchors folder with captum, pytorch_grad_cam, lime (and the ttach stand-in)
     * @param threads torch's intra-op threads
     * @param log     file for the server's stderr
     */
    AnchorServer(Path anchors, int threads, Path log) throws IOException {
        for (String pkg : List.of("captum", "pytorch_grad_cam", "lime")) {
            if (!Files.isDirectory(anchors.resolve(pkg))) {
                throw new IllegalStateException("no " + pkg + " under " + anchors.toAbsolutePath() + ": run "
                        + "/work/shared/tools/anchor-pylibs.sh " + anchors + " captum=.../pytorch+captum/repo@v0.6.0 "
                        + "pytorch_grad_cam=.../jacobgil+pytorch-grad-cam/repo@084273b "
                        + "lime=.../marcotcr+lime/repo@0.2.0.0, or pass --anchors DIR");
            }
        }
        if (!Files.isRegularFile(Path.of(SCRIPT))) {
            throw new IllegalStateException("no " + SCRIPT + ": run from the repository root");
        }
        this.log = log;
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", SCRIPT, Integer.toString(threads))
                .redirectError(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> env = pb.environment();
        env.remove("OMP_NUM_THREADS");
        env.remove("MKL_NUM_THREADS");
        env.put("PYTHONPATH", anchors.toAbsolutePath().toString());
        process = pb.start();
        in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        out = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        String first = in.readLine();
        if (first == null || !first.startsWith("ready")) {
            throw new IllegalStateException("anchor_server.py did not start (" + first + "); see " + log);
        }
        banner = first.substring("ready".length()).trim();
    }

    /** What the server said about itself at start: torch's version, its threads, Captum's version. */
    String banner() {
        return banner;
    }

    /**
     * Loads a model and its input rows; the server writes its torch forward of those rows to {@code logitsNpy}.
     *
     * @return the server's answer after "ok": rows and the numpy-check error
     */
    String load(String model, Path onnx, Path inputNpy, Path logitsNpy) {
        return ask("load " + model + " " + onnx.toAbsolutePath() + " " + inputNpy.toAbsolutePath() + " "
                + logitsNpy.toAbsolutePath()).substring(2).trim();
    }

    /** One anchor call of {@code method} on the first {@code rows} rows of {@code model}'s input: its ns. */
    long callNanos(String method, String model, int rows) {
        String answer = ask(method + " " + model + " " + rows);
        return Math.round(Double.parseDouble(answer.split(" ")[0]) * 1e9);
    }

    private String ask(String request) {
        try {
            out.write(request + "\n");
            out.flush();
            String answer = in.readLine();
            if (answer == null || answer.startsWith("error")) {
                throw new IllegalStateException("anchor_server.py failed on '" + request + "': " + answer + "; see "
                        + log);
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException("anchor_server.py pipe failed on '" + request + "'; see " + log, e);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            out.write("quit\n");
            out.flush();
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroy();
        }
    }
}
