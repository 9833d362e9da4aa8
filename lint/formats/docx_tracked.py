"""``--tracked OUT.docx``: a copy of the draft in which each fix is a Word revision (修订).

The fixed text of each paragraph (from :func:`lint.app.fixing.fix_docx`) is compared with its
original text; each difference becomes a ``w:del`` (the old characters, now ``w:delText``) and
a ``w:ins`` (a new run with the formatting, ``w:rPr``, of the run it belongs to), author
``gwlint``, dated now. Accepting every revision gives the fixed text; rejecting every revision
gives the original.

A difference is written only where it is safe to write: inside runs that sit directly in the
paragraph or in one hyperlink (all of one parent), outside fields and earlier revisions, over
plain text (no tab, break or drawing). A paragraph with any other difference keeps its text, and
its fixable findings become comments (批注) like the findings without a fix. The input file is
never written.
"""

from __future__ import annotations

import copy
import difflib
import io
from datetime import datetime, timezone
from pathlib import Path

from ..errors import UsageError
from .docx_comments import AUTHOR, _W, _XML_SPACE, _cut, add_comments

_PLAIN_PARENTS = (_W + "p", _W + "hyperlink")
_TEXT_ONLY = {_W + "rPr", _W + "t", _W + "lastRenderedPageBreak"}


def write_tracked(doc, outcome, out: Path, unsafe: bool = False, date: datetime | None = None,
                  mark=None) -> tuple[bytes, dict]:
    """The bytes of ``out``: ``doc`` (read by lint.readers.docx, not yet changed) with the
    revisions of ``outcome`` and comments for the findings left; ``mark(document)`` stamps the
    copy before it is saved, and the caller writes the bytes (lint/app/outputs.py).
    ``outcome`` is updated to what the copy holds: ``fixed`` is its text with every revision
    accepted, ``applied`` the fixes written, ``remaining`` the findings that became comments. The counts: revisions (differences
    written), paragraphs (changed), comments, left (paragraphs whose fixes became comments)."""
    if out.suffix.lower() != ".docx":
        raise UsageError(f"--tracked 的输出文件应以 .docx 结尾：{out}")
    paras = {p.line: p for p in doc.paragraphs}
    plans: dict[int, list] = {}
    left: set[int] = set()
    for line, new in outcome.fixed.items():
        old = outcome.texts[line]
        if new == old:
            continue
        p = paras[line]
        ops = [op for op in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
               if op[0] != "equal"]
        field = _field_runs(p.element)
        if all(_writable(p, i1, i2, field) for _, i1, i2, _, _ in ops):
            plans[line] = [(i1, i2, new[j1:j2]) for _, i1, i2, j1, j2 in ops]
        else:
            left.add(line)
    first_fixed = {(e.line, e.start, e.end, e.code) for e in (outcome.applied[0] if outcome.applied else [])}
    to_comment = [f for f in outcome.first if not f.waived and not (
        f.line in plans and f.fix is not None
        and (f.line, f.fix.start, f.fix.end, f.code) in first_fixed)]
    comments = add_comments(doc, to_comment)
    # What the copy holds: the fixes of the paragraphs written, the rest left for a person.
    outcome.applied = [[e for e in edits if e.line not in left] for edits in outcome.applied]
    outcome.fixed = {line: outcome.fixed[line] if line in plans else text for line, text in outcome.texts.items()}
    outcome.remaining = to_comment
    stamp = (date or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    ids = _ids(doc)
    revisions = 0
    from ..readers.docx import _paragraph_text

    for line, ops in plans.items():
        p = paras[line]
        _, runs = _paragraph_text(p.element)  # runs again: comments split some
        segs = [[r.start, r.end, r.element] for r in runs]
        for i1, i2, _ in ops:
            _cut(segs, i1)
            _cut(segs, i2)
        for i1, i2, text in reversed(ops):
            _revise(segs, i1, i2, text, ids, stamp)
            revisions += 1
    if mark is not None:
        mark(doc.docx)
    buf = io.BytesIO()
    doc.docx.save(buf)
    return buf.getvalue(), {"revisions": revisions, "paragraphs": len(plans), "comments": comments, "left": len(left)}


def _field_runs(p_el) -> set:
    """The w:r elements inside a complex field (between fldChar begin and end); kept in the set,
    their lxml proxies stay the ones the paragraph's runs hold."""
    inside, depth = set(), 0
    for el in p_el.iter(_W + "r"):
        for fc in el.iter(_W + "fldChar"):
            kind = fc.get(_W + "fldCharType")
            depth += kind == "begin"
            depth -= kind == "end" and depth > 0
        if depth or el.find(_W + "fldChar") is not None or el.find(_W + "instrText") is not None:
            inside.add(el)
    return inside


def _plain(run, field: set) -> bool:
    el = run.element
    return (el.getparent() is not None and el.getparent().tag in _PLAIN_PARENTS and el not in field
            and all(c.tag in _TEXT_ONLY for c in el))


def _writable(p, i1: int, i2: int, field: set) -> bool:
    """Can the difference old[i1:i2] -> new be written as revisions of ``p``'s runs?"""
    if p.element is None or not p.runs:
        return False
    if i1 == i2:  # an insertion belongs to the run before it (or, at the start, the first run)
        at = i1 - 1 if i1 > 0 else 0
        run = next((r for r in p.runs if r.start <= at < r.end), None)
        return run is not None and _plain(run, field)
    runs = [r for r in p.runs if r.start < i2 and i1 < r.end]
    if not runs or runs[0].start > i1 or runs[-1].end < i2:
        return False
    if any(a.end != b.start for a, b in zip(runs, runs[1:])):
        return False
    parent = runs[0].element.getparent()
    return all(_plain(r, field) and r.element.getparent() is parent for r in runs)


def _ids(doc):
    """A counter of w:id values not yet used in the document (revisions, comments, bookmarks)."""
    used = [int(v) for el in doc.docx.element.iter() for v in [el.get(_W + "id")] if v and v.lstrip("-").isdigit()]
    n = max(used, default=0)
    while True:
        n += 1
        yield str(n)


def _mark(tag: str, ids, stamp: str):
    from lxml import etree

    el = etree.Element(_W + tag)
    el.set(_W + "id", next(ids))
    el.set(_W + "author", AUTHOR)
    el.set(_W + "date", stamp)
    return el


def _revise(segs: list[list], i1: int, i2: int, text: str, ids, stamp: str) -> None:
    from lxml import etree

    deleted = [g for g in segs if i1 <= g[0] and g[1] <= i2 and g[1] > g[0]] if i2 > i1 else []
    last = None
    for _, _, r in deleted:
        d = _mark("del", ids, stamp)
        r.addprevious(d)
        d.append(r)
        for t in r.iter(_W + "t"):
            t.tag = _W + "delText"
            t.set(_XML_SPACE, "preserve")
        last = d
    if not text:
        return
    if deleted:
        model, anchor, after = deleted[0][2], last, True
    elif i1 > 0:
        g = next(g for g in segs if g[1] == i1 and g[1] > g[0])
        model, anchor, after = g[2], g[2], True
    else:
        g = next(g for g in segs if g[0] == 0 and g[1] > g[0])
        model, anchor, after = g[2], g[2], False
    ins = _mark("ins", ids, stamp)
    run = etree.SubElement(ins, _W + "r")
    rpr = model.find(_W + "rPr")
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    t = etree.SubElement(run, _W + "t")
    t.text = text
    t.set(_XML_SPACE, "preserve")
    (anchor.addnext if after else anchor.addprevious)(ins)
