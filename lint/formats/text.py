"""``--format text``: one entry per finding, for a person at a terminal or in a CI log.

A text draft's finding starts ``path:line:column:`` (editors jump there); a Word draft's starts
``path:第N段:`` (or the table cell, header, footnote), since a column in a 300-character paragraph
helps nobody. The next line quotes a few characters around the finding with the matched text in
【】 and the suggestion. ``show_source`` prints the passage with the finding marked under it
instead (like ruff). When one rule fires more than ``GROUP_AT`` times in one draft (a draft typed
with half-width marks throughout), its findings become one entry with the count and the first
places, so that the other findings stay visible. Everything printed from a draft or a file name
passes through :func:`printable`: no control character reaches the terminal or the log.
"""

from __future__ import annotations

import unicodedata

import click

from ..model.finding import SEVERITY_LABEL
from .common import context, fix_label, for_display, printable

_COLOURS = {"error": "red", "warning": "yellow", "suggestion": "cyan"}
_MAX_QUOTE = 40
GROUP_AT = 10  # more findings than this of one rule in one draft are shown as one entry
GROUP_SHOWN = 5  # places listed in such an entry


def _quote(text: str) -> str:
    text = text.replace("\n", "⏎").replace("\t", "⇥")
    return printable(text if len(text) <= _MAX_QUOTE else text[:_MAX_QUOTE - 1] + "…")


def _suggestion(f) -> str:
    if f.suggestion is None or f.suggestion == f.text:
        return ""
    return f"建议改为“{_quote(f.suggestion)}”" if f.suggestion else "建议删去"


def by_paragraph(f) -> bool:
    """A Word draft's findings are placed by paragraph (or cell), not by line and column."""
    return f.path.lower().endswith(".docx")


def place(f) -> str:
    if not by_paragraph(f):
        return f"{f.line}:{f.column}"
    return "全文" if f.scope == "document" else printable(f.location)


def render(report, color: bool = False, verbose: bool = False, quiet: int = 0,
           show_source: bool = False, **_) -> str:
    def style(s, **kw):
        return click.style(s, **kw) if color else s

    lines: list[str] = []
    if quiet < 2:
        for r in report.results:
            if verbose and not r.error:
                lines.append(style(verbose_line(r), dim=True))
            lines += _file(for_display(r), style, show_source)
    waived = report.waived
    if waived and not quiet:
        lines.append(style(f"已豁免（{len(waived)} 处，见豁免文件）：", dim=True))
        for f in waived:
            lines.append(style(f"    {printable(f.path)}:{place(f)}: {f.code} 原文“{_quote(f.text)}”", dim=True))
    if len(report.results) > 1 and not quiet:
        lines += _table(report)
    if quiet != 1:
        lines += summary_lines(report, style)
    return "\n".join(lines) + ("\n" if lines else "")


def verbose_line(r) -> str:
    extra = f"，编码 {r.encoding}" if r.encoding else ""
    kind = f"，文种 {r.doctype}" if r.doctype else ""
    return f"{printable(r.path)}：{r.chars} 个汉字{extra}{kind}"


def summary_lines(report, style=lambda s, **_: s) -> list[str]:
    s = report.summary()
    waived = f"；另有 {s['waived']} 处已豁免" if s["waived"] else ""
    if s["findings"]:
        parts = "，".join(f"{SEVERITY_LABEL[k]} {v}" for k, v in s["by_severity"].items() if v)
        out = [f"共 {s['findings']} 处问题（{parts}），涉及 {s['files_with_findings']} 个文件，"
               f"共检查 {s['files']} 个文件{waived}。"]
        fixable = sum(1 for f in report.findings if f.fixable())
        if fixable:
            out.append(style(f"其中 {fixable} 处可用 gwlint check --fix 自动修改（Word 文稿用 --tracked 另存修订稿）；"
                             "先用 --diff 查看改动。", dim=True))
        return out
    if report.results and not report.errors:
        return [style(f"未发现问题（共检查 {s['files']} 个文件{waived}）。", fg="green")]
    return []


def _file(r, style, show_source: bool) -> list[str]:
    active = [f for f in r.findings if not f.waived]
    counts: dict[str, int] = {}
    for f in active:
        counts[f.code] = counts.get(f.code, 0) + 1
    out: list[str] = []
    done: set[str] = set()
    for f in active:
        if counts[f.code] <= GROUP_AT:
            out += _entry(r, f, style, show_source)
        elif f.code not in done:
            done.add(f.code)
            out += _group(r, [g for g in active if g.code == f.code], style)
    return out


def _head(f, style, tail: str = "") -> str:
    sev = style(f.severity, fg=_COLOURS[f.severity], bold=True)
    where = f"{printable(f.path)}:{place(f)}: "
    return f"{style(where, bold=True)}{sev} {style(f.code, bold=True)} {printable(f.message)}{tail}"


def _detail(r, f) -> str:
    """``［第3段］…前文【原文】后文…　建议改为“，”``"""
    parts = []
    if f.text:
        b, m, a = context(r.doc, f)
        if r.doc is not None and m:
            parts.append(f"{_quote(b)}【{_quote(m)}】{_quote(a)}")
        else:
            parts.append(f"原文“{_quote(f.text)}”")
    sug = _suggestion(f)
    if sug:
        parts.append(sug)
    if getattr(f, "fix", None) is not None:  # what --fix (or --unsafe-fixes) would change
        parts.append(f"［{fix_label(f)}］")
    return f"［{printable(f.location)}］" + "　".join(parts)


def _entry(r, f, style, show_source: bool) -> list[str]:
    out = [_head(f, style)]
    if show_source and r.doc is not None and f.scope != "document" and f.text:
        out += _source(r, f, style)
    else:
        out.append("    " + style(_detail(r, f), dim=True))
    return out


def _source(r, f, style) -> list[str]:
    """The passage around the finding with the finding marked under it, like ruff:

    ```
       |
     3 | 加强学习,提高效率
       |         ^ 建议改为“，”
    ```
    """
    b, m, a = context(r.doc, f)
    b, m, a = (_quote(x) for x in (b, m, a))
    gutter = printable(f.location) if by_paragraph(f) else str(f.line)
    pad = " " * _width(gutter)
    marks = "^" * max(1, _width(m))
    sug = _suggestion(f) + (f"［{fix_label(f)}］" if getattr(f, "fix", None) is not None else "")
    return [f" {pad} |", f" {gutter} | {b}{m}{a}",
            f" {pad} | {' ' * _width(b)}{style(marks, fg=_COLOURS[f.severity], bold=True)}"
            + (f" {sug}" if sug else "")]


def _group(r, fs, style) -> list[str]:
    f0 = fs[0]
    out = [_head(f0, style, f"（本文共 {len(fs)} 处，下面列出前 {GROUP_SHOWN} 处）")]
    out += ["    " + style(_detail(r, f), dim=True) for f in fs[:GROUP_SHOWN]]
    rest = fs[GROUP_SHOWN:]
    places = list(dict.fromkeys(printable(f.location) for f in rest))
    listed = "、".join(places[:8]) + ("等" if len(places) > 8 else "")
    out.append("    " + style(f"……其余 {len(rest)} 处在{listed}（--format json 或 html 列出每一处）", dim=True))
    return out


def _table(report) -> list[str]:
    """The batch summary: one row per file with its counts (files without findings included)."""
    rows = []
    for r in report.results:
        if r.error:
            rows.append((printable(r.path), "-", "-", "-", "-", "无法检查"))
            continue
        c = {k: 0 for k in SEVERITY_LABEL}
        waived = 0
        for f in r.findings:
            if f.waived:
                waived += 1
            else:
                c[f.severity] += 1
        rows.append((printable(r.path), str(c["error"]), str(c["warning"]), str(c["suggestion"]), str(waived),
                     "有问题" if any(c.values()) else "通过"))
    width = max(_width(r[0]) for r in rows)
    head = ("文件", "错误", "警告", "建议", "已豁免", "结果")
    out = ["", _pad(head[0], width) + "  " + "  ".join(h for h in head[1:])]
    for row in rows:
        nums = "  ".join(v.rjust(_width(h)) for v, h in zip(row[1:5], head[1:5]))
        out.append(_pad(row[0], width) + "  " + nums + "  " + row[5])
    out.append("")
    return out


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, width: int) -> str:
    return s + " " * (width - _width(s))
