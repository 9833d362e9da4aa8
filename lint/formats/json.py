"""``--format json``: ``{version, tool, findings, waived, errors, stale_waivers, summary}``; the schema is in the README."""

from __future__ import annotations

import json

from .. import __version__
from .common import valid_text

SCHEMA_VERSION = 1


def render(report, **_) -> str:
    out = {
        "version": SCHEMA_VERSION,
        "tool": {"name": "gwlint", "version": __version__},
        "findings": [f.as_dict() for f in report.findings],
        "waived": [f.as_dict() for f in report.waived],
        "errors": [{"path": r.path, "message": r.error} for r in report.errors],
        "stale_waivers": [{"waivers": w.origin, "line": w.line, "rule": w.rule, "file": w.file,
                           "hash": w.hash, "text": w.text, "reason": w.reason} for w in report.stale_waivers],
        "summary": report.summary(),
    }
    return json.dumps(utf8(out), ensure_ascii=False, indent=2) + "\n"


def utf8(value):
    """``value`` with every string encodable as UTF-8: a file name's bytes that are not UTF-8
    become ``\\xNN`` text (JSON has no way to carry them, and one would make the output invalid)."""
    if isinstance(value, str):
        return valid_text(value)
    if isinstance(value, dict):
        return {utf8(k): utf8(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [utf8(v) for v in value]
    return value
