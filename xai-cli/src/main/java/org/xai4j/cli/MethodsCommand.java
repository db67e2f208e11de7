package org.xai4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code xai methods}: one line per method, its parameters and defaults. */
@Command(name = "methods", mixinStandardHelpOptions = true, description = "List the methods and their parameters.")
final class MethodsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        for (MethodEntry e : MethodCatalog.all()) {
            StringBuilder sb = new StringBuilder(String.format("%-22s", e.name()));
            for (MethodEntry.ParamDoc p : e.params()) {
                sb.append(' ').append(p.name()).append('=').append(p.defaultValue());
            }
            out.println(sb.toString().stripTrailing());
        }
        out.flush();
        return Main.OK;
    }
}
