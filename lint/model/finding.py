"""Findings: what a rule reports (a Hit) and what the engine makes of it (a Finding)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from .document import Paragraph

SEVERITIES = ("error", "warning", "suggestion")
SEVERITY_RANK = {"error": 3, "warning": 2, "suggestion": 1}
SEVERITY_LABEL = {"error": "错误", "warning": "警告", "suggestion": "建议"}


@dataclass
class Hit:
    """A bare finding from a rule: where (paragraph and character span) and the facts to report.

    ``paragraph`` None means the whole document. ``data`` fills the rule's message template;
    ``suggestion`` is the text to write instead, if there is one; when the rule declares
    ``fix:``, it replaces exactly ``start``..``end``, or the span ``replace`` (``unsafe`` marks one
    hit's replacement as needing a reader). ``shown`` replaces the matched
    text in the finding (``Finding.text`` and the message's ``{text}``): the secrecy rules set it
    to the masked value so that a report never repeats personal data.
    """

    paragraph: Paragraph | None
    start: int = 0
    end: int = 0
    suggestion: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    shown: str | None = None
    unsafe: bool = False  # this hit's suggestion needs a reader even when the rule's fix is safe
    replace: tuple[int, int] | None = None  # the span the suggestion replaces, when not start..end


FIX_SAFETY = ("safe", "unsafe")


@dataclass
class Fix:
    """An exact replacement: characters ``start``..``end`` (0-based, end exclusive) of the
    finding's paragraph become ``content``. ``applicability`` is ``safe`` (always right, applied
    by ``--fix``) or ``unsafe`` (usually right, applied only with ``--unsafe-fixes``)."""

    start: int
    end: int
    content: str
    applicability: str = "safe"
    word: bool = False  # a listed word: safe only where the text's word segmentation agrees


@dataclass
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    location: str
    code: str
    name: str
    category: str
    severity: str
    message: str
    text: str
    suggestion: str | None
    basis: str
    scope: str = ""
    waived: bool = False
    fix: Fix | None = None

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code)

    def as_dict(self) -> dict[str, Any]:
        # Field by field, as dataclasses.asdict would give it, without its deep copies (a report
        # of thousands of findings spent a fifth of its time there).
        d = {f: getattr(self, f) for f in _FINDING_FIELDS}
        d["fix"] = None if self.fix is None else {f: getattr(self.fix, f) for f in _FIX_FIELDS}
        return d

    def fixable(self, unsafe: bool = False) -> bool:
        """The finding has a fix that ``--fix`` applies (with ``--unsafe-fixes``: any fix)."""
        return self.fix is not None and not self.waived and (unsafe or self.fix.applicability == "safe")


_FINDING_FIELDS = tuple(f.name for f in fields(Finding) if f.name not in ("waived", "fix"))
_FIX_FIELDS = tuple(f.name for f in fields(Fix))
