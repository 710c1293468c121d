"""Provides the one stylesheet every HTML export carries inline: a calm page for a wiki or an
e-mail, in light and dark mode, on a phone, and on paper.

Greys are translucent, so rules, zebra rows and code backgrounds read on whatever background
a mail client forces; only the page's own text and background switch with the colour scheme,
always as a pair. Nothing here loads anything (no @import, no url(), no web font).
"""

from __future__ import annotations

PAGE_STYLE = """\
:root { color-scheme: light dark; }
body {
  margin: 0;
  padding: 2rem 1.25rem 3rem;
  color: #1f2328;
  background: #ffffff;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "Noto Sans", "Liberation Sans", sans-serif, "Apple Color Emoji", "Segoe UI Emoji";
  font-size: 16px;
  line-height: 1.55;
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}
main { max-width: 54rem; margin: 0 auto; overflow-wrap: break-word; }
a { color: #0a58ca; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.75rem 0 0.75rem; font-weight: 600; }
h1 {
  font-size: 1.85rem;
  margin-top: 0;
  padding-bottom: 0.35rem;
  border-bottom: 2px solid rgba(127, 127, 127, 0.35);
}
h2 {
  font-size: 1.4rem;
  margin-top: 2.25rem;
  padding-bottom: 0.25rem;
  border-bottom: 1px solid rgba(127, 127, 127, 0.25);
}
h3 { font-size: 1.15rem; }
h4, h5, h6 { font-size: 1rem; }
p, ul, ol, blockquote, pre, .table-wrap { margin: 0 0 1rem; }
ul, ol { padding-left: 1.75rem; }
li + li { margin-top: 0.2rem; }
hr { border: 0; border-top: 1px solid rgba(127, 127, 127, 0.35); margin: 1.75rem 0; }
blockquote { padding: 0.1rem 1rem; border-left: 4px solid rgba(127, 127, 127, 0.45); }
blockquote > :last-child { margin-bottom: 0; }
code, pre {
  font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono",
    monospace;
  font-size: 0.875em;
}
code { padding: 0.1em 0.35em; border-radius: 4px; background: rgba(127, 127, 127, 0.16); }
pre {
  padding: 0.75rem 1rem;
  overflow-x: auto;
  line-height: 1.45;
  border-radius: 6px;
  background: rgba(127, 127, 127, 0.12);
}
pre code { padding: 0; font-size: inherit; background: none; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.925rem; }
th, td {
  padding: 0.4rem 0.65rem;
  border: 1px solid rgba(127, 127, 127, 0.4);
  text-align: left;
  vertical-align: top;
}
th { font-weight: 600; background: rgba(127, 127, 127, 0.16); }
tbody tr:nth-child(even) { background: rgba(127, 127, 127, 0.07); }
td.nowrap { white-space: nowrap; }
td.breaks { overflow-wrap: anywhere; }
@media (prefers-color-scheme: dark) {
  body { color: #e6e8eb; background: #15171a; }
  a { color: #7cb7ff; }
}
@media (max-width: 40rem) {
  body { padding: 1rem 0.75rem 2rem; font-size: 15px; }
  h1 { font-size: 1.5rem; }
  h2 { font-size: 1.25rem; }
  /* The table scrolls sideways instead: a text column squeezed to one word reads badly. */
  td.long { min-width: 12rem; }
}
@media print {
  body { padding: 0; color: #000000; background: #ffffff; font-size: 11pt; }
  main { max-width: none; }
  a { color: inherit; }
  .table-wrap, pre { overflow: visible; }
  pre { white-space: pre-wrap; }
  tr, pre, blockquote { break-inside: avoid; }
  h1, h2, h3, h4 { break-after: avoid; }
  thead { display: table-header-group; }
}
"""
