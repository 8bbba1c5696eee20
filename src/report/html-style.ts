/**
 * The report page's stylesheet (inlined: the page loads nothing). System fonts only; a
 * print stylesheet keeps the colours that carry meaning and avoids splitting a registry
 * object or the drawing across pages.
 */
export const REPORT_CSS = `
:root {
  --ink: #1b1f24; --muted: #59636e; --rule: #d1d9e0; --panel: #f6f8fa;
  --bad: #b42318; --bad-bg: #fef3f2; --good: #067647; --good-bg: #ecfdf3;
  --path: #0d6efd; --other: #c4590b; --fix: #198754;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0 auto; max-width: 64rem; padding: 1.5rem 1.5rem 3rem; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "DejaVu Sans", Arial, sans-serif;
}
h1 { font-size: 1.75rem; line-height: 1.25; margin: .15rem 0 .5rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .6rem; padding-bottom: .25rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1rem; margin: 1.25rem 0 .4rem; }
p { margin: .4rem 0; }
code, .mono { font-family: var(--mono); font-size: .9em; }
.as { font-weight: 600; white-space: nowrap; }
.answer { border-left: 6px solid var(--bad); background: var(--bad-bg); padding: 1rem 1.25rem; border-radius: 4px; }
.answer.reachable { border-left-color: var(--good); background: var(--good-bg); }
.kicker { margin: 0; color: var(--muted); font-size: .85rem; letter-spacing: .02em; }
.verdict { display: inline-block; font-size: .75rem; font-weight: 700; letter-spacing: .06em; padding: .1rem .5rem;
  border-radius: 3px; color: #fff; background: var(--bad); vertical-align: middle; }
.reachable .verdict { background: var(--good); }
.lead { font-size: 1.05rem; }
.path { font-family: var(--mono); font-weight: 600; }
.notes { margin: .75rem 0 0; padding: 0; list-style: none; color: var(--muted); font-size: .85rem; }
.notes li.warn { color: #93370d; }
figure { margin: .5rem 0; padding: 1rem; border: 1px solid var(--rule); border-radius: 4px; text-align: center; }
figure svg { width: 100%; height: auto; max-height: 36rem; }
figure.wide { overflow: auto; max-height: 48rem; text-align: left; }
figure.wide svg { width: auto; max-width: none; max-height: none; }
figcaption { margin-top: .5rem; color: var(--muted); font-size: .85rem; text-align: left; }
.key { display: inline-block; width: 1.6em; height: 0; border-top: 2px solid; vertical-align: middle; margin: 0 .25em 0 .75em; }
.key.path { border-color: var(--path); border-top-width: 3px; }
.key.other { border-color: var(--other); }
.key.fix { border-color: var(--fix); border-top-style: dashed; }
.key.peer { border-color: var(--ink); border-top-style: dashed; border-top-width: 1px; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--rule); }
th { background: var(--panel); font-weight: 600; }
ol.fixes { padding-left: 1.5rem; }
ol.fixes li { margin: .35rem 0; }
.fix-head { font-weight: 600; }
.diff { background: var(--panel); border: 1px solid var(--rule); border-radius: 4px; padding: .6rem .9rem; margin: .5rem 0; }
.link { margin: 1rem 0 1.25rem; }
.link h3 { margin-bottom: .3rem; }
.link .rel { font-weight: 400; color: var(--muted); }
.object { margin: .4rem 0 .6rem; border: 1px solid var(--rule); border-radius: 4px; }
.object-head { background: var(--panel); padding: .3rem .6rem; font-size: .85rem; border-bottom: 1px solid var(--rule); }
.object-head .src { color: var(--muted); }
.object table { margin: 0; font-size: .85rem; }
.object td { border-bottom: 1px solid #eaeef2; }
.object tr:last-child td { border-bottom: 0; }
td.ln { width: 4.5rem; color: var(--muted); font-family: var(--mono); white-space: nowrap; }
td.rpsl { font-family: var(--mono); white-space: pre-wrap; overflow-wrap: anywhere; }
td.says { color: var(--muted); width: 40%; }
.muted { color: var(--muted); }
footer { margin-top: 2.5rem; padding-top: .75rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: .8rem; }
@page { margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; }
  .answer, figure, .object, .diff, tr { break-inside: avoid; }
  figure svg, figure.wide svg { width: 100%; max-height: 17cm; }
  figure.wide { overflow: visible; }
}
`;
