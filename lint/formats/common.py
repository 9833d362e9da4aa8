"""What the report formats for people (HTML, Markdown) share: grouping and quoting."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..engine.rules import CATEGORIES
from ..model.finding import SEVERITIES, SEVERITY_LABEL, SEVERITY_RANK
from ..cache import compile_regex

CONTEXT = 14  # characters shown on each side of a finding in a quote


def groups(findings) -> list[tuple[str, list]]:
    """Findings by rule, the most serious and then the rarest first: the one placeholder comes
    before three hundred half-width commas."""
    by_code: dict[str, list] = {}
    for f in findings:
        by_code.setdefault(f.code, []).append(f)
    return sorted(by_code.items(),
                  key=lambda kv: (-SEVERITY_RANK[kv[1][0].severity], len(kv[1]), kv[0]))


def by_category(findings) -> list[tuple[str, str, dict[str, int]]]:
    """(category, Chinese label, {severity: count}) for each category with findings."""
    counts: dict[str, Counter] = {}
    for f in findings:
        counts.setdefault(f.category, Counter())[f.severity] += 1
    return [(c, CATEGORIES.get(c, ("", c))[1], {s: counts[c].get(s, 0) for s in SEVERITIES})
            for c in sorted(counts, key=lambda c: (-sum(counts[c].values()), c))]


def paragraph_of(doc, finding):
    """The (first) paragraph of ``doc`` on the finding's line."""
    if doc is None or finding.scope == "document":
        return None
    by_line = doc.__dict__.get("_gwlint_by_line")  # made once per document for a report's findings
    if by_line is None or by_line[0] is not doc.paragraphs or by_line[1] != len(doc.paragraphs):
        lines: dict = {}
        for p in doc.paragraphs:
            lines.setdefault(p.line, p)
        by_line = doc.__dict__["_gwlint_by_line"] = (doc.paragraphs, len(doc.paragraphs), lines)
    return by_line[2].get(finding.line)


def for_display(result):
    """The result with the document as a report may print it: the values of personal data that
    findings mask (identity, phone, card numbers) are masked in the draft's text too."""
    if result.doc is None:
        return result
    return replace(result, doc=result.doc_for_report())


def context(doc, finding) -> tuple[str, str, str]:
    """(before, matched, after), shortened with … to a few characters on each side."""
    p = paragraph_of(doc, finding)
    if p is None:
        return "", finding.text, ""
    s, e = finding.column - 1, finding.end_column - 1
    before = p.text[max(0, s - CONTEXT):s]
    after = p.text[e:e + CONTEXT]
    if s - CONTEXT > 0:
        before = "…" + before
    if e + CONTEXT < len(p.text):
        after = after + "…"
    matched = p.text[s:e]
    if len(matched) > 2 * CONTEXT + 6:  # a whole sentence: its start and end are enough
        matched = matched[:CONTEXT] + "……" + matched[-6:]
    return before, matched, after


def suggestion_text(f) -> str:
    if f.suggestion is None:
        return ""
    return f"建议改为“{f.suggestion}”" if f.suggestion else "建议删去"


FIX_LABEL = {"safe": "可自动修改", "unsafe": "改法需确认"}
FIX_HELP = {"safe": "gwlint check --fix 会直接改正", "unsafe": "加 --unsafe-fixes 才会修改：改法通常正确，但需人工确认"}


def fix_label(f) -> str:
    """“可自动修改”/“改法需确认” for a finding with an exact fix, else ""."""
    return FIX_LABEL[f.fix.applicability] if getattr(f, "fix", None) is not None else ""


def severity_counts(findings) -> dict[str, int]:
    c = Counter(f.severity for f in findings)
    return {s: c.get(s, 0) for s in SEVERITIES}


def rules_shown(report) -> list:
    """The rules that have a finding (waived included) in the report, in code order."""
    codes = {f.code for r in report.results for f in r.findings}
    return [r for r in report.rules if r.code in codes]


def sev_label(s: str) -> str:
    return SEVERITY_LABEL[s]


def category_label(c: str) -> str:
    return CATEGORIES.get(c, ("", c))[1]


# --- names and text safe to print ----------------------------------------------------------------

def _escape_char(ch: str) -> str:
    o = ord(ch)
    if 0xDC80 <= o <= 0xDCFF:  # a byte that is not UTF-8, kept by the file system (surrogateescape)
        return f"\\x{o - 0xDC00:02x}"
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch) or (f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}")


def _unsafe(ch: str) -> bool:
    o = ord(ch)
    return (o < 0x20 or 0x7F <= o < 0xA0 or 0xD800 <= o < 0xE000 or o in (0x2028, 0x2029)
            or 0x202A <= o <= 0x202E or 0x2066 <= o <= 0x2069)


# The characters _unsafe names, as one class: a text without any is found in one search in C.
_UNSAFE = compile_regex("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SURROGATE = compile_regex("[\ud800-\udfff]")


def printable(s) -> str:
    """``s`` with every character that could act on a terminal or a log (control characters,
    escape sequences, line and bidirectional-override marks) or that is not text (a file name's
    bytes that are not UTF-8) written as a visible escape: ``\\n``, ``\\x1b``, ``\\xff``."""
    s = str(s)
    if _UNSAFE.search(s) is None:
        return s
    return "".join(_escape_char(ch) if _unsafe(ch) else ch for ch in s)


def valid_text(s) -> str:
    """``s`` encodable as UTF-8 (for JSON and SARIF): bytes that are not UTF-8 become ``\\xNN``."""
    s = str(s)
    if _SURROGATE.search(s) is None:
        return s
    return "".join(_escape_char(ch) if 0xD800 <= ord(ch) < 0xE000 else ch for ch in s)
