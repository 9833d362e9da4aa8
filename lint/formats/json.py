"""``--format json``: ``{version, tool, findings, errors, summary}``; the schema is in the README."""

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
        "summary": report.summary(),
    }
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
