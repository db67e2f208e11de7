package org.xai4j.examples;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xai4j.core.util.Json;
import org.xai4j.core.util.OutputFiles;
import org.xai4j.viz.image.Png;

/**
 * Writes one study's report: each figure as a PNG file next to {@code index.html}, the page itself (figures
 * embedded as data URIs, so the page reads on its own when moved), and {@code summary.json} with the measured
 * numbers. Every file is written atomically, so an interrupted run never leaves a half-written report.
 */
public final class StudyWriter {
    /** The report page's file name. */
    public static final String INDEX = "index.html";
    /** The measured numbers' file name. */
    public static final String SUMMARY = "summary.json";

    private final Path folder;
    private final String title;
    private final StringBuilder body = new StringBuilder();
    private final List<String> figures = new ArrayList<>();
    private final Map<String, Object> summary = new LinkedHashMap<>();

    public StudyWriter(Path folder, String title) {
        this.folder = folder;
        this.title = title;
    }

    /** The output folder. */
    public Path folder() {
        return folder;
    }

    /** A section heading. */
    public StudyWriter heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    /** A paragraph of plain text. */
    public StudyWriter paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** Writes {@code image} as {@code name}.png and shows it on the page with {@code caption}. */
    public StudyWriter figure(String name, BufferedImage image, String caption) {
        String file = name + ".png";
        OutputFiles.write(folder.resolve(file), Png.bytes(image));
        figures.add(file);
        body.append("<figure><img src=\"").append(Png.dataUri(image)).append("\" alt=\"").append(escape(caption))
                .append("\" data-file=\"").append(file).append("\"><figcaption>").append(escape(caption))
                .append("</figcaption></figure>\n");
        return this;
    }

    /** A table with a header row. */
    public StudyWriter table(List<String> header, List<List<String>> rows) {
        body.append("<table><tr>");
        for (String h : header) {
            body.append("<th>").append(escape(h)).append("</th>");
        }
        body.append("</tr>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            for (String c : row) {
                body.append("<td>").append(escape(c)).append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** Records a measured value under {@code key} in summary.json (numbers, strings, lists and maps). */
    public StudyWriter measure(String key, Object value) {
        summary.put(key, value);
        return this;
    }

    /** The PNG file names written so far. */
    public List<String> figures() {
        return List.copyOf(figures);
    }

    /** The summary recorded so far. */
    public Map<String, Object> summary() {
        return new LinkedHashMap<>(summary);
    }

    /** Writes summary.json and index.html (the page lists the summary too). */
    public void finish() {
        String json = Json.write(summary);
        OutputFiles.write(folder.resolve(SUMMARY), json.getBytes(StandardCharsets.UTF_8));
        String page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title>\n<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
                + "img{max-width:100%;border:1px solid #ddd}figure{margin:1.5em 0}figcaption{color:#555}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}"
                + "pre{background:#f6f6f6;padding:1em;overflow:auto}</style></head><body>\n<h1>" + escape(title)
                + "</h1>\n" + body + "<h2>summary.json</h2>\n<pre>" + escape(json) + "</pre>\n</body></html>\n";
        OutputFiles.write(folder.resolve(INDEX), page.getBytes(StandardCharsets.UTF_8));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
