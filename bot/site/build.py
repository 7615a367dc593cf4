"""Build the static site from the knowledge base. Pure file output: no network, no CDN, no external fonts
or scripts; every page works from the folder (file://) and from any web server.

Writes: index.html (SVG tile map, legend, as-of date, a sortable and filterable table of the 51
jurisdictions), states/XX.html (one per state, the full entry), federal.html (the federal import rules),
states.json with states.schema.json, states.csv, style.css and table.js.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bot.core.knowledge import KnowledgeBase
from bot.core.schema import Entry, Kind, Status
from bot.site.links import state_page_path
from bot.statemap import NO_DATA_COLOUR, STATUS_COLOURS, STATUS_ORDER, TILE_GRID, text_colour_on

NOT_LEGAL_ADVICE = (
    "Not legal advice. Rules change and counter staff read them differently: confirm with the state's "
    "motor vehicle agency before you buy, title or drive."
)
KEY_CONDITIONS = ("roads", "speed", "interstates")
CONDITION_LABELS = {
    "roads": "Roads",
    "speed": "Speed",
    "interstates": "Interstates",
    "equipment": "Equipment",
    "registration": "Registration",
    "title": "Title",
    "inspection": "Inspection",
    "emissions": "Emissions",
    "insurance": "Insurance",
    "local_option": "Local option",
    "farm_use": "Farm use",
    "other": "Other",
}
SHORT_LABELS = {
    Status.UNRESTRICTED_ROAD: "Road legal",
    Status.RESTRICTED_ROAD: "Restricted road use",
    Status.OFF_ROAD_ONLY: "Off-road only",
    Status.NOT_REGISTRABLE: "Not registrable",
    Status.UNCLEAR: "Unclear",
}
CSV_COLUMNS = (
    "state", "name", "status", "status_label", "summary", "roads", "speed", "interstates", "registration",
    "title", "inspection", "dmv_name", "dmv_url", "last_verified", "review_by", "sources", "page",
)  # fmt: skip

TILE, GAP = 56, 6


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def hex_colour(colour: int) -> str:
    return f"#{colour:06x}"


# --- a small Markdown subset (what the knowledge bodies use): paragraphs, lists, bold, italics, links ----
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?!\w)")
_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")


def inline(text: str) -> str:
    out = esc(text)
    out = _LINK.sub(lambda m: f'<a href="{m.group(2)}">{m.group(1)}</a>', out)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    return _ITALIC.sub(r"<em>\1</em>", out)


def markdown(text: str) -> str:
    blocks: list[str] = []
    items: list[str] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(f"<p>{inline(' '.join(para))}</p>")
            para.clear()
        if items:
            blocks.append("<ul>" + "".join(f"<li>{inline(i)}</li>" for i in items) + "</ul>")
            items.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith(("- ", "* ")) or re.match(r"\d+\. ", line):
            if para:
                flush()
            items.append(re.sub(r"^(?:[-*]|\d+\.)\s+", "", line))
        elif line.startswith("#"):
            flush()
            level = min(6, len(line) - len(line.lstrip("#")) + 2)
            blocks.append(f"<h{level}>{inline(line.lstrip('#').strip())}</h{level}>")
        elif items and raw.startswith("  "):
            items[-1] += " " + line
        else:
            if items:
                flush()
            para.append(line)
    flush()
    return "\n".join(blocks)


# --- data ------------------------------------------------------------------------------------------------
def state_row(entry: Entry) -> dict[str, Any]:
    status = entry.status or Status.UNCLEAR
    conditions = entry.conditions.model_dump(exclude_none=True) if entry.conditions else {}
    return {
        "state": entry.state,
        "name": entry.title,
        "status": status.value,
        "status_label": status.label,
        "summary": entry.summary or "",
        "conditions": conditions,
        "dmv": {
            "name": entry.dmv.name if entry.dmv else "",
            "url": entry.dmv.url if entry.dmv else "",
            "ask_for": (entry.dmv.ask_for or "") if entry.dmv else "",
        },
        "last_verified": entry.last_verified.isoformat(),
        "review_by": entry.review_by.isoformat(),
        "sources": [{"title": s.title, "url": s.url} for s in entry.sources],
        "page": state_page_path(entry.state or ""),
        "entry_id": entry.id,
    }


def state_rows(kb: KnowledgeBase) -> list[dict[str, Any]]:
    return [state_row(kb.by_state[code]) for code in sorted(kb.by_state)]


def dataset(kb: KnowledgeBase, today: dt.date) -> dict[str, Any]:
    return {
        "as_of": today.isoformat(),
        "description": "US state-by-state status of Japanese kei (mini) trucks, from the KeiBot knowledge base",
        "not_legal_advice": NOT_LEGAL_ADVICE,
        "statuses": {s.value: s.label for s in STATUS_ORDER},
        "states": state_rows(kb),
    }


def json_schema() -> dict[str, Any]:
    text = {"type": "string"}
    day = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "KeiBot state table",
        "type": "object",
        "required": ["as_of", "not_legal_advice", "statuses", "states"],
        "additionalProperties": False,
        "properties": {
            "as_of": day,
            "description": text,
            "not_legal_advice": text,
            "statuses": {"type": "object", "additionalProperties": text},
            "states": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": [
                        "state",
                        "name",
                        "status",
                        "status_label",
                        "summary",
                        "conditions",
                        "dmv",
                        "last_verified",
                        "review_by",
                        "sources",
                        "page",
                        "entry_id",
                    ],
                    "properties": {
                        "state": {"type": "string", "pattern": "^[A-Z]{2}$"},
                        "name": text,
                        "status": {"enum": [s.value for s in Status]},
                        "status_label": text,
                        "summary": text,
                        "conditions": {
                            "type": "object",
                            "additionalProperties": False,
                            "properties": dict.fromkeys(CONDITION_LABELS, text),
                        },
                        "dmv": {
                            "type": "object",
                            "required": ["name", "url", "ask_for"],
                            "properties": {"name": text, "url": text, "ask_for": text},
                        },
                        "last_verified": day,
                        "review_by": day,
                        "sources": {
                            "type": "array",
                            "minItems": 1,
                            "items": {
                                "type": "object",
                                "required": ["title", "url"],
                                "properties": {
                                    "title": text,
                                    "url": {"type": "string", "pattern": "^https?://"},
                                },
                            },
                        },
                        "page": text,
                        "entry_id": text,
                    },
                },
            },
        },
    }


def to_csv(rows: Iterable[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        c = row["conditions"]
        writer.writerow(
            [
                row["state"], row["name"], row["status"], row["status_label"], row["summary"],
                c.get("roads", ""), c.get("speed", ""), c.get("interstates", ""), c.get("registration", ""),
                c.get("title", ""), c.get("inspection", ""), row["dmv"]["name"], row["dmv"]["url"],
                row["last_verified"], row["review_by"], " | ".join(s["url"] for s in row["sources"]),
                row["page"],
            ]
        )  # fmt: skip
    return out.getvalue()


# --- HTML ------------------------------------------------------------------------------------------------
def page(title: str, body: str, *, root: str = "", today: dt.date) -> str:
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<link rel="stylesheet" href="{root}style.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header><nav aria-label="Site"><a href="{root}index.html">Kei trucks by state</a>
<a href="{root}federal.html">Federal import rules</a>
<a href="{root}states.json">states.json</a> <a href="{root}states.csv">states.csv</a></nav></header>
<main id="main">
{body}
</main>
<footer><p><strong>{esc(NOT_LEGAL_ADVICE)}</strong></p>
<p>Built {today.isoformat()} from the KeiBot knowledge base. Every fact carries its sources and the date
it was last checked.</p></footer>
</body>
</html>
"""


def svg_map(kb: KnowledgeBase, today: dt.date, root: str = "") -> str:
    cols = max(c for c, _ in TILE_GRID.values()) + 1
    rows = max(r for _, r in TILE_GRID.values()) + 1
    width, height = cols * (TILE + GAP), rows * (TILE + GAP)
    parts = [
        f'<svg id="map" viewBox="0 0 {width} {height}" role="group" '
        f'aria-label="Map of the 50 states and DC coloured by kei truck status, as of {today.isoformat()}">'
    ]
    for code, (col, row) in sorted(TILE_GRID.items(), key=lambda kv: (kv[1][1], kv[1][0])):
        entry = kb.by_state.get(code)
        status = entry.status if entry and entry.status else None
        colour = STATUS_COLOURS.get(status, NO_DATA_COLOUR) if status else NO_DATA_COLOUR
        ink = "#{:02x}{:02x}{:02x}".format(*text_colour_on(colour))
        label = f"{entry.title if entry else code}: {SHORT_LABELS.get(status, 'no data') if status else 'no data'}"
        x, y = col * (TILE + GAP), row * (TILE + GAP)
        stale = entry is not None and entry.review_by < today
        parts.append(
            f'<a class="tile" href="{root}{state_page_path(code)}" data-state="{code}" '
            f'data-status="{status.value if status else "none"}" aria-label="{esc(label)}">'
            f"<title>{esc(label)}</title>"
            f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" rx="6" fill="{hex_colour(colour)}"/>'
            f'<text x="{x + TILE / 2}" y="{y + TILE / 2 + 6}" text-anchor="middle" fill="{ink}">{code}</text>'
            + (f'<circle cx="{x + TILE - 9}" cy="{y + 9}" r="4" fill="{ink}"/>' if stale else "")
            + "</a>"
        )
    parts.append("</svg>")
    return "".join(parts)


def legend(kb: KnowledgeBase) -> str:
    counts: dict[Status, int] = {}
    for entry in kb.by_state.values():
        if entry.status:
            counts[entry.status] = counts.get(entry.status, 0) + 1
    items = "".join(
        f'<li><span class="swatch" style="background:{hex_colour(STATUS_COLOURS[s])}"></span>'
        f'{esc(s.label)} <span class="count">({counts.get(s, 0)})</span></li>'
        for s in STATUS_ORDER
    )
    return f'<ul class="legend" aria-label="Legend">{items}</ul>'


def table(rows: list[dict[str, Any]]) -> str:
    options = "".join(f'<option value="{s.value}">{esc(SHORT_LABELS[s])}</option>' for s in STATUS_ORDER)
    head = (
        '<div class="filters"><label>Filter <input id="filter" type="search" '
        'placeholder="state, condition, agency" autocomplete="off"></label>'
        f'<label>Status <select id="status"><option value="">All</option>{options}</select></label>'
        '<span id="shown" aria-live="polite"></span></div>'
    )
    columns = [
        ("State", "text"), ("Status", "status"), ("Roads, speed, interstates", "text"),
        ("Agency to call", "text"), ("Last verified", "date"), ("Sources", "number"),
    ]  # fmt: skip
    ths = "".join(
        f'<th scope="col" aria-sort="none"><button type="button" data-col="{i}" data-type="{t}">{esc(name)}'
        '<span class="arrow" aria-hidden="true"></span></button></th>'
        for i, (name, t) in enumerate(columns)
    )
    order = {s.value: i for i, s in enumerate(STATUS_ORDER)}
    body = []
    for row in rows:
        c = row["conditions"]
        key = (
            "".join(
                f"<p><strong>{CONDITION_LABELS[k]}:</strong> {esc(c[k])}</p>"
                for k in KEY_CONDITIONS
                if c.get(k)
            )
            or "<p>Not recorded</p>"
        )
        dmv = row["dmv"]
        agency = f'<a href="{esc(dmv["url"])}">{esc(dmv["name"])}</a>' if dmv["url"] else esc(dmv["name"])
        sources = "".join(
            f'<li><a href="{esc(s["url"])}">{esc(s["title"])}</a></li>' for s in row["sources"][:3]
        )
        more = len(row["sources"]) - 3
        more_text = f'<li><a href="{row["page"]}#sources">{more} more</a></li>' if more > 0 else ""
        status = Status(row["status"])
        body.append(
            f'<tr data-status="{row["status"]}">'
            f'<th scope="row" data-sort="{esc(row["name"])}"><a href="{row["page"]}">{esc(row["name"])}</a> '
            f'<span class="code">{row["state"]}</span></th>'
            f'<td data-sort="{order[row["status"]]}"><span class="badge s-{row["status"]}">'
            f"{esc(SHORT_LABELS[status])}</span></td>"
            f"<td>{key}</td><td>{agency}</td>"
            f'<td data-sort="{row["last_verified"]}"><time datetime="{row["last_verified"]}">'
            f"{row['last_verified']}</time></td>"
            f'<td data-sort="{len(row["sources"])}"><ul class="sources">{sources}{more_text}</ul></td></tr>'
        )
    return (
        head
        + '<div class="table-wrap" tabindex="0" role="region" aria-label="State table">'
        + f'<table id="states"><caption>All {len(rows)} jurisdictions (the 50 states and DC)</caption>'
        + f"<thead><tr>{ths}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def index_page(kb: KnowledgeBase, today: dt.date) -> str:
    rows = state_rows(kb)
    body = f"""<h1>Can I drive a kei truck here?</h1>
<p class="lead">Japanese mini trucks (kei trucks) in the 50 states and DC: whether they can be titled and
registered for the road, and on which roads. As of <time datetime="{today.isoformat()}">{today:%B %-d, %Y}</time>.</p>
<p class="advice">{esc(NOT_LEGAL_ADVICE)}</p>
<section aria-labelledby="map-h"><h2 id="map-h">Map</h2>
<p>Each square is a state; select it for the full rules. A dot marks an entry past its review date.</p>
<figure>{svg_map(kb, today)}<figcaption>Status as of {today.isoformat()}.</figcaption></figure>
{legend(kb)}
</section>
<section aria-labelledby="table-h"><h2 id="table-h">State table</h2>
<p>Sort by a column heading; filter by words or status. The same table as data:
<a href="states.json">states.json</a> (<a href="states.schema.json">JSON Schema</a>) and
<a href="states.csv">states.csv</a>.</p>
{table(rows)}
</section>
<script src="table.js"></script>"""
    return page("Kei trucks by US state: road-use status map and table", body, today=today)


def state_page(entry: Entry, today: dt.date) -> str:
    status = entry.status or Status.UNCLEAR
    c = entry.conditions.model_dump(exclude_none=True) if entry.conditions else {}
    conditions = "".join(
        f'<tr><th scope="row">{CONDITION_LABELS[k]}</th><td>{esc(v)}</td></tr>' for k, v in c.items()
    )
    laws = "".join(
        "<li>"
        + (f'<a href="{esc(law.url)}">{esc(law.name)}</a>' if law.url else esc(law.name))
        + (f" ({esc(law.date)})" if law.date else "")
        + (f": {esc(law.note)}" if law.note else "")
        + "</li>"
        for law in entry.laws
    )
    changes = "".join(
        f"<li><time>{esc(ch.date)}</time>: {esc(ch.what)}{' <em>(pending)</em>' if ch.pending else ''}</li>"
        for ch in entry.changes
    )
    dmv = entry.dmv
    parts = [
        f'<p class="crumbs"><a href="../index.html">All states</a> › {esc(entry.title)}</p>',
        f"<h1>Kei trucks in {esc(entry.title)}</h1>",
        f'<p><span class="badge s-{status.value}">{esc(status.label)}</span></p>',
        f'<p class="lead">{esc(entry.summary or "")}</p>',
        f'<p class="advice">{esc(NOT_LEGAL_ADVICE)}</p>',
    ]
    if conditions:
        parts.append(f'<h2>Conditions</h2><table class="conditions"><tbody>{conditions}</tbody></table>')
    parts.append(f'<h2>In full</h2><div class="body">{markdown(entry.body)}</div>')
    if laws:
        parts.append(f"<h2>Laws and notices</h2><ul>{laws}</ul>")
    if changes:
        parts.append(f"<h2>Changes</h2><ul>{changes}</ul>")
    if entry.agreement:
        parts.append(f"<h2>Do the sources agree?</h2><p>{esc(entry.agreement)}</p>")
    if dmv:
        ask = f"<p>Ask them: {esc(dmv.ask_for)}</p>" if dmv.ask_for else ""
        parts.append(f'<h2>Who to ask</h2><p><a href="{esc(dmv.url)}">{esc(dmv.name)}</a></p>{ask}')
    parts.append(source_list(entry))
    return page(
        f"Kei trucks in {entry.title}: {SHORT_LABELS[status]}", "\n".join(parts), root="../", today=today
    )


def source_list(entry: Entry) -> str:
    items = "".join(f'<li><a href="{esc(s.url)}">{esc(s.title)}</a></li>' for s in entry.sources)
    return (
        f'<h2 id="sources">Sources</h2><ul>{items}</ul>'
        f'<p class="verified">Last verified <time datetime="{entry.last_verified}">{entry.last_verified}</time>; '
        f"due for review by {entry.review_by}.</p>"
    )


def federal_page(kb: KnowledgeBase, today: dt.date) -> str:
    entries = [e for e in kb.entries if e.kind is Kind.FEDERAL_RULE]
    toc = "".join(f'<li><a href="#{e.id}">{esc(e.title)}</a></li>' for e in entries)
    sections = "".join(
        f'<section id="{e.id}" aria-labelledby="{e.id}-h"><h2 id="{e.id}-h">{esc(e.title)}</h2>'
        + (f'<p class="lead">{esc(e.summary)}</p>' if e.summary else "")
        + f'<div class="body">{markdown(e.body)}</div>'
        + source_list(e)
        .replace('id="sources"', f'id="{e.id}-sources"')
        .replace("<h2", "<h3")
        .replace("</h2>", "</h3>")
        + "</section>"
        for e in entries
    )
    body = (
        '<p class="crumbs"><a href="index.html">All states</a> › Federal import rules</p>'
        '<h1>Federal import rules</h1><p class="lead">Before any state can title a kei truck, it has to be '
        "imported legally. These are the federal rules (NHTSA, EPA, CBP) the state pages build on.</p>"
        f'<p class="advice">{esc(NOT_LEGAL_ADVICE)}</p><nav aria-label="Federal topics"><ul>{toc}</ul></nav>'
        + sections
    )
    return page("Federal import rules for kei trucks", body, today=today)


STYLE = """
:root { --bg: #ffffff; --ink: #1b1d21; --muted: #4a4f57; --line: #c9ccd1; --link: #0b57b0; --focus: #b35c00; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  background: var(--bg); }
a { color: var(--link); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, [tabindex]:focus-visible,
svg a:focus-visible rect { outline: 3px solid var(--focus); outline-offset: 2px; }
svg a:focus-visible rect, svg a:hover rect { stroke: #000; stroke-width: 3; }
.skip { position: absolute; left: -9999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px; }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
header nav { display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: .75rem 0; border-bottom: 1px solid var(--line); }
footer { border-top: 1px solid var(--line); margin-top: 2rem; color: var(--muted); font-size: .9rem; }
h1 { font-size: 1.8rem; line-height: 1.2; } .lead { font-size: 1.1rem; }
.advice { border-left: 4px solid var(--focus); padding: .25rem .75rem; background: #fff6e8; }
figure { margin: 0; } #map { width: 100%; max-width: 46rem; height: auto; display: block; }
#map text { font: 600 18px system-ui, sans-serif; pointer-events: none; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; }
.swatch { display: inline-block; width: 1rem; height: 1rem; border: 1px solid #555; margin-right: .4rem;
  vertical-align: -2px; }
.count { color: var(--muted); }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin: .5rem 0; }
input, select, button { font: inherit; }
input[type=search] { min-width: 14rem; padding: .25rem .4rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; color: var(--muted); padding: .25rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .4rem .5rem; vertical-align: top; text-align: left; }
td p { margin: 0 0 .25rem; }
thead button { background: none; border: 0; padding: 0; font-weight: 700; cursor: pointer; color: var(--ink); }
th[aria-sort=ascending] .arrow::after { content: " ▲"; } th[aria-sort=descending] .arrow::after { content: " ▼"; }
.code { color: var(--muted); font-size: .85rem; }
.sources { margin: 0; padding-left: 1rem; font-size: .9rem; }
.badge { display: inline-block; padding: .05rem .45rem; border-radius: .3rem; border: 1px solid #555;
  white-space: nowrap; }
.s-unrestricted_road { background: #009e73; color: #000; } .s-restricted_road { background: #f0e442; color: #000; }
.s-off_road_only { background: #e69f00; color: #000; } .s-not_registrable { background: #b2182b; color: #fff; }
.s-unclear { background: #9e9e9e; color: #000; }
.conditions th { width: 9rem; }
@media (max-width: 40rem) {
  thead { display: none; } table, tbody, tr, th, td { display: block; width: 100%; }
  tr { border: 1px solid var(--line); margin-bottom: .75rem; } th, td { border: 0; }
}
"""

SCRIPT = r"""
(function () {
  "use strict";
  var table = document.getElementById("states");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var filter = document.getElementById("filter");
  var status = document.getElementById("status");
  var shown = document.getElementById("shown");
  function cellValue(row, col) {
    var cell = row.cells[col];
    return cell.getAttribute("data-sort") || cell.textContent;
  }
  function sortBy(button) {
    var col = Number(button.getAttribute("data-col"));
    var type = button.getAttribute("data-type");
    var th = button.parentNode;
    var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.setAttribute("aria-sort", "none"); });
    th.setAttribute("aria-sort", dir);
    var sign = dir === "ascending" ? 1 : -1;
    rows.sort(function (a, b) {
      var x = cellValue(a, col), y = cellValue(b, col);
      if (type === "number" || type === "status") { return sign * (Number(x) - Number(y)); }
      return sign * x.localeCompare(y);
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  function apply() {
    var words = filter.value.toLowerCase().trim().split(/\s+/).filter(Boolean);
    var wanted = status.value;
    var count = 0;
    rows.forEach(function (r) {
      var text = r.textContent.toLowerCase();
      var ok = (!wanted || r.getAttribute("data-status") === wanted) &&
        words.every(function (w) { return text.indexOf(w) !== -1; });
      r.hidden = !ok;
      if (ok) { count += 1; }
    });
    shown.textContent = count + " of " + rows.length + " shown";
  }
  Array.prototype.forEach.call(table.querySelectorAll("thead button"), function (b) {
    b.addEventListener("click", function () { sortBy(b); });
  });
  filter.addEventListener("input", apply);
  status.addEventListener("change", apply);
  apply();
})();
"""


def build_site(kb: KnowledgeBase, out_dir: str | Path, today: dt.date) -> list[Path]:
    """Write the site into ``out_dir`` (created; files are overwritten). Returns the files written."""
    out = Path(out_dir)
    (out / "states").mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def write(name: str, text: str) -> None:
        path = out / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)

    write("style.css", STYLE.lstrip())
    write("table.js", SCRIPT.lstrip())
    write("index.html", index_page(kb, today))
    write("federal.html", federal_page(kb, today))
    for code, entry in sorted(kb.by_state.items()):
        write(state_page_path(code), state_page(entry, today))
    data = dataset(kb, today)
    write("states.json", json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    write("states.schema.json", json.dumps(json_schema(), indent=2) + "\n")
    write("states.csv", to_csv(data["states"]))
    return written
