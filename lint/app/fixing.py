"""Apply the fixes of findings to a draft's text: ``--fix``, ``--diff`` and the tracked copy.

A finding whose rule declares ``fix:`` carries a :class:`lint.model.finding.Fix`: characters
``start``..``end`` of its paragraph become ``content``. Applying them:

* Only safe fixes, unless ``unsafe``; never a waived finding's.
* Overlapping fixes are resolved in a fixed order (line, start, end, rule code, content): the
  first wins, the others wait for the next pass. Two insertions at one place, or an insertion at
  the start of a replacement, count as overlapping (their order would be a guess).
* The fixed text is read and checked again, and fixed again, until no fix applies (at most
  ``MAX_PASSES`` passes; a text that comes back to an earlier state stops the loop). So fixing
  twice gives the text fixing once gives, and the last check is the report of what is left.

A text draft keeps its bytes' encoding (with or without a BOM) and every line ending; a file
whose text would not encode back to exactly its bytes (a damaged UTF-8 file read with
replacement characters) is not fixed.
"""

from __future__ import annotations

import codecs
import dataclasses
import difflib
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..errors import InputError
from ..model.document import Document, Paragraph

MAX_PASSES = 10
FIX_SCOPES = ("title", "heading", "body", "table")  # where a .docx copy can carry revisions

_BOMS = [(codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]


@dataclass(frozen=True, order=True)
class Edit:
    line: int
    start: int
    end: int
    code: str
    content: str


@dataclass
class Outcome:
    """What fixing one draft did. ``texts``/``fixed``: each line's (paragraph's) text before and
    after; ``applied``: the edits of each pass; ``first``: the findings of the first check (with
    ``waived`` set); ``remaining``: the findings of the last check."""

    path: str
    texts: dict[int, str]
    fixed: dict[int, str]
    applied: list[list[Edit]] = field(default_factory=list)
    first: list = field(default_factory=list)
    remaining: list = field(default_factory=list)
    stable: bool = True
    data: bytes | None = None  # a text draft: the fixed file's bytes
    original: bytes | None = None
    last: object = None  # the FileResult of the last check

    @property
    def changed(self) -> bool:
        return self.fixed != self.texts

    def counts(self) -> Counter:
        return Counter(e.code for edits in self.applied for e in edits)


# --- choosing and applying edits -------------------------------------------------------------

def _overlap(a: Edit, b: Edit) -> bool:
    return a.line == b.line and (a.start < b.end and b.start < a.end or a.start == b.start)


def select_edits(findings: Iterable, unsafe: bool = False, lines: set[int] | None = None,
                 protected: set | None = None, texts: dict[int, str] | None = None) -> list[Edit]:
    """The edits one pass applies: fixable findings (on ``lines`` when given), overlaps
    resolved in a fixed order. ``protected``: (code, line, text) of waived findings. With
    ``texts`` (each line's text), a safe fix of a listed word applies only where the word is
    whole in the line's segmentation (这一笔划掉 holds 笔划 across two words: not 笔画)."""
    cands = sorted(Edit(f.line, f.fix.start, f.fix.end, f.code, f.fix.content)
                   for f in findings if f.fixable(unsafe) and (lines is None or f.line in lines)
                   and not (protected and (f.code, f.line, f.text) in protected)
                   and (unsafe or texts is None or not f.fix.word or _whole_word(texts[f.line], f.fix)))
    chosen: list[Edit] = []
    for e in cands:
        if not any(_overlap(e, c) for c in chosen if c.line == e.line):
            chosen.append(e)
    return chosen


def _whole_word(text: str, fix) -> bool:
    """Does ``fix``'s span start and end where words do (jieba; a wrong word may be cut inside)?"""
    from ..text.segment import words

    bounds, pos = {0}, 0
    for w in words(text):
        pos += len(w)
        bounds.add(pos)
    return fix.start in bounds and fix.end in bounds


def apply_edits(texts: dict[int, str], edits: list[Edit]) -> dict[int, str]:
    out = dict(texts)
    for e in sorted(edits, key=lambda e: (e.line, -e.start, -e.end)):
        t = out[e.line]
        out[e.line] = t[:e.start] + e.content + t[e.end:]
    return out


def iterate(texts: dict[int, str], check: Callable[[dict[int, str]], object], unsafe: bool,
            first, lines: set[int] | None = None, frozen: Callable | None = None) -> Outcome:
    """Fix ``texts`` until stable. ``check`` returns the FileResult of a state (waivers
    applied); ``first`` is the one of ``texts``; ``frozen(state)`` gives spans no edit may
    touch ({line: [(start, end)]}: code in a Markdown draft)."""
    findings = first.findings
    out = Outcome("", dict(texts), dict(texts), first=findings, last=first)
    protected = {(f.code, f.line, f.text) for f in findings if f.waived}
    seen = {tuple(sorted(texts.items()))}
    state = texts
    for _ in range(MAX_PASSES):
        edits = select_edits(findings, unsafe, lines, protected, state)
        if frozen is not None:
            edits = _thaw(edits, frozen(state))
        if not edits:
            break
        state = apply_edits(state, edits)
        out.applied.append(edits)
        key = tuple(sorted(state.items()))
        out.last = check(state)
        findings = out.last.findings
        if key in seen:  # a cycle: two fixes undo each other
            out.stable = False
            break
        seen.add(key)
    else:
        out.stable = not _thaw(select_edits(findings, unsafe, lines, protected, state), frozen(state) if frozen else {})
    out.fixed, out.remaining = state, findings
    return out


def _thaw(edits: list[Edit], spans: dict[int, list[tuple[int, int]]]) -> list[Edit]:
    """The edits that change nothing inside a frozen span (one may end or start at its edge)."""
    def inside(e: Edit, a: int, b: int) -> bool:
        return a < e.start < b if e.start == e.end else a < e.end and e.start < b

    return [e for e in edits if not any(inside(e, a, b) for a, b in spans.get(e.line, ()))]


# --- text drafts -------------------------------------------------------------------------------

def text_codec(data: bytes, name: str) -> tuple[bytes, str]:
    """(BOM, codec) that turn the draft's text back into exactly ``data``; an InputError when
    there is none (gwlint would not write a file whose bytes it cannot keep)."""
    from ..readers.text import decode

    text, label = decode(data, name)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            break
    else:
        bom = b""
        # A GBK draft stays GBK: a fix that brought a character outside GBK is refused below
        # rather than written as GB18030's four-byte form, which a GBK reader cannot read.
        codec = {"UTF-8": "utf-8", "GBK": "gbk", "GB18030": "gb18030"}.get(label, label.lower())
    try:
        if bom + text.encode(codec) == data:
            return bom, codec
    except (LookupError, UnicodeError):
        pass
    raise InputError(name, f"无法按原编码（{label}）原样写回，未作修改：请先另存为 UTF-8")


def _split_lines(text: str) -> tuple[dict[int, str], list[str]]:
    """Line texts as the text reader numbers them, and each line's ending (kept on writing)."""
    texts, ends = {}, []
    raw = text.split("\n")
    for i, line in enumerate(raw, start=1):
        end = "\n" if i < len(raw) else ""
        if line.endswith("\r"):
            line, end = line[:-1], "\r" + end
        texts[i] = line
        ends.append(end)
    return texts, ends


def fix_text(data: bytes, name: str, fmt: str, rules, settings, unsafe: bool = False,
             first=None, waivers=None) -> Outcome:
    """Fix a .txt/.md draft's bytes. ``first``: the FileResult of its first check, if made
    (its findings' ``waived`` set); the re-checks keep its document type."""
    from ..readers.text import read_text_bytes

    bom, codec = text_codec(data, name)
    texts, ends = _split_lines(data[len(bom):].decode(codec))

    def encode(state: dict[int, str]) -> bytes:
        return bom + "".join(state[i] + ends[i - 1] for i in sorted(state)).encode(codec)

    if first is None:
        first = _check(read_text_bytes(data, name, fmt), name, rules, settings, waivers)
    settings = dataclasses.replace(settings, doctype=first.doctype)

    def check(state: dict[int, str]):
        try:
            doc = read_text_bytes(encode(state), name, fmt)
        except InputError:  # every line fixed away (a deleted 密级 line): nothing left to check
            from ..model.report import FileResult

            return FileResult(name, [], doctype=settings.doctype)
        return _check(doc, name, rules, settings, waivers)

    out = iterate(texts, check, unsafe, first, frozen=markdown_code if fmt == "md" else None)
    out.path, out.original = name, data
    try:
        out.data = encode(out.fixed)
    except UnicodeEncodeError:  # a fix brought a character the file's encoding lacks (GBK)
        raise InputError(name, f"修改后的文字无法用原编码 {codec} 保存，未作修改") from None
    return out


_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def markdown_code(state: dict[int, str]) -> dict[int, list[tuple[int, int]]]:
    """Code in a Markdown draft (fenced blocks, `inline code`): what --fix never changes."""
    out: dict[int, list[tuple[int, int]]] = {}
    fence = None
    for line in sorted(state):
        text = state[line]
        m = _FENCE.match(text)
        if fence is not None or m:
            out[line] = [(0, len(text))]
            if m and (fence is None or m.group(1) == fence):
                fence = m.group(1) if fence is None else None
            continue
        spans = [m.span() for m in _CODE_SPAN.finditer(text)]
        if spans:
            out[line] = spans
    return out


def _check(doc: Document, name: str, rules, settings, waivers):
    from ..policy.waivers import apply
    from .checking import check_read

    result = check_read(name, doc, rules, settings)
    if waivers is not None and waivers.entries:
        apply(waivers, [result], {r.code for r in rules})
    return result


# --- .docx drafts: the paragraphs' text only (the tracked copy writes it back) ----------------

def fix_docx(doc: Document, rules, settings, unsafe: bool = False, waivers=None) -> Outcome:
    """Fix the paragraph texts of a .docx draft read by lint.readers.docx. Only paragraphs of
    the main text that a revision can hold (``FIX_SCOPES``) are changed."""
    paras = {p.line: p for p in doc.paragraphs}
    texts = {line: p.text for line, p in paras.items()}
    lines = {line for line, p in paras.items() if p.scope in FIX_SCOPES and p.element is not None}

    def check(state: dict[int, str]) -> list:
        copies = [Paragraph(text=state[p.line], line=p.line, location=p.location, scope=p.scope,
                            level=p.level, style=p.style, alignment=p.alignment, table=p.table)
                  for p in doc.paragraphs]
        return _check(Document(path=doc.path, paragraphs=copies, source_format="docx"),
                      doc.path, rules, settings, waivers)

    first = _check(doc, doc.path, rules, settings, waivers)
    settings = dataclasses.replace(settings, doctype=first.doctype)
    out = iterate(texts, check, unsafe, first, lines)
    out.path = doc.path
    if out.applied:  # the re-checks read text only: keep the first check's layout findings
        layout = {f.code for f in first.findings} - {f.code for f in check(texts).findings}
        out.remaining = out.remaining + [f for f in first.findings if f.code in layout]
    return out


# --- output: diff, files, summary ----------------------------------------------------------------

def unified_diff(out: Outcome) -> str:
    def lines(state):
        return [state[i] + "\n" for i in sorted(state)]

    return "".join(difflib.unified_diff(lines(out.texts), lines(out.fixed), out.path, out.path))


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write through a temporary file in the same folder and a rename (lint/app/outputs.py)."""
    from .outputs import write_atomic as atomic

    atomic(path, data, mode)


def write_back(path: Path, out: Outcome, backup: bool = True) -> Path | None:
    """Replace the draft with its fixed bytes (first copying it to ``<name>.bak``); returns the
    backup's path. Nothing is written when nothing changed."""
    if not out.changed:
        return None
    if not os.access(path, os.W_OK):
        raise InputError(str(path), "文件是只读的，未作修改（可用 -o 把修改后的文稿写到别处）")
    bak = None
    if backup:
        bak = path.with_name(path.name + ".bak")
        write_atomic(bak, out.original, mode=os.stat(path).st_mode & 0o7777)
    write_atomic(path, out.data)  # keeps the draft's permission bits
    return bak
