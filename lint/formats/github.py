"""``--format github``: GitHub Actions workflow commands, one annotation per finding
(``::error file=…,line=…,col=…,endColumn=…,title=…::message``)."""

from __future__ import annotations

from .common import printable

_LEVEL = {"error": "error", "warning": "warning", "suggestion": "notice"}


def _data(s: str) -> str:
    """A command's value: %, CR and LF encoded (a name with a line break cannot start a forged
    command), and any other control character or non-UTF-8 byte shown as an escape."""
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(s)


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def render(report, **_) -> str:
    lines = []
    for f in report.findings:
        msg = f.message + (f"（建议改为“{f.suggestion}”）" if f.suggestion else "（建议删去）" if f.suggestion == "" else "")
        props = [f"file={_prop(f.path)}", f"line={f.line}", f"col={f.column}"]
        if f.end_column > f.column:
            props += [f"endLine={f.end_line}", f"endColumn={f.end_column}"]
        props.append(f"title={_prop(f'{f.code} {f.name}')}")
        lines.append(f"::{_LEVEL[f.severity]} {','.join(props)}::{_data(msg)}")
    for r in report.errors:
        lines.append(f"::error file={_prop(r.path)}::{_data('无法检查：' + r.error)}")
    for w in report.stale_waivers:
        lines.append(f"::warning file={_prop(w.origin)},line={w.line}::"
                     f"{_data(f'豁免 {w.rule}（{w.file}）已不再匹配任何问题，可以删去')}")
    return "\n".join(lines) + ("\n" if lines else "")
