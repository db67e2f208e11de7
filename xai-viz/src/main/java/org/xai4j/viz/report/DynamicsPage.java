package org.xai4j.viz.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xai4j.core.InvalidConfigException;
import org.xai4j.core.InvalidShapeException;
import org.xai4j.core.Versions;
import org.xai4j.core.util.Json;
import org.xai4j.viz.image.Png;

/**
 * A self-contained, interactive HTML page about a classifier's training dynamics: the static figures
 * (instance flow, confusion evolution) and tables given as {@link ReportSection}s, then an instance table
 * that sorts by any column, an epoch-range selector that recomputes each instance's changes, visited
 * classes and errors over the chosen epochs together with the class-to-class flow between the range's
 * first and last epoch, and a panel that shows the hovered instance's image and its history of predicted
 * classes. Everything (CSS, script, data, images as base64 PNG) is inline: no network.
 *
 * <p>The interactive part works on the rows passed in, which for a large evaluation set are a sample;
 * {@link Rows#note} says so on the page (e.g. "2,000 of 100,000 instances, evenly spaced along the
 * misclassification order"), while the figures and tables were made from every instance.
 */
public final class DynamicsPage {
    /**
     * The instances of the interactive part.
     *
     * @param indices    each row's instance index in the evaluation set
     * @param labels     each row's true class
     * @param history    each row's predicted class after each epoch (R × E)
     * @param thumbnails each row's image, or {@code null} (the list or an entry) for none
     * @param note       how the rows were chosen, shown on the page
     */
    public record Rows(int[] indices, int[] labels, int[][] history, List<BufferedImage> thumbnails, String note) {
        /**
         * Checks the shapes and copies the arrays.
         *
         * @param indices each row's instance index in the evaluation set
         * @param labels each row's true class
         * @param history each row's predicted class after each epoch (R × E)
         * @param thumbnails each row's image, or {@code null} (the list or an entry) for none
         * @param note how the rows were chosen, shown on the page
         * @throws org.xai4j.core.InvalidShapeException if there is no row or epoch, or the lengths disagree
         */
        public Rows {
            if (indices == null || labels == null || history == null || indices.length == 0) {
                throw new InvalidShapeException("the dynamics page needs at least one instance row");
            }
            if (labels.length != indices.length || history.length != indices.length) {
                throw new InvalidShapeException("the dynamics page got " + indices.length + " indices, " + labels.length + " labels and "
                        + history.length + " histories");
            }
            if (thumbnails != null && thumbnails.size() != indices.length) {
                throw new InvalidShapeException(thumbnails.size() + " thumbnails for " + indices.length + " rows");
            }
            int e = history[0] == null ? 0 : history[0].length;
            if (e == 0) {
                throw new InvalidShapeException("the dynamics page needs at least one epoch");
            }
            int[][] h = new int[history.length][];
            for (int i = 0; i < history.length; i++) {
                if (history[i] == null || history[i].length != e) {
                    throw new InvalidShapeException("history of row " + i + " has " + (history[i] == null ? 0 : history[i].length)
                            + " epochs but row 0 has " + e);
                }
                h[i] = history[i].clone();
            }
            indices = indices.clone();
            labels = labels.clone();
            history = h;
            thumbnails = thumbnails == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(thumbnails));
            note = note == null ? "" : note;
        }
    }

    private final String title;
    private final Map<String, String> facts;
    private final List<String> classNames;
    private final List<ReportSection> sections;
    private final Rows rows;

    /**
     * @param title      page title
     * @param facts      short key/value facts shown under the title (epochs, instances, accuracy …)
     * @param classNames K class names
     * @param sections   figures, tables and texts shown before the interactive part
     * @param rows       the instances of the interactive part
     */
    public DynamicsPage(String title, Map<String, String> facts, List<String> classNames, List<ReportSection> sections, Rows rows) {
        if (title == null || title.isBlank()) {
            throw new InvalidConfigException("the dynamics page needs a title");
        }
        if (classNames == null || classNames.isEmpty() || rows == null) {
            throw new InvalidConfigException("the dynamics page needs class names and rows");
        }
        for (int i = 0; i < rows.indices().length; i++) {
            check(rows.labels()[i], classNames.size(), "label of row " + i);
            for (int v : rows.history()[i]) {
                check(v, classNames.size(), "history of row " + i);
            }
        }
        this.title = title;
        this.facts = facts == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        this.classNames = List.copyOf(classNames);
        this.sections = sections == null ? List.of() : List.copyOf(sections);
        this.rows = rows;
    }

    private static void check(int v, int k, String what) {
        if (v < 0 || v >= k) {
            throw new InvalidShapeException(what + " holds the class " + v + ", outside 0.." + (k - 1));
        }
    }

    /**
     * Writes {@link #toHtml()} as UTF-8, creating parent folders.
     *
     * @param file the HTML file to create or replace
     * @return {@code file}
     */
    public Path write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toHtml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** The data the script reads: classes, colours, epochs and the rows. */
    Map<String, Object> data() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("classes", classNames);
        List<Object> colours = new ArrayList<>();
        for (int k = 0; k < classNames.size(); k++) {
            java.awt.Color c = org.xai4j.viz.chart.ClassColors.color(k);
            colours.add(String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue()));
        }
        d.put("colours", colours);
        d.put("epochs", rows.history()[0].length);
        List<Object> r = new ArrayList<>();
        for (int i = 0; i < rows.indices().length; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("i", rows.indices()[i]);
            row.put("y", rows.labels()[i]);
            List<Object> p = new ArrayList<>();
            for (int v : rows.history()[i]) {
                p.add(v);
            }
            row.put("p", p);
            BufferedImage img = rows.thumbnails() == null ? null : rows.thumbnails().get(i);
            if (img != null) {
                row.put("img", Png.dataUri(img));
            }
            r.add(row);
        }
        d.put("rows", r);
        return d;
    }

    /**
     * The whole document.
     *
     * @return the HTML text
     */
    public String toHtml() {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n<style>\n").append(ReportCss.CSS).append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n<header>\n<h1>").append(Html.escape(title)).append("</h1>\n");
        if (!facts.isEmpty()) {
            h.append("<dl class=\"meta\">\n");
            facts.forEach((k, v) -> h.append("<dt>").append(Html.escape(k)).append("</dt><dd>").append(Html.escape(v)).append("</dd>\n"));
            h.append("</dl>\n");
        }
        h.append("</header>\n");
        int id = 0;
        for (ReportSection s : sections) {
            h.append("<section class=\"card\" id=\"s").append(id++).append("\">\n<h2>").append(Html.escape(s.title())).append("</h2>\n");
            if (s instanceof ReportSection.Figure f) {
                h.append("<figure><img alt=\"").append(Html.escape(f.title())).append("\" src=\"").append(Png.dataUri(f.image()))
                        .append("\" />");
                if (f.caption() != null) {
                    h.append("<figcaption>").append(Html.escape(f.caption())).append("</figcaption>");
                }
                h.append("</figure>\n");
            } else if (s instanceof ReportSection.Table t) {
                h.append("<div class=\"scroll\"><table class=\"data\">\n<tr>");
                t.header().forEach(c -> h.append("<th>").append(Html.escape(c)).append("</th>"));
                h.append("</tr>\n");
                for (List<String> row : t.rows()) {
                    h.append("<tr>");
                    row.forEach(c -> h.append("<td>").append(Html.escape(c)).append("</td>"));
                    h.append("</tr>\n");
                }
                h.append("</table></div>\n");
                if (t.caption() != null) {
                    h.append("<p class=\"caption\">").append(Html.escape(t.caption())).append("</p>\n");
                }
            } else if (s instanceof ReportSection.Text t) {
                t.paragraphs().forEach(p -> h.append("<p>").append(Html.escape(p)).append("</p>\n"));
            }
            h.append("</section>\n");
        }
        int e = rows.history()[0].length;
        h.append("<section class=\"card\" id=\"explore\">\n<h2>Explore instances</h2>\n")
                .append("<p class=\"caption\" id=\"rows-note\">").append(Html.escape(rows.note())).append("</p>\n")
                .append("<div class=\"controls\">Epochs <input type=\"number\" id=\"from\" min=\"1\" max=\"").append(e)
                .append("\" value=\"1\" /> to <input type=\"number\" id=\"to\" min=\"1\" max=\"").append(e).append("\" value=\"").append(e)
                .append("\" /> <span class=\"caption\" id=\"range-note\"></span></div>\n")
                .append("<div class=\"explore\">\n<div class=\"scroll tablebox\"><table class=\"data sortable\" id=\"instances\">\n<thead><tr>")
                .append("<th data-key=\"i\">instance</th><th data-key=\"y\">true</th><th data-key=\"last\">last predicted</th>")
                .append("<th data-key=\"changes\">changes</th><th data-key=\"visited\">classes visited</th>")
                .append("<th data-key=\"wrong\">wrong (share)</th><th data-key=\"from\">correct from epoch</th>")
                .append("</tr></thead>\n<tbody></tbody>\n</table></div>\n")
                .append("<aside id=\"detail\"><p class=\"caption\">Hover an instance to see its image and history.</p></aside>\n</div>\n")
                .append("<h3 id=\"flow-title\">Flow</h3>\n<div class=\"scroll\"><table class=\"data\" id=\"flow\"></table></div>\n")
                .append("</section>\n");
        h.append("<footer>xai4j ").append(Html.escape(Versions.library())).append("</footer>\n</main>\n");
        String json = Json.write(data()).replace("</", "<\\/");
        h.append("<script type=\"application/json\" id=\"data\">").append(json).append("</script>\n");
        h.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static final String CSS = """
            .controls { margin: 8px 0 12px; font-size: 14px; }
            .controls input { width: 5em; }
            .explore { display: flex; gap: 16px; align-items: flex-start; }
            .tablebox { max-height: 560px; overflow-y: auto; flex: 1 1 auto; }
            table.sortable th { cursor: pointer; position: sticky; top: 0; }
            table.sortable th.asc::after { content: " \\25B2"; }
            table.sortable th.desc::after { content: " \\25BC"; }
            table.sortable tr:hover td { background: #eef4fb; }
            aside#detail { flex: 0 0 280px; position: sticky; top: 8px; font-size: 13px; }
            aside#detail img { width: 168px; image-rendering: pixelated; border: 1px solid var(--line); }
            .strip { display: flex; flex-wrap: wrap; gap: 1px; margin: 6px 0; }
            .strip span { width: 10px; height: 16px; display: inline-block; }
            .strip span.out { opacity: 0.25; }
            .sw { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: middle; }
            """;

    private static final String SCRIPT = """
            (function () {
              var D = JSON.parse(document.getElementById('data').textContent);
              var E = D.epochs, K = D.classes.length;
              var from = document.getElementById('from'), to = document.getElementById('to');
              var body = document.querySelector('#instances tbody');
              var stats = [], sortKey = null, sortDir = 1;
              function name(k) { return k + ' ' + D.classes[k]; }
              function sw(k) { return '<span class="sw" style="background:' + D.colours[k] + '"></span>'; }
              function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }
              function range() {
                var a = Math.max(1, Math.min(E, parseInt(from.value, 10) || 1));
                var b = Math.max(1, Math.min(E, parseInt(to.value, 10) || E));
                if (a > b) { var t = a; a = b; b = t; }
                return [a - 1, b - 1];
              }
              function compute() {
                var r = range(), a = r[0], b = r[1];
                stats = D.rows.map(function (row, n) {
                  var changes = 0, wrong = 0, seen = {}, visited = 0, last = -1;
                  for (var e = a; e <= b; e++) {
                    var p = row.p[e];
                    if (e > a && p !== row.p[e - 1]) changes++;
                    if (p !== row.y) { wrong++; last = e; }
                    if (!seen[p]) { seen[p] = 1; visited++; }
                  }
                  var fromE = row.p[b] !== row.y ? -1 : (last < 0 ? a : last + 1) + 1;
                  return {n: n, i: row.i, y: row.y, last: row.p[b], changes: changes, visited: visited,
                          wrong: wrong / (b - a + 1), from: fromE};
                });
                document.getElementById('range-note').textContent = 'statistics over epochs ' + (a + 1) + ' to ' + (b + 1)
                    + ' (' + (b - a + 1) + ' epochs); the flow joins epoch ' + (a + 1) + ' to epoch ' + (b + 1) + '.';
                flow(a, b);
                render();
              }
              function render() {
                var s = stats.slice();
                if (sortKey) {
                  s.sort(function (x, y) {
                    var u = x[sortKey], v = y[sortKey];
                    if (sortKey === 'from') { u = u < 0 ? 1e9 : u; v = v < 0 ? 1e9 : v; }
                    return (u - v) * sortDir || x.n - y.n;
                  });
                }
                var html = [];
                s.forEach(function (t) {
                  html.push('<tr data-n="' + t.n + '"><td class="num">' + t.i + '</td><td>' + sw(t.y) + esc(name(t.y))
                      + '</td><td>' + sw(t.last) + esc(name(t.last)) + '</td><td class="num">' + t.changes
                      + '</td><td class="num">' + t.visited + '</td><td class="num">' + t.wrong.toFixed(3)
                      + '</td><td class="num">' + (t.from < 0 ? 'never' : t.from) + '</td></tr>');
                });
                body.innerHTML = html.join('');
              }
              function flow(a, b) {
                var m = [], k, j;
                for (k = 0; k < K; k++) { m.push([]); for (j = 0; j < K; j++) m[k].push(0); }
                D.rows.forEach(function (row) { m[row.p[a]][row.p[b]]++; });
                document.getElementById('flow-title').textContent = 'Flow of these instances from epoch ' + (a + 1)
                    + ' (rows) to epoch ' + (b + 1) + ' (columns)';
                var h = ['<tr><th></th>'];
                for (j = 0; j < K; j++) h.push('<th>' + sw(j) + esc(D.classes[j]) + '</th>');
                h.push('</tr>');
                for (k = 0; k < K; k++) {
                  h.push('<tr><th>' + sw(k) + esc(D.classes[k]) + '</th>');
                  for (j = 0; j < K; j++) h.push('<td class="num"' + (k !== j && m[k][j] ? ' style="font-weight:600"' : '') + '>' + m[k][j] + '</td>');
                  h.push('</tr>');
                }
                document.getElementById('flow').innerHTML = h.join('');
              }
              function detail(n) {
                var row = D.rows[n], r = range(), h = [];
                h.push('<h3>instance ' + row.i + '</h3>');
                if (row.img) h.push('<img alt="instance ' + row.i + '" src="' + row.img + '" />');
                h.push('<p>true class: ' + sw(row.y) + esc(name(row.y)) + '</p><div class="strip">');
                row.p.forEach(function (p, e) {
                  h.push('<span' + (e < r[0] || e > r[1] ? ' class="out"' : '') + ' title="epoch ' + (e + 1) + ': ' + esc(name(p))
                      + '" style="background:' + D.colours[p] + '"></span>');
                });
                h.push('</div><p class="caption">predicted class after each epoch (1 to ' + E + ')</p>');
                document.getElementById('detail').innerHTML = h.join('');
              }
              document.querySelectorAll('#instances th').forEach(function (th) {
                th.addEventListener('click', function () {
                  var k = th.getAttribute('data-key');
                  sortDir = sortKey === k ? -sortDir : (k === 'i' || k === 'y' || k === 'from' ? 1 : -1);
                  sortKey = k;
                  document.querySelectorAll('#instances th').forEach(function (o) { o.className = ''; });
                  th.className = sortDir > 0 ? 'asc' : 'desc';
                  render();
                });
              });
              body.addEventListener('mouseover', function (ev) {
                var tr = ev.target.closest('tr');
                if (tr) detail(parseInt(tr.getAttribute('data-n'), 10));
              });
              from.addEventListener('change', compute);
              to.addEventListener('change', compute);
              // A state in the address's fragment, e.g. #from=2&to=5&sort=changes&dir=desc&show=0 (a shareable view).
              var q = {};
              location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
                var i = kv.indexOf('='); if (i > 0) q[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1));
              });
              if (q.from) from.value = q.from;
              if (q.to) to.value = q.to;
              compute();
              if (q.sort) {
                var th = document.querySelector('#instances th[data-key="' + q.sort + '"]');
                if (th) { sortKey = q.sort; sortDir = q.dir === 'asc' ? 1 : -1; th.className = sortDir > 0 ? 'asc' : 'desc'; render(); }
              }
              if (q.show && D.rows[parseInt(q.show, 10)]) detail(parseInt(q.show, 10));
            })();
            """;
}
