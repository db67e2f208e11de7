package org.xai4j.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import org.xai4j.core.UnknownLayerException;
import org.xai4j.core.XaiException;
import picocli.CommandLine;

/** Entry point of the {@code xai} command: exit 0 on success, 2 on bad arguments, 1 on failure. */
public final class Main {
    /** Exit code for success. */
    public static final int OK = 0;
    /** Exit code for a failure while working. */
    public static final int FAILURE = 1;
    /** Exit code for bad arguments. */
    public static final int USAGE = 2;

    private Main() {
    }

    /**
     * The {@code xai} command: runs {@link #run} on the standard streams and exits with its code.
     *
     * @param args the command line, e.g. {@code explain saliency --model m.onnx --input x.npy}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command with the given streams and returns its exit code (for tests and embedding).
     *
     * @param args the command line, without the program name
     * @param out  where the command's normal output goes
     * @param err  where error messages ("xai: …") go
     * @return 0 on success, {@link #USAGE} for bad arguments, another nonzero code for other failures
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new XaiCommand());
        cl.addSubcommand("spark", sparkCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("xai: " + ex.getMessage());
            err.println("Try 'xai " + commandPath(ex.getCommandLine()) + "--help' for usage.");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UsageException || ex instanceof UnknownLayerException
                    || ex instanceof org.xai4j.core.OutputConflictException
                    || ex instanceof org.xai4j.core.run.BudgetExceededException) {
                err.println("xai: " + ex.getMessage());
                return USAGE;
            }
            if (ex instanceof XaiException) {
                err.println("xai: error: " + ex.getMessage());
                return FAILURE;
            }
            err.println("xai: error: " + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
            if (System.getenv("XAI_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            return FAILURE;
        });
        return cl.execute(args);
    }

    /**
     * {@code xai spark}: the xai-spark module's command when its jar is on the class path (found by name, so
     * this module does not depend on Spark), else a command that says what is missing.
     */
    private static Object sparkCommand() {
        try {
            return Class.forName("org.xai4j.spark.cli.SparkCommand").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return new NoSparkCommand();
        }
    }

    /** Stands in for {@code xai spark} when the xai-spark jar is absent. */
    @CommandLine.Command(name = "spark", description = "Explain a data set on Apache Spark (needs the xai-spark jar).")
    static final class NoSparkCommand implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Unmatched
        java.util.List<String> rest;

        @Override
        public Integer call() {
            throw new UsageException("the spark command needs the xai-spark jar and Spark on the class path "
                    + "(spark-submit with the xai-spark jar); this xai has neither");
        }
    }

    private static String commandPath(CommandLine cl) {
        StringBuilder sb = new StringBuilder();
        for (CommandLine c = cl; c != null && c.getParent() != null; c = c.getParent()) {
            sb.insert(0, c.getCommandName() + " ");
        }
        return sb.toString();
    }
}
