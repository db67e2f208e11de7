package org.xai4j.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --method}, {@code --layer} and {@code --param}: which method explains, at which layer and with which
 * parameters; the options {@code xai explain} and {@code xai spark} share.
 */
public final class MethodOptions {
    @Option(names = "--method", required = true, paramLabel = "NAME", description = "a method name ('xai methods' lists them)")
    String method;

    @Option(names = "--layer", paramLabel = "NODE", description = "layer for CAM and layer methods: a node name or its output name")
    String layer;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "a method parameter (repeatable), e.g. steps=64")
    List<String> params = new ArrayList<>();

    /** Options to be filled by picocli. */
    public MethodOptions() {
    }

    /**
     * The method's name.
     *
     * @return the name given to {@code --method}
     */
    public String method() {
        return method;
    }

    /**
     * The layer for CAM and layer methods.
     *
     * @return the node given to {@code --layer}, or null
     */
    public String layer() {
        return layer;
    }

    /**
     * The method's parameters.
     *
     * @return the {@code KEY=VALUE} texts given to {@code --param}, in order (the list picocli fills)
     */
    public List<String> params() {
        return params;
    }
}
