"""``--format html``: one self-contained review report (inline CSS and SVG; no script, no font,
nothing fetched from the network), rendered from the Jinja2 template ``templates/report.html.j2``
with the style sheet ``templates/report.css`` (both package data).

A summary with a chart by category and severity; with several files, an index of the files;
for each file, the findings grouped by rule (most serious and rarest first, so the one
placeholder is not buried under three hundred commas; a rule with more than ``_OPEN_LIMIT``
findings lists its first places and counts the rest), then the draft's text with every finding
highlighted in place and its note beside the paragraph (a Word table as a table, its notes under
it); waived findings apart; at the end, the explanation of every rule that has a finding. The
filters at the top hide suggestions or warnings with CSS alone. This module prepares the data;
the template lays it out.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .. import __version__
from ..model.finding import SEVERITIES, SEVERITY_RANK
from .common import (FIX_HELP, by_category, category_label, context, fix_label, for_display, groups, printable,
                     rules_shown, sev_label, severity_counts, suggestion_text, valid_text)
from .ruledocs import STATUS_LABEL

TEMPLATES = Path(__file__).resolve().parent / "templates"
_OPEN_LIMIT = 10  # a rule group with more findings than this starts folded and lists only these
_LONG_SPAN = 30  # a finding longer than this (a whole sentence) is underlined, not filled
_COLORS = {"error": "#c62828", "warning": "#e0a100", "suggestion": "#1565c0"}


def _finalize(value):
    """Every value the template prints: a draft's or a file name's text prints as text, with no
    control character and no byte that is not UTF-8 (markup the template built stays as is)."""
    import markupsafe

    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return printable(valid_text(value))
    return value


@lru_cache(maxsize=1)
def _env():
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined,
                             # whatever a draft or a file name holds prints as text: no control
                             # character, no byte that is not UTF-8
                             finalize=_finalize)
    env.filters["sev_label"] = sev_label
    env.filters["category_label"] = category_label
    env.globals["status_label"] = STATUS_LABEL
    return env


def render(report, **_) -> str:
    files = [r for r in report.results if not r.error]
    findings = report.findings
    page = {
        "version": __version__,
        "files_checked": len(report.results),
        "chars": sum(r.chars for r in files),
        "cards": [(s, n) for s, n in severity_counts(findings).items()],
        "waived": len(report.waived),
        "chart": _chart(by_category(findings)),
        "by_rule": [(code, fs[0], len(fs)) for code, fs in groups(findings)],
        "errors": report.errors,
        "index": _index(report) if len(report.results) > 1 else [],
        "files": [_file(fi, for_display(r)) for fi, r in enumerate(report.results) if not r.error],
        "stale": report.stale_waivers,
        "rules": _rules(report),
    }
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    return _env().get_template("report.html.j2").render(page=page, css=css)


def _index(report) -> list[dict]:
    """One row per file of a multi-file report, with its counts and a link to its section."""
    rows = []
    for fi, r in enumerate(report.results):
        active = [f for f in r.findings if not f.waived]
        rows.append({"id": f"file-{fi}", "path": r.path, "error": r.error, "counts": severity_counts(active),
                     "waived": len(r.findings) - len(active)})
    return rows


def _chart(cats) -> dict | None:
    """A horizontal bar per category, stacked by severity (laid out here, drawn as SVG by the template)."""
    if not cats:
        return None
    row, label_w, bar_w = 26, 120, 420
    top = max(sum(c.values()) for _, _, c in cats)
    bars = []
    for i, (_, label, counts) in enumerate(cats):
        y = i * row + 4
        x = float(label_w)
        rects = []
        for s in SEVERITIES:
            if counts[s]:
                w = max(2.0, bar_w * counts[s] / top)
                rects.append({"x": f"{x:.1f}", "w": f"{w:.1f}", "color": _COLORS[s], "sev": s, "n": counts[s]})
                x += w
        bars.append({"y": y, "label": label, "rects": rects, "total": sum(counts.values()), "end": f"{x + 6:.1f}"})
    ly = len(cats) * row + 16
    legend = [{"x": label_w + 70 * i, "y": ly, "color": _COLORS[s], "sev": s} for i, s in enumerate(SEVERITIES)]
    return {"width": label_w + bar_w + 60, "height": row * len(cats) + 30, "label_w": label_w,
            "bars": bars, "legend": legend}


def _fid(fi: int, n: int) -> str:
    return f"f{fi}-{n}"


def _file(fi: int, r) -> dict:
    active = [f for f in r.findings if not f.waived]
    number = {id(f): n for n, f in enumerate(active, start=1)}
    meta = [f"{r.chars} 个汉字"] + ([f"文种 {r.doctype}"] if r.doctype else []) \
        + ([f"编码 {r.encoding}"] if r.encoding else [])
    rule_groups = []
    for code, fs in groups(active):
        items = []
        for f in fs[:_OPEN_LIMIT] if len(fs) > _OPEN_LIMIT else fs:
            b, m, a = context(r.doc, f)
            items.append({"f": f, "href": _fid(fi, number[id(f)]), "quote": (b, m, a) if m else None,
                          "sug": suggestion_text(f), "fix": _fix(f)})
        rest = fs[_OPEN_LIMIT:] if len(fs) > _OPEN_LIMIT else []
        places = list(dict.fromkeys(f.location for f in rest))
        rule_groups.append({"code": code, "f": fs[0], "n": len(fs), "open": len(fs) <= _OPEN_LIMIT,
                            "shown": items, "rest": len(rest),
                            "rest_places": "、".join(places[:12]) + ("等" if len(places) > 12 else "")})
    return {"id": f"file-{fi}", "path": r.path, "meta": "，".join(meta), "active": len(active),
            "fix_counts": _fix_counts(active),
            "waived": [f for f in r.findings if f.waived], "groups": rule_groups,
            "draft": _draft(fi, r, active, number) if r.doc is not None else None}


def _draft(fi: int, r, active, number) -> list[dict]:
    """The draft as blocks: a paragraph with its notes, or a Word table (rows of cells, each
    cell its paragraphs) with the notes of its cells under it."""
    by_line: dict[int, list] = {}
    whole = []
    for f in active:
        if f.scope == "document":
            whole.append(f)
        else:
            by_line.setdefault(f.line, []).append(f)
    blocks: list[dict] = []
    title = r.doc.title
    for p in r.doc.paragraphs:
        fs = by_line.get(p.line, [])
        notes = list(fs)
        if p is title or (title is None and whole and p is r.doc.paragraphs[0]):
            notes = whole + notes
        table = getattr(p, "table", None)
        if table is not None and p.scope == "table":
            _add_to_table(blocks, fi, p, fs, notes, number)
            continue
        if p.is_blank and not notes:
            continue
        blocks.append({"kind": "para", "cls": f"para scope-{p.scope}" + (" has" if notes else ""),
                       "ln": p.line if p.location.startswith("第") else p.location, "location": p.location,
                       "pieces": _highlight(fi, p.text, fs, number), "notes": _notes(fi, notes, number)})
    for b in blocks:
        if b["kind"] == "table":
            b["rows"] = _spans(b["rows"])
    return blocks


def _spans(rows: dict) -> list[list[dict]]:
    """Rows of cells in order; a merged cell (the reader skips the grid columns it covers)
    spans them, so the table keeps its shape."""
    width = max((max(cells) for cells in rows.values()), default=0)
    out = []
    for r in sorted(rows):
        cols = sorted(rows[r])
        row = []
        for i, c in enumerate(cols):
            end = cols[i + 1] if i + 1 < len(cols) else width + 1
            row.append({**rows[r][c], "span": max(1, end - c)})
        out.append(row)
    return out


def _add_to_table(blocks, fi, p, fs, notes, number) -> None:
    t, row, col = p.table
    last = blocks[-1] if blocks else None
    if last is None or last["kind"] != "table" or last["t"] != t:
        last = {"kind": "table", "t": t, "rows": {}, "notes": []}
        blocks.append(last)
    cell = last["rows"].setdefault(row, {}).setdefault(col, {"paras": [], "has": False})
    cell["paras"].append(_highlight(fi, p.text, fs, number))
    cell["has"] = cell["has"] or bool(notes)
    if notes:
        last["notes"].append({"location": p.location, "notes": _notes(fi, notes, number)})


def _highlight(fi: int, text: str, fs, number) -> list[dict]:
    """The paragraph as pieces: plain text, marked text (each piece marked with the most serious
    finding over it, overlapping findings splitting the text), anchors and reference numbers."""
    if not fs:
        return [{"kind": "text", "text": text}]
    spans = [(f.column - 1, max(f.end_column - 1, f.column - 1), f) for f in fs]
    cuts = sorted({0, len(text), *[s for s, _, _ in spans], *[e for _, e, _ in spans]})
    starts: dict[int, list] = {}
    ends: dict[int, list] = {}
    for s, e, f in spans:
        starts.setdefault(s, []).append(f)
        ends.setdefault(e, []).append(f)
    out: list[dict] = []

    def refs(fs_):
        for f in sorted(fs_, key=lambda f: number[id(f)]):
            out.append({"kind": "ref", "sev": f.severity, "n": number[id(f)], "fi": fi})

    for i, a in enumerate(cuts):
        for f in starts.get(a, []):
            out.append({"kind": "anchor", "id": _fid(fi, number[id(f)])})
        refs([f for f in ends.get(a, []) if f.end_column <= f.column])  # empty span: mark the spot
        if i + 1 == len(cuts):
            break
        b = cuts[i + 1]
        over = [f for s, e, f in spans if s <= a and e >= b and e > s]
        if over:
            top = max(over, key=lambda f: SEVERITY_RANK[f.severity])
            long_ = all(f.end_column - f.column > _LONG_SPAN for f in over)
            out.append({"kind": "mark", "cls": top.severity + (" long" if long_ else ""), "text": text[a:b],
                        "title": "；".join(f"{f.code} {f.message}" for f in over)})
        elif b > a:
            out.append({"kind": "text", "text": text[a:b]})
        refs([f for f in ends.get(b, []) if f.end_column > f.column])
    return out


def _notes(fi: int, fs, number) -> list[dict]:
    """Notes beside a paragraph; several findings of one rule share one note (the reference
    numbers of a long run folded after five)."""
    out = []
    for code, group in groups(fs):
        f = group[0]
        refs = [{"n": number[id(g)], "href": _fid(fi, number[id(g)]), "id": f"n{fi}-{number[id(g)]}"}
                for g in group]
        shown, hidden, more = refs, [], 0
        if len(refs) > 6:
            shown, hidden, more = refs[:5] + [refs[-1]], refs[5:-1], len(refs) - 6
        if len(group) == 1:
            body, sug = f.message, suggestion_text(f)
        else:
            distinct = list(dict.fromkeys(g.text for g in group))
            texts = "、".join(f"“{t}”" for t in distinct[:8]) + ("等" if len(distinct) > 8 else "")
            body, sug = f"本段 {len(group)} 处：{texts}。{f.message}", ""
        out.append({"code": code, "f": f, "refs": shown, "hidden": hidden, "more": more, "body": body, "sug": sug,
                    "fix": _fix(f)})
    return out


def _fix(f) -> dict | None:
    """The badge of a finding that ``--fix`` (or ``--unsafe-fixes``) would change."""
    label = fix_label(f)
    if not label:
        return None
    return {"kind": f.fix.applicability, "label": label, "help": FIX_HELP[f.fix.applicability]}


def _fix_counts(findings) -> str:
    """“，其中 N 处可自动修改、M 处改法需确认” for the file's line, or ""."""
    safe = sum(1 for f in findings if f.fix is not None and f.fix.applicability == "safe")
    unsafe = sum(1 for f in findings if f.fix is not None and f.fix.applicability == "unsafe")
    parts = ([f"{safe} 处可自动修改（gwlint check --fix）"] if safe else []) + ([f"{unsafe} 处改法需确认"] if unsafe else [])
    return "，其中 " + "、".join(parts) if parts else ""


def _rules(report) -> list[dict]:
    from .ruledocs import _example_text

    return [{"r": r, "fail": [_example_text(e) for e in r.examples["fail"][:3]],
             "pass": [_example_text(e) for e in r.examples["pass"][:3]]} for r in rules_shown(report)]
