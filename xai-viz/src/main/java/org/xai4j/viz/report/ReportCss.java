package org.xai4j.viz.report;

/** The report's style sheet (no '<' or '&', so it is also valid inside XML). */
final class ReportCss {
    private ReportCss() {
    }

    static final String CSS = """
            :root { --fg: #1d232a; --muted: #5b6570; --line: #dde2e7; --bg: #f6f7f9; --card: #ffffff;
                    --accent: #1f77b4; --ok: #2ca02c; --bad: #d62728; }
            * { box-sizing: border-box; }
            body { margin: 0; background: var(--bg); color: var(--fg);
                   font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 1180px; margin: 0 auto; padding: 24px 24px 8px; }
            header h1 { margin: 0 0 4px; font-size: 26px; }
            .sub { color: var(--muted); margin: 0 0 12px; }
            dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 14px;
                      font-size: 13px; color: var(--muted); }
            dl.meta dt { font-weight: 600; }
            dl.meta dd { margin: 0; }
            nav ul { list-style: none; padding: 0; margin: 0 0 8px; display: flex; flex-wrap: wrap; gap: 8px; }
            nav a { display: inline-block; padding: 3px 11px; border: 1px solid var(--line); border-radius: 999px;
                    background: var(--card); color: var(--accent); text-decoration: none; font-size: 13px; }
            h2 { font-size: 20px; margin: 26px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
            .card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 16px;
                    margin: 0 0 16px; }
            .head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 16px; margin: 0 0 10px; }
            .head h3 { margin: 0; font-size: 16px; }
            .head p { margin: 0; }
            .row { display: flex; flex-wrap: wrap; gap: 14px 22px; align-items: flex-start; }
            .lhs { display: flex; gap: 14px; align-items: flex-start; }
            figure { margin: 0; }
            figcaption { font-size: 12px; color: var(--muted); text-align: center; margin-top: 4px; }
            img { display: block; max-width: 100%; height: auto; }
            img.pix { image-rendering: pixelated; }
            label.zoom { display: block; cursor: zoom-in; }
            label.zoom input { display: none; }
            label.zoom input:checked + img { position: fixed; top: 0; left: 0; right: 0; bottom: 0; margin: auto;
                    width: min(90vw, 90vh); height: auto; max-width: none; z-index: 10; cursor: zoom-out;
                    box-shadow: 0 0 0 100vmax rgba(0, 0, 0, 0.75); image-rendering: pixelated; }
            .bars { display: flex; flex-wrap: wrap; gap: 8px 28px; margin: 0 0 12px; }
            figure.cbar figcaption { text-align: left; margin: 0 0 3px; }
            figure.cbar .ends { display: flex; justify-content: space-between; width: 180px; font-size: 11px;
                    color: var(--muted); font-variant-numeric: tabular-nums; }
            .verdict.ok { color: var(--ok); font-weight: 600; }
            .verdict.bad { color: var(--bad); font-weight: 600; }
            table.probs { border-collapse: collapse; font-size: 12px; }
            table.probs td { padding: 1px 6px 1px 0; white-space: nowrap; }
            table.probs td.num { font-variant-numeric: tabular-nums; color: var(--muted); }
            .bar { width: 84px; height: 9px; background: #eef1f4; border-radius: 5px; overflow: hidden; }
            .bar span { display: block; height: 100%; background: var(--accent); }
            .methods { display: flex; flex-wrap: wrap; gap: 12px; padding-left: 20px; border-left: 1px dashed var(--line); }
            .methods figcaption span { display: block; }
            .methods figcaption .m { font-weight: 600; color: var(--fg); font-size: 12px; }
            .methods figcaption .t { font-variant-numeric: tabular-nums; }
            .provs { display: flex; flex-wrap: wrap; gap: 4px 16px; margin-top: 12px; }
            details.prov { font-size: 13px; }
            details.prov[open] { flex-basis: 100%; }
            details.prov summary { cursor: pointer; color: var(--muted); }
            details.prov pre { background: #f3f5f7; border: 1px solid var(--line); border-radius: 6px; margin: 6px 0;
                               padding: 8px 10px; overflow: auto; font-size: 12px; max-height: 320px; }
            .figure { display: inline-block; }
            .scroll { overflow-x: auto; }
            table.data { border-collapse: collapse; font-size: 13px; background: var(--card); }
            table.data th, table.data td { border: 1px solid var(--line); padding: 4px 10px; text-align: left; }
            table.data th { background: #f0f3f6; }
            table.data td.num { text-align: right; font-variant-numeric: tabular-nums; }
            .caption { font-size: 12px; color: var(--muted); }
            footer { color: var(--muted); font-size: 12px; margin: 28px 0 8px; }
            """;
}
