package org.xai4j.cli;

import picocli.CommandLine.Command;

/** The root command; every piece of work is a subcommand. */
@Command(name = "xai", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Explain deep-learning models: attributions, CAMs, LIME/SHAP, metrics and reports.",
        subcommands = {DemoCommand.class, PredictCommand.class, ExplainCommand.class, MethodsCommand.class,
                LayersCommand.class, SimilarityCommand.class, ConceptsCommand.class, DynamicsCommand.class,
                ExampleCommand.class})
public final class XaiCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: one of demo, predict, "
                + "explain, methods, layers, similarity, concepts, dynamics, example");
    }
}
