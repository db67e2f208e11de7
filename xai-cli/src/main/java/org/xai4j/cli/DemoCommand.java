package org.xai4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code xai demo}: explains test images of the committed Fashion-MNIST CNN with several methods and writes a report. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Explain test images of the committed Fashion-MNIST CNN with several methods; write PNGs and report.html.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "xai-out", paramLabel = "DIR", description = "output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--images", defaultValue = "8", paramLabel = "N", description = "how many test images (default: ${DEFAULT-VALUE})")
    int images;

    @Option(names = "--quiet", description = "no progress messages")
    boolean quiet;

    @Option(names = "--class", defaultValue = "predicted", paramLabel = "C",
            description = "the class each map explains: predicted (default), true, a class index or a class name")
    String explainClass;

    @Option(names = "--shared-scale",
            description = "one colour scale per map kind across all methods and images (default: each map its own)")
    boolean sharedScale;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (images < 1 || images > 64) {
            throw new UsageException("--images must be between 1 and 64 but was " + images);
        }
        Demo.Result r = new Demo(out, images, quiet ? null : spec.commandLine().getErr(), explainClass, sharedScale).run();
        var o = spec.commandLine().getOut();
        o.println("wrote " + r.report() + " (" + r.pngs() + " PNG files) in " + out);
        o.flush();
        return Main.OK;
    }
}
