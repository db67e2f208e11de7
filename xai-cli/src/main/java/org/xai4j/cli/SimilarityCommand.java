package org.xai4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.xai4j.core.util.Json;
import org.xai4j.metrics.similarity.MapSimilarity;
import org.xai4j.metrics.similarity.Ssim;
import org.xai4j.metrics.similarity.SsimConfig;
import org.xai4j.metrics.similarity.ThresholdJaccard;
import org.xai4j.models.io.Npy;
import org.xai4j.core.util.OutputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code xai similarity}: one number per row comparing two batches of maps. */
@Command(name = "similarity", mixinStandardHelpOptions = true,
        description = "Compare two batches of maps row by row; writes {\"metric\": ..., \"values\": [...]}.")
final class SimilarityCommand implements Callable<Integer> {
    static final List<String> METRICS = List.of("ssim", "pearson", "spearman", "kendall", "cosine", "jaccard");
    /** Jaccard's top fraction by |value| when neither {@code top} nor {@code threshold} is given. */
    static final double DEFAULT_TOP = 0.1;

    @Option(names = "--a", required = true, paramLabel = "A.npy", description = "first maps (N×…)")
    Path a;

    @Option(names = "--b", required = true, paramLabel = "B.npy", description = "second maps, same shape")
    Path b;

    @Option(names = "--metric", required = true, paramLabel = "NAME", description = "ssim|pearson|spearman|kendall|cosine|jaccard")
    String metric;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "ssim: window=uniform|gaussian, data-range=R; "
            + "jaccard: top=" + DEFAULT_TOP + " (fraction by |value|) or threshold=T")
    List<String> params = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "R.json", description = "where to write the result")
    Path out;

    @Override
    public Integer call() throws Exception {
        Params p = Params.parse(params);
        MapSimilarity measure = measure(p);
        OutputFiles.requireNotInput(out, "--out", inputs());
        INDArray ma = read(a);
        INDArray mb = read(b);
        double[] values = measure.perRow(ma, mb);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("metric", metric);
        result.put("config", new LinkedHashMap<>(measure.config()));
        List<Object> v = new ArrayList<>();
        for (double d : values) {
            v.add(d);
        }
        result.put("values", v);
        OutputFiles.write(out, (Json.write(result) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Main.OK;
    }

    private Map<String, Path> inputs() {
        Map<String, Path> m = new LinkedHashMap<>();
        m.put("--a", a);
        m.put("--b", b);
        return m;
    }

    private MapSimilarity measure(Params p) {
        MapSimilarity m = switch (metric) {
            case "ssim" -> {
                SsimConfig c = SsimConfig.DEFAULTS;
                String window = p.string("window", c.window().name().toLowerCase(Locale.ROOT));
                if (window.equals("gaussian")) {
                    c = c.withGaussian(c.sigma()); // the record's default σ
                } else if (!window.equals("uniform")) {
                    throw new UsageException("parameter window must be uniform or gaussian but was '" + window + "'");
                }
                if (p.has("data-range")) {
                    c = c.withDataRange(p.number("data-range", 0));
                }
                yield new Ssim(c);
            }
            case "pearson" -> MapSimilarity.pearson();
            case "spearman" -> MapSimilarity.spearman();
            case "kendall" -> MapSimilarity.kendall();
            case "cosine" -> MapSimilarity.cosine();
            case "jaccard" -> p.has("threshold") ? ThresholdJaccard.above(p.number("threshold", 0))
                    : MapSimilarity.topKJaccard(p.number("top", DEFAULT_TOP));
            default -> throw new UsageException("unknown metric '" + metric + "'; one of " + String.join(", ", METRICS));
        };
        p.requireAllUsed("metric " + metric, switch (metric) {
            case "ssim" -> List.of("window", "data-range");
            case "jaccard" -> List.of("top", "threshold");
            default -> List.of();
        });
        return m;
    }

    private static INDArray read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("file not found: " + file);
        }
        return Npy.read(file);
    }
}
