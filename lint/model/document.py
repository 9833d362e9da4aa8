"""The document model every reader returns and every rule reads.

A document is a list of paragraphs in reading order. Each paragraph carries its text, the
``line`` and human ``location`` that findings report, a ``scope`` (title, heading, body, table,
header, footer, footnote), its heading level, and, for .docx, the runs with their formatting so
that later rules (layout) and reports (Word comments) can map an offset back to the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterable, Iterator

from ..text.chinese import han_count  # noqa: F401 - part of the model's interface
from ..text.numbering import Marker, parse_marker
from ..cache import compile_regex
from ..text.fastregex import fast

SCOPES = ("title", "heading", "body", "table", "header", "footer", "footnote")
TEXT_SCOPES = ("title", "heading", "body", "table")


# A sentence ends at 。！？； (or their half-width forms ! ? ;), at …… or …, and takes with it the
# closing quotes and brackets that follow (…。” belongs to the sentence before). The definition
# _SENTENCES below is tested against (tests/test_sentences.py).
_SENTENCE_END = fast(r"(?:……|…|[。！？；!?;])+[”’」』）》)\]】]*")
# A whole sentence in one match: the blanks before it (skipped), then group 1: the text up to
# and with the next run of _SENTENCE_END (…… is two …), or to the end of the paragraph. Group 1
# is empty only at the end. The same spans as cutting the text after each _SENTENCE_END.
_SENTENCES = compile_regex("[ \u3000\t\n]*([^…。！？；!?;]*(?:[…。！？；!?;]+[”’」』）》)\\]】]*|\\Z))")


class _once:
    """``functools.cached_property`` without its lock (which Python 3.11 still takes on every
    first access): computed on first access and kept in the instance's ``__dict__``, which
    later reads find before the descriptor. For attributes read once per paragraph by
    nearly every rule (``marker``, ``sentences``)."""

    def __init__(self, fn):
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


@dataclass
class Run:
    """A stretch of a .docx paragraph with uniform direct formatting."""

    start: int
    end: int
    text: str
    font_east_asia: str | None = None
    font_ascii: str | None = None
    size: float | None = None  # points
    bold: bool | None = None
    style: str | None = None
    element: Any = None  # the w:r element (lxml), for reports that annotate the source


@dataclass(slots=True)
class Sentence:
    paragraph: "Paragraph"
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.paragraph.text[self.start:self.end]


@dataclass(eq=False)
class Paragraph:
    text: str
    line: int
    location: str
    scope: str = "body"
    level: int | None = None
    style: str | None = None
    alignment: str | None = None
    runs: list[Run] = field(default_factory=list)
    element: Any = None
    table: tuple[int, int, int] | None = None  # (table, row, column), 1-based
    numbering: str = ""  # a number Word adds automatically (一、), as the reader sees it; not in text
    index: int = 0  # position in Document.paragraphs

    @_once
    def marker(self) -> Marker | None:
        """The numbering marker (一、（一）1.（1）①) this paragraph starts with, if any."""
        return parse_marker(self.text)

    @_once
    def sentences(self) -> list[Sentence]:
        """Sentences split on 。！？； …… and the paragraph end; blanks between are skipped."""
        return [Sentence(self, a, b) for a, b in (m.span(1) for m in _SENTENCES.finditer(self.text)) if a < b]

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()

    def column(self, offset: int) -> int:
        """1-based column of a character offset in this paragraph."""
        return offset + 1


@dataclass
class Document:
    path: str
    paragraphs: list[Paragraph]
    source_format: str  # "txt", "md", "docx"
    encoding: str | None = None
    docx: Any = None  # python-docx Document, for layout rules
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        for i, p in enumerate(self.paragraphs):
            p.index = i
        self._in_scope: dict = {}

    def iter(self, scopes: Iterable[str] | None = None) -> Iterator[Paragraph]:
        """Non-blank paragraphs whose scope is in ``scopes`` (all scopes when None).

        Every rule walks the document once or more, so the selection is made once per set of
        scopes and kept; readers assign scopes before the document is built and nothing
        changes them afterwards.
        """
        key = None if scopes is None else (scopes if isinstance(scopes, frozenset) else frozenset(scopes))
        got = self._in_scope.get(key)
        if got is None:
            every = self._in_scope.get(None)
            if every is None:  # the non-blank paragraphs, once; each set of scopes picks from them
                every = self._in_scope[None] = tuple(p for p in self.paragraphs if p.text.strip())
            got = every if key is None else tuple(p for p in every if p.scope in key)
            self._in_scope[key] = got
        return iter(got)

    def iter_at(self, positions, scopes: Iterable[str] | None = None) -> Iterator[Paragraph]:
        """The paragraphs of :meth:`iter` (``scopes``) whose position in ``paragraphs`` is in
        ``positions`` (a set), in document order."""
        key = None if scopes is None else (scopes if isinstance(scopes, frozenset) else frozenset(scopes))
        # Kept beside iter's selections, so that whatever resets those (a change of scopes)
        # resets these too.
        where = self._in_scope.get(("positions", key))
        if where is None:
            where = self._in_scope[("positions", key)] = frozenset(p.index for p in self.iter(key))
        paragraphs = self.paragraphs
        return (paragraphs[i] for i in sorted(where.intersection(positions)))

    @cached_property
    def paragraph_index(self):
        """Which paragraphs hold which characters (:class:`lint.text.gates.ParagraphIndex`),
        built once for every pattern that asks."""
        from ..text.gates import ParagraphIndex

        return ParagraphIndex([p.text for p in self.paragraphs], self.joined_text)

    @cached_property
    def title(self) -> Paragraph | None:
        for p in self.paragraphs:
            if p.scope == "title":
                return p
        return None

    @cached_property
    def joined_text(self) -> str:
        """Every paragraph's text, one per line: for a quick test of whether a rule can match at
        all before it walks the paragraphs."""
        return "\n".join(p.text for p in self.paragraphs)

    @cached_property
    def text_chars(self) -> int:
        """Chinese characters in the title, headings, body and tables."""
        return han_count("".join(p.text for p in self.iter(TEXT_SCOPES)))  # one long count


# --- scope assignment shared by the readers --------------------------------------------------

_TITLE_BAD_END = tuple("。！？；，、：:;,")
_HEADING_MAX = 40  # a numbered line longer than this, or with a full stop inside, is a run-in item


def classify(paragraphs: list[Paragraph], title_hint: int | None = None) -> None:
    """Assign title/heading/body scopes and heading levels to body paragraphs, in place.

    ``title_hint`` is the index of a paragraph a reader already knows is the title (a Word
    "Title" style); otherwise the first non-blank paragraph is the title when it is short, does
    not end like a sentence and is not a numbered heading. A line starting with —— right after
    the title is its subtitle (……——在……会议上的讲话) and shares the title scope.
    """
    body = [p for p in paragraphs if p.scope == "body"]
    title_idx = None
    if title_hint is not None:
        title_idx = title_hint
    else:
        for i, p in enumerate(body):
            if p.is_blank:
                continue
            t = p.text.strip()
            if (len(t) <= 60 and not t.endswith(_TITLE_BAD_END) and p.marker is None
                    and han_count(t) >= 2 and "。" not in t):
                title_idx = i
            break
    if title_idx is not None:
        body[title_idx].scope = "title"
        for p in body[title_idx + 1:]:
            if p.is_blank:
                continue
            if p.text.strip().startswith(("——", "—", "--")) and len(p.text.strip()) <= 80:
                p.scope = "title"
                continue
            break
    for p in body:
        if p.scope != "body":
            continue
        if p.level is not None:  # set from a Word heading style by the reader
            p.scope = "heading"
            continue
        m = p.marker
        if m is None:
            continue
        p.level = m.level
        rest = p.text[m.end:].strip().rstrip("。")
        if len(rest) <= _HEADING_MAX and not re.search(r"[。！？；]", rest):
            p.scope = "heading"
