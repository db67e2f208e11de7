package org.xai4j.viz.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.Versions;
import org.xai4j.viz.image.Png;

/**
 * A self-contained HTML report: one page, inline CSS, every image embedded as a base64 PNG
 * {@code data:} URI, no scripts and no external resources, so it can be mailed or attached to a
 * ticket. Per input it shows the image, the prediction with its top classes, each method's picture
 * with its time, and each explanation's {@link org.xai4j.core.Provenance} as collapsible JSON; then a
 * timing summary and any free sections (charts, tables, text). A colour bar per kind of map
 * ({@link ColorBar}) sits under the header. Every picture enlarges when clicked and shrinks on a second
 * click (a hidden checkbox and CSS, no script). The timing table says whether the times include the
 * JIT warm-up of each method's first call ({@link Builder#timingsWarmedUp(boolean)}). All text is escaped. The markup is
 * also well-formed XML (void elements are self-closed), which the tests check with an XML parser.
 */
public final class HtmlReport {
    private static final Pattern NUMBER = Pattern.compile("^[-+]?[0-9][0-9.,]*(e[-+]?[0-9]+)?( ?(ms|s|%))?$");

    private final String title;
    private final String subtitle;
    private final Map<String, String> meta;
    private final List<ReportInput> inputs;
    private final List<ReportSection> sections;
    private final int imageSize;
    private final boolean timingSummary;
    private final boolean timingsWarmedUp;
    private final List<ColorBar> colorBars;

    private HtmlReport(Builder b) {
        if (b.title == null || b.title.isBlank()) {
            throw new InvalidConfigException("a report needs a title");
        }
        if (b.inputs.isEmpty() && b.sections.isEmpty()) {
            throw new InvalidConfigException("a report needs at least one input or section");
        }
        if (b.imageSize < 32) {
            throw new InvalidConfigException("report image size must be at least 32 pixels but was " + b.imageSize);
        }
        this.title = b.title;
        this.subtitle = b.subtitle;
        this.meta = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.meta));
        this.inputs = List.copyOf(b.inputs);
        this.sections = List.copyOf(b.sections);
        this.imageSize = b.imageSize;
        this.timingSummary = b.timingSummary;
        this.timingsWarmedUp = b.timingsWarmedUp;
        this.colorBars = List.copyOf(b.colorBars);
    }

    /**
     * A builder for a report called {@code title}.
     *
     * @param title the report's title, not blank
     * @return a new builder
     */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /**
     * Writes {@link #toHtml()} as UTF-8, creating parent folders; atomically (no partial file on failure).
     *
     * @param file the HTML file to create or replace
     * @return {@code file}
     */
    public Path write(Path file) {
        return org.xai4j.core.util.OutputFiles.write(file, toHtml().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The whole document.
     *
     * @return the HTML text, self-contained (images embedded as data URIs)
     */
    public String toHtml() {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n<style>\n").append(ReportCss.CSS)
                .append("</style>\n</head>\n<body>\n<main>\n");
        header(h);
        List<ReportSection> all = new ArrayList<>(sections);
        ReportSection timing = timingSummary ? timingTable() : null;
        if (timing != null) {
            all.add(0, timing);
        }
        nav(h, all);
        if (!inputs.isEmpty()) {
            h.append("<section id=\"inputs\">\n<h2>Inputs</h2>\n");
            for (int i = 0; i < inputs.size(); i++) {
                input(h, inputs.get(i), i + 1);
            }
            h.append("</section>\n");
        }
        for (int i = 0; i < all.size(); i++) {
            section(h, all.get(i), "section-" + (i + 1));
        }
        h.append("<footer>Made with xai4j ").append(Html.escape(Versions.library()))
                .append(". Self-contained: images are embedded, nothing is loaded from elsewhere.</footer>\n")
                .append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    private void header(StringBuilder h) {
        h.append("<header>\n<h1>").append(Html.escape(title)).append("</h1>\n");
        if (subtitle != null && !subtitle.isBlank()) {
            h.append("<p class=\"sub\">").append(Html.escape(subtitle)).append("</p>\n");
        }
        if (!meta.isEmpty()) {
            h.append("<dl class=\"meta\">\n");
            meta.forEach((k, v) -> h.append("<dt>").append(Html.escape(k)).append("</dt><dd>").append(Html.escape(v))
                    .append("</dd>\n"));
            h.append("</dl>\n");
        }
        if (!colorBars.isEmpty()) {
            h.append("<div class=\"bars\">\n");
            for (ColorBar c : colorBars) {
                h.append("<figure class=\"cbar\"><figcaption>").append(Html.escape(c.title())).append("</figcaption><img src=\"")
                        .append(Png.dataUri(org.xai4j.viz.image.Heatmaps.colorbar(c.colormap(), 180, 12)))
                        .append("\" width=\"180\" height=\"12\" alt=\"").append(Html.escape(c.title()))
                        .append("\" /><div class=\"ends\"><span>").append(Html.escape(c.low())).append("</span><span>")
                        .append(Html.escape(c.middle() == null ? "" : c.middle())).append("</span><span>")
                        .append(Html.escape(c.high())).append("</span></div></figure>\n");
            }
            h.append("</div>\n");
        }
        h.append("</header>\n");
    }

    private void nav(StringBuilder h, List<ReportSection> all) {
        if (all.isEmpty() || all.size() + (inputs.isEmpty() ? 0 : 1) < 2) {
            return;
        }
        h.append("<nav>\n<ul>\n");
        if (!inputs.isEmpty()) {
            h.append("<li><a href=\"#inputs\">Inputs (").append(inputs.size()).append(")</a></li>\n");
        }
        for (int i = 0; i < all.size(); i++) {
            h.append("<li><a href=\"#section-").append(i + 1).append("\">").append(Html.escape(all.get(i).title()))
                    .append("</a></li>\n");
        }
        h.append("</ul>\n</nav>\n");
    }

    private void input(StringBuilder h, ReportInput in, int index) {
        h.append("<article class=\"card\" id=\"input-").append(index).append("\">\n<div class=\"head\"><h3>")
                .append(Html.escape(in.name())).append("</h3>");
        if (in.prediction() != null) {
            h.append("<p>Predicted <b>").append(Html.escape(in.prediction())).append("</b>");
            in.topK().stream().filter(s -> s.label().equals(in.prediction())).findFirst()
                    .ifPresent(s -> h.append(" (").append(Html.percent(s.probability())).append(')'));
            if (in.trueLabel() != null) {
                boolean ok = in.trueLabel().equals(in.prediction());
                h.append(" · true class <b>").append(Html.escape(in.trueLabel())).append("</b> <span class=\"verdict ")
                        .append(ok ? "ok\">correct" : "bad\">wrong").append("</span>");
            }
            h.append("</p>");
        } else if (in.trueLabel() != null) {
            h.append("<p>True class <b>").append(Html.escape(in.trueLabel())).append("</b></p>");
        }
        h.append("</div>\n<div class=\"row\">\n<div class=\"lhs\">\n<figure class=\"original\">");
        img(h, in.image(), in.name());
        h.append("<figcaption>input</figcaption></figure>\n");
        if (!in.topK().isEmpty()) {
            h.append("<table class=\"probs\">\n<tbody>\n");
            for (ClassScore s : in.topK()) {
                h.append("<tr><td class=\"label\">").append(Html.escape(s.label()))
                        .append("</td><td><div class=\"bar\"><span style=\"width:")
                        .append(String.format(java.util.Locale.ROOT, "%.1f", 100 * s.probability()))
                        .append("%\"></span></div></td><td class=\"num\">")
                        .append(String.format(java.util.Locale.ROOT, "%.3f", s.probability())).append("</td></tr>\n");
            }
            h.append("</tbody>\n</table>\n");
        }
        h.append("</div>\n");
        if (!in.methods().isEmpty()) {
            h.append("<div class=\"methods\">\n");
            for (MethodResult m : in.methods()) {
                h.append("<figure class=\"method\" style=\"width:").append(imageSize).append("px\">");
                img(h, m.image(), m.method() + " on " + in.name());
                h.append("<figcaption><span class=\"m\">").append(Html.escape(m.method())).append("</span>");
                if (m.time() != null) {
                    h.append("<span class=\"t\">").append(Html.escape(Html.duration(m.time()))).append("</span>");
                }
                if (m.note() != null && !m.note().isBlank()) {
                    h.append("<span class=\"n\">").append(Html.escape(m.note())).append("</span>");
                }
                h.append("</figcaption></figure>\n");
            }
            h.append("</div>\n");
        }
        h.append("</div>\n");
        if (in.methods().stream().anyMatch(m -> m.provenance() != null)) {
            h.append("<div class=\"provs\">\n");
            for (MethodResult m : in.methods()) {
                if (m.provenance() != null) {
                    h.append("<details class=\"prov\"><summary>Provenance · ").append(Html.escape(m.method()))
                            .append("</summary>\n<pre>").append(Html.escape(Html.prettyJson(m.provenance().toMap())))
                            .append("</pre>\n</details>\n");
                }
            }
            h.append("</div>\n");
        }
        h.append("</article>\n");
    }

    private void img(StringBuilder h, BufferedImage image, String alt) {
        int w = image.getWidth();
        int hh = image.getHeight();
        double scale = imageSize / (double) Math.max(w, hh);
        int dw = Math.max(1, (int) Math.round(w * scale));
        int dh = Math.max(1, (int) Math.round(hh * scale));
        h.append("<label class=\"zoom\" title=\"click to enlarge\"><input type=\"checkbox\" /><img")
                .append(scale >= 2 ? " class=\"pix\"" : "").append(" src=\"").append(Png.dataUri(image))
                .append("\" width=\"").append(dw).append("\" height=\"").append(dh).append("\" alt=\"")
                .append(Html.escape(alt)).append("\" /></label>");
    }

    private void section(StringBuilder h, ReportSection s, String id) {
        h.append("<section id=\"").append(id).append("\">\n<h2>").append(Html.escape(s.title())).append("</h2>\n");
        if (s instanceof ReportSection.Figure f) {
            h.append("<figure class=\"card figure\"><img src=\"").append(Png.dataUri(f.image())).append("\" width=\"")
                    .append(f.image().getWidth()).append("\" height=\"").append(f.image().getHeight()).append("\" alt=\"")
                    .append(Html.escape(f.title())).append("\" />");
            if (f.caption() != null && !f.caption().isBlank()) {
                h.append("<figcaption>").append(Html.escape(f.caption())).append("</figcaption>");
            }
            h.append("</figure>\n");
        } else if (s instanceof ReportSection.Table t) {
            h.append("<div class=\"scroll\"><table class=\"data\">\n<thead><tr>");
            for (String c : t.header()) {
                h.append("<th>").append(Html.escape(c)).append("</th>");
            }
            h.append("</tr></thead>\n<tbody>\n");
            for (List<String> row : t.rows()) {
                h.append("<tr>");
                for (String c : row) {
                    boolean num = c != null && NUMBER.matcher(c.trim()).matches();
                    h.append(num ? "<td class=\"num\">" : "<td>").append(Html.escape(c)).append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</tbody>\n</table></div>\n");
            if (t.caption() != null && !t.caption().isBlank()) {
                h.append("<p class=\"caption\">").append(Html.escape(t.caption())).append("</p>\n");
            }
        } else if (s instanceof ReportSection.Text x) {
            for (String p : x.paragraphs()) {
                h.append("<p>").append(Html.escape(p)).append("</p>\n");
            }
        }
        h.append("</section>\n");
    }

    /** Mean, min and max time per method over the inputs, or {@code null} when no time was given. */
    private ReportSection timingTable() {
        Map<String, List<Duration>> byMethod = new LinkedHashMap<>();
        for (ReportInput in : inputs) {
            for (MethodResult m : in.methods()) {
                if (m.time() != null) {
                    byMethod.computeIfAbsent(m.method(), k -> new ArrayList<>()).add(m.time());
                }
            }
        }
        if (byMethod.isEmpty()) {
            return null;
        }
        List<List<String>> rows = new ArrayList<>();
        byMethod.forEach((method, ds) -> {
            long total = 0;
            long min = Long.MAX_VALUE;
            long max = 0;
            for (Duration d : ds) {
                total += d.toNanos();
                min = Math.min(min, d.toNanos());
                max = Math.max(max, d.toNanos());
            }
            rows.add(List.of(method, Integer.toString(ds.size()), Html.duration(Duration.ofNanos(total / ds.size())),
                    Html.duration(Duration.ofNanos(min)), Html.duration(Duration.ofNanos(max))));
        });
        return ReportSection.table("Timings", List.of("method", "inputs", "mean", "min", "max"), rows,
                timingsWarmedUp
                        ? "Wall-clock time of each explanation on this machine, measured after one untimed warm-up call per method."
                        : "Wall-clock time of each explanation on this machine; includes JIT warm-up (the first call of each "
                                + "method also compiles code, so its time is longer).");
    }

    /** Collects the report's parts. */
    public static final class Builder {
        private final String title;
        private String subtitle;
        private final Map<String, String> meta = new LinkedHashMap<>();
        private final List<ReportInput> inputs = new ArrayList<>();
        private final List<ReportSection> sections = new ArrayList<>();
        private int imageSize = 128;
        private boolean timingSummary = true;
        private boolean timingsWarmedUp;
        private final List<ColorBar> colorBars = new ArrayList<>();

        private Builder(String title) {
            this.title = title;
        }

        /**
         * A line under the title.
         *
         * @param v the subtitle
         * @return this builder
         */
        public Builder subtitle(String v) {
            subtitle = v;
            return this;
        }

        /**
         * A key–value line in the header (model, data set, date, machine).
         *
         * @param key the label, not null
         * @param value the value
         * @return this builder
         */
        public Builder meta(String key, String value) {
            if (key == null) {
                throw new InvalidConfigException("meta key must not be null");
            }
            meta.put(key, value == null ? "" : value);
            return this;
        }

        /**
         * One input with its prediction and explanations.
         *
         * @param v the input, not null
         * @return this builder
         */
        public Builder input(ReportInput v) {
            if (v == null) {
                throw new InvalidConfigException("report input must not be null");
            }
            inputs.add(v);
            return this;
        }

        /**
         * A free section after the inputs.
         *
         * @param v the section, not null
         * @return this builder
         */
        public Builder section(ReportSection v) {
            if (v == null) {
                throw new InvalidConfigException("report section must not be null");
            }
            sections.add(v);
            return this;
        }

        /**
         * Displayed size of the longer side of input and method images, in CSS pixels (default 128).
         *
         * @param v the size, at least 32
         * @return this builder
         */
        public Builder imageSize(int v) {
            imageSize = v;
            return this;
        }

        /**
         * Whether to add a table of times per method (default true, when times are given).
         *
         * @param v whether to add the table
         * @return this builder
         */
        public Builder timingSummary(boolean v) {
            timingSummary = v;
            return this;
        }

        /**
         * Whether the times were measured after an untimed warm-up call of each method (default false: the
         * timing table then says that the times include JIT warm-up).
         *
         * @param v true when every method was called once before its timed calls
         * @return this builder
         */
        public Builder timingsWarmedUp(boolean v) {
            timingsWarmedUp = v;
            return this;
        }

        /**
         * A colour bar under the header, one per kind of map (signed, non-negative), in the order added.
         *
         * @param v the colour bar, not null
         * @return this builder
         * @throws org.xai4j.core.InvalidConfigException if {@code v} is null
         */
        public Builder colorBar(ColorBar v) {
            if (v == null) {
                throw new InvalidConfigException("report colour bar must not be null");
            }
            colorBars.add(v);
            return this;
        }

        /**
         * Checks and builds the report.
         *
         * @return the report
         * @throws org.xai4j.core.InvalidConfigException if the title is blank, there is neither an input nor a section,
         *     or the image size is below 32
         */
        public HtmlReport build() {
            return new HtmlReport(this);
        }
    }
}
