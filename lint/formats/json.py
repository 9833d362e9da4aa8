"""``--format json``: ``{version, tool, findings, waived, errors, stale_waivers, summary}``; the schema is in the README."""

from __future__ import annotations

import json

from .. import __version__

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
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
