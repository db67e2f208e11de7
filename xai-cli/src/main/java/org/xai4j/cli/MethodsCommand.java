package org.xai4j.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code xai methods}: one line per method with its parameters and their defaults; {@code xai methods NAME...}
 * adds one line per parameter with its help. Both come from the settings records (defaults from the registry's
 * defaults, help from {@link org.xai4j.core.Help}).
 */
@Command(name = "methods", mixinStandardHelpOptions = true,
        description = "List the methods and their parameters; name methods to see each parameter's help.")
final class MethodsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "methods whose parameters to explain")
    List<String> names = List.of();

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        List<MethodEntry> entries = names.isEmpty() ? MethodCatalog.all() : names.stream().map(MethodCatalog::get).toList();
        for (MethodEntry e : entries) {
            StringBuilder sb = new StringBuilder(String.format("%-22s", e.name()));
            for (MethodEntry.ParamDoc p : e.params()) {
                sb.append(' ').append(p.name()).append('=').append(p.defaultValue());
            }
            out.println(sb.toString().stripTrailing());
            if (!names.isEmpty()) {
                for (MethodEntry.ParamDoc p : e.params()) {
                    out.println(String.format("    %-20s %s (default %s)", p.name(), p.description(), p.defaultValue()));
                }
            }
        }
        out.flush();
        return Main.OK;
    }
}
