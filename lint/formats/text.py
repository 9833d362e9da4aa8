"""``--format text``: ``path:line:column: severity CODE message``, then the matched text and the
suggestion on an indented line; coloured when writing to a terminal."""

from __future__ import annotations

import click

from ..model.finding import SEVERITY_LABEL
from .common import fix_label

_COLOURS = {"error": "red", "warning": "yellow", "suggestion": "cyan"}
_MAX_QUOTE = 40


def _quote(text: str) -> str:
    text = text.replace("\n", "⏎").replace("\t", "⇥")
    return text if len(text) <= _MAX_QUOTE else text[:_MAX_QUOTE - 1] + "…"


def render(report, color: bool = False, verbose: bool = False, **_) -> str:
    def style(s, **kw):
        return click.style(s, **kw) if color else s

    lines: list[str] = []
    for r in report.results:
        if verbose and not r.error:
            extra = f"，编码 {r.encoding}" if r.encoding else ""
            kind = f"，文种 {r.doctype}" if r.doctype else ""
            lines.append(style(f"{r.path}：{r.chars} 个汉字{extra}{kind}", dim=True))
        for f in r.findings:
            if f.waived:
                continue
            head = f"{f.path}:{f.line}:{f.column}: "
            sev = style(f.severity, fg=_COLOURS[f.severity], bold=True)
            lines.append(f"{style(head, bold=True)}{sev} {style(f.code, bold=True)} {f.message}")
            detail = []
            if f.text:
                detail.append(f"原文“{_quote(f.text)}”")
            if f.suggestion is not None:
                detail.append(f"建议改为“{_quote(f.suggestion)}”" if f.suggestion else "建议删去")
            if getattr(f, "fix", None) is not None:
                detail.append(f"［{fix_label(f)}］")
            loc = f"［{f.location}］"
            lines.append("    " + style(loc + "　".join(detail), dim=True))
    waived = report.waived
    if waived:
        lines.append(style(f"已豁免（{len(waived)} 处，见豁免文件）：", dim=True))
        for f in waived:
            lines.append(style(f"    {f.path}:{f.line}:{f.column}: {f.code} 原文“{_quote(f.text)}”", dim=True))
    if len(report.results) > 1:
        lines += _table(report)
    s = report.summary()
    if s["findings"] or s["waived"]:
        by = s["by_severity"]
        parts = "，".join(f"{SEVERITY_LABEL[k]} {v}" for k, v in by.items() if v)
        waived = f"；另有 {s['waived']} 处已豁免" if s["waived"] else ""
        lines.append(f"共 {s['findings']} 处问题（{parts}），涉及 {s['files_with_findings']} 个文件，"
                     f"共检查 {s['files']} 个文件{waived}。")
        fixable = sum(1 for f in report.findings if f.fixable())
        if fixable:
            lines.append(style(f"其中 {fixable} 处可用 gwlint check --fix 自动修改（Word 文稿用 --tracked 另存修订稿）；"
                               "先用 --diff 查看改动。", dim=True))
    elif report.results and not report.errors:
        lines.append(style(f"未发现问题（共检查 {s['files']} 个文件）。", fg="green"))
    return "\n".join(lines) + ("\n" if lines else "")


def _table(report) -> list[str]:
    """The batch summary: one row per file with its counts (files without findings included)."""
    rows = []
    for r in report.results:
        if r.error:
            rows.append((r.path, "-", "-", "-", "-", "无法检查"))
            continue
        c = {k: 0 for k in SEVERITY_LABEL}
        waived = 0
        for f in r.findings:
            if f.waived:
                waived += 1
            else:
                c[f.severity] += 1
        rows.append((r.path, str(c["error"]), str(c["warning"]), str(c["suggestion"]), str(waived),
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
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, width: int) -> str:
    return s + " " * (width - _width(s))
