package org.xai4j.core;

import java.util.List;

/** A layer (graph node) name that the model does not have; the message lists the closest names it does have. */
public class UnknownLayerException extends XaiException {
    private static final long serialVersionUID = 1L;

    /** The name that was asked for. */
    private final String layer;
    /** The closest existing names, best first. */
    private final List<String> suggestions;

    /**
     * An exception for {@code layer}, with the closest names in the message.
     *
     * @param layer the name asked for
     * @param suggestions the closest existing names, best first; copied
     */
    public UnknownLayerException(String layer, List<String> suggestions) {
        super("unknown layer '" + layer + "'"
                + (suggestions.isEmpty() ? "" : "; did you mean " + String.join(", ", quoted(suggestions)) + "?"));
        this.layer = layer;
        this.suggestions = List.copyOf(suggestions);
    }

    private static List<String> quoted(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").toList();
    }

    /**
     * The name that was asked for.
     *
     * @return the name, as given
     */
    public String layer() {
        return layer;
    }

    /**
     * The closest existing names, best first.
     *
     * @return an unmodifiable list, possibly empty
     */
    public List<String> suggestions() {
        return suggestions;
    }
}
