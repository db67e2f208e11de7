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

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command with the given streams and returns its exit code (for tests and embedding). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new XaiCommand());
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

    private static String commandPath(CommandLine cl) {
        StringBuilder sb = new StringBuilder();
        for (CommandLine c = cl; c != null && c.getParent() != null; c = c.getParent()) {
            sb.insert(0, c.getCommandName() + " ");
        }
        return sb.toString();
    }
}
