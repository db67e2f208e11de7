package org.xai4j.spark.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code xai spark}: the library's methods over a data set on Apache Spark. */
@Command(name = "spark", mixinStandardHelpOptions = true, subcommands = {SparkExplainCommand.class, SparkAuditCommand.class},
        description = "Explain and audit a data set on Apache Spark (needs the xai-spark jar and Spark).")
public final class SparkCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: explain or audit");
    }
}
