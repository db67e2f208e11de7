package org.xai4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xai4j.examples.ExampleOptions;
import org.xai4j.examples.Examples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xai example NAME}: reruns one of the reports' studies end to end and writes its report page. */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = "Rerun a report's study (training included): writes index.html, PNG figures and summary.json.")
final class ExampleCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "the study: ${COMPLETION-CANDIDATES}",
            completionCandidates = Names.class)
    String name;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Option(names = "--quick", description = "small settings: a first look in well under 90 s")
    boolean quick;

    @Option(names = "--data", paramLabel = "FOLDER", description = "images, one sub-folder per class, instead of the "
            + "generated data")
    Path data;

    @Option(names = "--model", paramLabel = "FILE", description = "a model file instead of the trained one (where "
            + "the study supports it)")
    Path model;

    @Option(names = "--seed", paramLabel = "N", description = "seed (default: ${DEFAULT-VALUE})")
    long seed = ExampleOptions.DEFAULT_SEED;

    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Examples.STUDIES.keySet().iterator();
        }
    }

    @Override
    public Integer call() {
        if (!Examples.STUDIES.containsKey(name)) {
            throw new UsageException("unknown example '" + name + "'; the examples are " + Examples.STUDIES.keySet());
        }
        Examples.run(name, new ExampleOptions(out, quick, data, model, seed));
        return Main.OK;
    }
}
