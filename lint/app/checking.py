"""Check one draft: read it, decide its document type, run its rules, drop allowed terms."""

from __future__ import annotations

from pathlib import Path

from ..analysis.document_type import infer
from ..config.settings import Settings
from ..engine.rules import check_document
from ..errors import InputError
from ..model.report import FileResult
from ..policy.selection import rules_for_file
from ..policy.waivers import LazyFingerprints
from ..readers import read_path, read_stdin
from . import split


def _allowed(finding, paragraph, terms: list[str]) -> bool:
    """True when the finding's text is an allowed term or lies inside one in its paragraph."""
    if not finding.text or paragraph is None:
        return False
    if finding.text in terms:
        return True
    s, e = finding.column - 1, finding.end_column - 1
    text = paragraph.text
    for term in terms:
        i = text.find(term, max(0, e - len(term)))
        while i != -1 and i <= s:
            if i + len(term) >= e:
                return True
            i = text.find(term, i + 1)
    return False


def _one_per_slip(findings: list) -> list:
    """Drop a finding that repeats one of another rule of its category: the same span and the
    same suggestion (迫不急待 is both a listed common misspelling, WD001, and an idiom near-miss,
    WD009), or a span inside the other's on the same line whose suggestion makes the same text
    (励→厉 inside 再接再励→再接再厉). The rule listed first in the sorted findings (the lower code,
    or the earlier start) keeps it; ignore that rule and the other reports it."""
    seen: set = set()
    kept: dict = {}  # (path, line, category) -> the kept findings with a suggestion there
    out = []
    for f in findings:
        if f.suggestion is not None:
            key = (f.path, f.line, f.column, f.end_line, f.end_column, f.category, f.suggestion)
            here = kept.setdefault((f.path, f.line, f.category), [])
            if key in seen or any(_same_fix(f, g) or _same_fix(g, f) for g in here):
                continue
            seen.add(key)
            here.append(f)
        out.append(f)
    return out


def _same_fix(inner, outer) -> bool:
    """Whether ``inner`` lies within ``outer`` (one line) and its suggestion, put in place in
    ``outer``'s text, gives ``outer``'s suggestion."""
    if inner.end_line != inner.line or outer.end_line != outer.line:
        return False
    a = inner.column - outer.column
    b = a + len(inner.text)
    if a < 0 or b > len(outer.text) or outer.text[a:b] != inner.text:
        return False
    return outer.text[:a] + inner.suggestion + outer.text[b:] == outer.suggestion


def _relative(path: Path, root: Path | None) -> str | None:
    """``path`` relative to the configuration's folder, with / separators (None: outside it)."""
    try:
        return path.resolve().relative_to(root).as_posix() if root else path.as_posix()
    except ValueError:
        return None


def check_one(display: str, path: Path | None, rules, settings: Settings,
              stdin_data: bytes | None = None, timing: dict | None = None, workers: int = 1) -> FileResult:
    try:
        doc = (read_stdin(stdin_data or b"", display, settings.max_bytes) if path is None
               else read_path(path, display, settings.max_bytes))
    except InputError as exc:
        return FileResult(display, error=exc.reason)
    return check_read(display, doc, rules, settings, timing, workers)


def check_read(display: str, doc, rules, settings: Settings, timing: dict | None = None,
               workers: int = 1) -> FileResult:
    """Check a document already read (also how lint.app.fixing re-checks a fixed text).
    ``workers`` > 1: a large draft may share its rules with a forked worker (lint.app.split)."""
    if settings.per_file_ignores:  # the display name is the path as given (or --stdin-filename)
        rules = rules_for_file(rules, settings.per_file_ignores, _relative(Path(display), settings.root),
                               Path(display).name)
    doc.meta["doctype"] = settings.doctype or infer(doc)
    doc.meta["public"] = settings.public
    if timing is None and split.can_split(doc, workers):
        findings = split.check_split(doc, rules, settings.severities)
    else:
        findings = check_document(doc, rules, settings.severities, timing)
    findings = _one_per_slip(findings)
    if settings.allow:
        by_line = {p.line: p for p in doc.paragraphs}
        findings = [f for f in findings if not _allowed(f, by_line.get(f.line), settings.allow)]
    return FileResult(display, findings, encoding=doc.encoding, doctype=doc.meta["doctype"],
                      chars=doc.text_chars, doc=doc, fingerprints=LazyFingerprints(findings, doc),
                      config=str(settings.config_path) if settings.config_path else None)


