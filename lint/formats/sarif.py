"""``--format sarif``: SARIF 2.1.0 (one run; one rule entry per rule that ran, with its help: why and basis;
the same text as ``gwlint explain`` and docs/rules.md).

Columns count Unicode code points (``columnKind: unicodeCodePoints``); in a .docx, ``startLine``
is the paragraph number. Waived findings are results with an external suppression carrying the
waiver; the waiver hash is the result's partial fingerprint.
"""

from __future__ import annotations

import json

from .. import __version__
from ..engine.rules import CATEGORIES
from .json import utf8

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "suggestion": "note"}


def _rule(r) -> dict:
    help_text = f"{r.why}\n\n依据：{r.basis}"
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": f"{r.code} {r.name}（{CATEGORIES[r.category][1]}）"},
        "fullDescription": {"text": r.why},
        "help": {"text": help_text, "markdown": f"{r.why}\n\n**依据**：{r.basis}"},
        "defaultConfiguration": {"level": _LEVEL[r.severity]},
        "properties": {"category": r.category, "basis": r.basis, "status": r.status,
                       "tags": [r.category, CATEGORIES[r.category][1]]},
    }


def render(report, **_) -> str:
    rules = list(report.rules)
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for res in report.results:
        for f, digest in zip(res.findings, res.fingerprints or [None] * len(res.findings)):
            region = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line,
                      "endColumn": max(f.end_column, f.column)}
            if f.text:
                region["snippet"] = {"text": f.text}
            item = {
                "ruleId": f.code,
                "level": _LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": _uri(f.path)}, "region": region},
                    "logicalLocations": [{"name": f.location, "kind": f.scope or "paragraph"}]}],
                "properties": {"category": f.category, "basis": f.basis, "location": f.location,
                               "suggestion": f.suggestion},
            }
            if f.code in index:
                item["ruleIndex"] = index[f.code]
            if digest:
                item["partialFingerprints"] = {"gwlintWaiverHash/v1": digest}
            if f.suggestion is not None and f.text:
                # The exact fix when the rule declares one (its span may differ: a deleted clause
                # takes its comma), else the suggestion over the finding's span.
                fx = getattr(f, "fix", None)
                start, end = (fx.start + 1, fx.end + 1) if fx is not None else (f.column, f.end_column)
                item["fixes"] = [{
                    "description": {"text": f"建议改为“{f.suggestion}”" if f.suggestion else "建议删去"},
                    "artifactChanges": [{"artifactLocation": {"uri": _uri(f.path)}, "replacements": [
                        {"deletedRegion": {"startLine": f.line, "startColumn": start,
                                           "endLine": f.end_line, "endColumn": end},
                         "insertedContent": {"text": fx.content if fx is not None else f.suggestion}}]}]}]
                if fx is not None:
                    item["fixes"][0]["properties"] = {"applicability": fx.applicability}
            if f.waived:
                item["suppressions"] = [{"kind": "external", "status": "accepted",
                                         "justification": "gwlint-waivers.yaml"}]
            results.append(item)
    notifications = [{"level": "error", "message": {"text": f"{r.path}: {r.error}"},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(r.path)}}}]}
                     for r in report.errors]
    notifications += [{"level": "warning", "message": {
        "text": f"豁免 {w.rule}（{w.file}，原文“{w.text}”）已不再匹配任何问题，可以删去"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(w.origin)},
                                            "region": {"startLine": w.line or 1}}}]}
        for w in report.stale_waivers]
    run = {
        "tool": {"driver": {"name": "gwlint", "version": __version__, "semanticVersion": __version__,
                            "rules": [_rule(r) for r in rules]}},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "invocations": [{"executionSuccessful": not report.errors,
                         "toolExecutionNotifications": notifications}],
    }
    doc = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(utf8(doc), ensure_ascii=False, indent=2) + "\n"


def _uri(path: str) -> str:
    """A relative path stays relative (SARIF viewers resolve it against the checkout)."""
    from pathlib import PurePath
    from urllib.parse import quote

    # A file name's bytes that are not UTF-8 (kept by Python as surrogates) are percent-encoded
    # as the bytes they are.
    if path.startswith("<"):
        return quote(path, errors="surrogateescape")
    p = PurePath(path)
    if p.is_absolute():
        return "file://" + quote(p.as_posix(), errors="surrogateescape")
    return quote(p.as_posix(), errors="surrogateescape")
