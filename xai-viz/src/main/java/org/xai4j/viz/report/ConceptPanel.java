package org.xai4j.viz.report;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.viz.ScalarMap;
import org.xai4j.viz.color.Colormap;
import org.xai4j.viz.color.Normalization;
import org.xai4j.viz.image.Heatmaps;
import org.xai4j.viz.image.ImageGrid;
import org.xai4j.viz.image.Overlay;
import org.xai4j.viz.image.OverlayStyle;

/**
 * A CRP panel for the HTML report (Achtibat et al. 2023's figure): one row per concept (a channel of a layer),
 * showing its relevance, its conditional heatmap in zennit's style ({@link Colormap#COLDNHOT}, symmetric about zero,
 * black at zero), the same map over the input, and its reference images (the data rows where the concept is most
 * relevant, e.g. from {@code ReferenceSampling}).
 */
public final class ConceptPanel {
    /**
     * One concept row.
     *
     * @param label      e.g. {@code "channel 12"}
     * @param relevance  the concept's relevance for the explained prediction
     * @param map        its conditional heatmap (H×W; sum the input channels first)
     * @param references reference images (may be empty)
     */
    public record Concept(String label, double relevance, ScalarMap map, List<BufferedImage> references) {
        /**
         * Checks and copies the values.
         *
         * @param label e.g. {@code "channel 12"}
         * @param relevance the concept's relevance for the explained prediction
         * @param map its conditional heatmap (H×W; sum the input channels first)
         * @param references reference images (may be empty)
         * @throws org.xai4j.core.InvalidConfigException if {@code label} or {@code map} is null
         */
        public Concept {
            if (label == null || map == null) {
                throw new InvalidConfigException("a concept row needs a label and a map");
            }
            references = List.copyOf(references == null ? List.of() : references);
        }
    }

    private ConceptPanel() {
    }

    /**
     * The relevance heatmap alone in zennit's style: coldnhot, symmetric about zero (the largest |value| at the
     * ends).
     *
     * @param map the concept's conditional relevance
     * @return a new image of the map's size
     */
    public static BufferedImage heatmap(ScalarMap map) {
        return Heatmaps.render(map, Colormap.COLDNHOT, Normalization.symmetric());
    }

    /**
     * The panel as a report figure: columns "heatmap", "on input" and "reference 1…n" (n the most references of any
     * concept; missing ones stay empty).
     *
     * @param title the figure heading
     * @param input the input image
     * @param concepts the concepts, one row each
     * @param caption text under the figure, or null
     * @return the section
     * @throws org.xai4j.core.InvalidConfigException if {@code input} is null or {@code concepts} is empty
     */
    public static ReportSection figure(String title, BufferedImage input, List<Concept> concepts, String caption) {
        if (input == null || concepts == null || concepts.isEmpty()) {
            throw new InvalidConfigException("a concept panel needs the input image and at least one concept");
        }
        int refs = concepts.stream().mapToInt(c -> c.references().size()).max().orElse(0);
        List<String> columns = new ArrayList<>(List.of("heatmap", "on input"));
        for (int i = 1; i <= refs; i++) {
            columns.add("reference " + i);
        }
        ImageGrid.Builder grid = ImageGrid.builder().title(title).columnTitles(columns);
        OverlayStyle style = OverlayStyle.builder().colormap(Colormap.COLDNHOT).normalization(Normalization.symmetric())
                .alpha(0.8).build();
        for (Concept c : concepts) {
            List<BufferedImage> row = new ArrayList<>();
            row.add(heatmap(c.map()));
            row.add(Overlay.apply(input, c.map(), style));
            for (int i = 0; i < refs; i++) {
                row.add(i < c.references().size() ? c.references().get(i) : null);
            }
            grid.row(c.label() + String.format(Locale.ROOT, "\nR = %.3g", c.relevance()), row);
        }
        return ReportSection.figure(title, grid.build().render(), caption);
    }
}
