package org.xai4j.core;

import java.util.List;

/** A layer (graph node) name that the model does not have; the message lists the closest names it does have. */
public class UnknownLayerException extends XaiException {
    private static final long serialVersionUID = 1L;

    private final String layer;
    private final List<String> suggestions;

    public UnknownLayerException(String layer, List<String> suggestions) {
        super("unknown layer '" + layer + "'"
                + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(", ", quoted(suggestions)) + "?"));
        this.layer = layer;
        this.suggestions = List.copyOf(suggestions);
    }

    private static List<String> quoted(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").toList();
    }

    /** The name that was asked for. */
    public String layer() {
        return layer;
    }

    /** The closest existing names, best first. */
    public List<String> suggestions() {
        return suggestions;
    }
}
