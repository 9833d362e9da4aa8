"""The neutral record every output format renders: per-file results and a summary."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .finding import SEVERITIES, Finding


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    encoding: str | None = None
    doctype: str | None = None
    chars: int = 0
    doc: Any = None  # the Document, kept for reports that show the text
    # waiver hash of each finding: a list, or lint.policy.waivers.LazyFingerprints (reads as one)
    fingerprints: list[str] = field(default_factory=list)
    config: str | None = None  # the configuration file that applied
    internal: bool = False  # the error is gwlint's fault (a check crashed), not the draft's

    def doc_for_report(self, quoted: bool = False):
        """A copy of the document with only what reports show (text, line, location, scope): it
        can cross a process boundary, which the python-docx objects cannot. ``quoted``: only
        the paragraphs on the findings' lines, all a report that quotes each finding's passage
        needs (the text report), so that a worker sends back a few lines, not the whole draft."""
        from .document import Document, Paragraph

        d = self.doc
        masked = self._masked_spans()
        lines = {f.line for f in self.findings} if quoted else None
        paras = [Paragraph(text=_mask(p.text, masked[p.line]) if p.line in masked else p.text,
                           line=p.line, location=p.location,
                           scope=p.scope, level=p.level, table=p.table)
                 for p in d.paragraphs if lines is None or p.line in lines]
        return Document(path=d.path, paragraphs=paras, source_format=d.source_format,
                        encoding=d.encoding,
                        meta={k: v for k, v in d.meta.items() if isinstance(v, (str, int, float, bool, type(None)))})


    def _masked_spans(self) -> dict[int, list[tuple[int, int, str]]]:
        """Spans whose finding shows a masked value (personal data): reports that print the
        draft's text must print the mask there too, never the value."""
        by_line = {p.line: p for p in self.doc.paragraphs}
        spans: dict[int, list[tuple[int, int, str]]] = {}
        for f in self.findings:
            p = by_line.get(f.line)
            s, e = f.column - 1, f.end_column - 1
            if p is not None and e > s and p.text[s:e] != f.text:
                spans.setdefault(f.line, []).append((s, e, f.text))
        return spans


def _mask(text: str, spans) -> str:
    """``text`` with each (start, end, shown) span replaced by ``shown`` stretched or shrunk to
    the span's length (offsets of other findings must not move)."""
    for s, e, shown in sorted(spans, reverse=True):
        n = e - s
        stars = shown.count("*")
        keep = len(shown) - stars
        if stars and n >= keep:
            first = shown.index("*")
            shown = shown[:first] + "*" * (n - keep) + shown[first + stars:]
        else:
            shown = "*" * n
        text = text[:s] + shown + text[e:]
    return text


@dataclass
class Report:
    results: list[FileResult]
    fail_level: str = "warning"
    rules: list = field(default_factory=list)
    timing: dict[str, float] | None = None
    stale_waivers: list = field(default_factory=list)  # lint.policy.waivers.Waiver entries matching nothing
    waivers_path: str | None = None
    excluded: list[str] = field(default_factory=list)  # files skipped by the configuration's exclude

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings if not f.waived]

    @property
    def waived(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings if f.waived]

    @property
    def errors(self) -> list[FileResult]:
        return [r for r in self.results if r.error]

    @property
    def internal_errors(self) -> list[FileResult]:
        """Drafts whose check failed through a fault of gwlint's (exit code 3, not 2)."""
        return [r for r in self.results if r.error and r.internal]

    def summary(self) -> dict[str, Any]:
        fs = self.findings
        by_sev = Counter(f.severity for f in fs)
        return {
            "files": len(self.results),
            "files_with_findings": sum(1 for r in self.results if any(not f.waived for f in r.findings)),
            "files_with_errors": len(self.errors),
            "findings": len(fs),
            "waived": len(self.waived),
            "by_severity": {s: by_sev.get(s, 0) for s in SEVERITIES},
            "by_category": dict(sorted(Counter(f.category for f in fs).items())),
            "by_rule": dict(sorted(Counter(f.code for f in fs).items())),
            "stale_waivers": len(self.stale_waivers),
        }

    def rule(self, code: str):
        return next((r for r in self.rules if r.code == code), None)
