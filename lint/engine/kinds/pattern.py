"""kind: pattern: a regular expression over each paragraph's text.

``pattern`` (or several ``patterns``) is matched in every paragraph in scope. ``suggestion`` is
an expansion template (``\\1``, ``\\g<name>``), or ``translate`` maps characters of the reported text
(full-width digits to half-width); ``group`` picks the group whose span is reported
(default: the whole match). With ``per: sentence`` the matches of one sentence make one finding,
from the first to the end of the last (妥否，请批示 is one request, not two). Named groups are available to the message template. Context
conditions (:mod:`lint.engine.matcher`) can exclude matches by what stands around them.
"""

from __future__ import annotations

import re
from typing import Iterator

from ...model.finding import Hit
from ..matcher import CONDITIONS, Entry
from ...text.fastregex import FastPattern, fast
from ...text.gates import candidates
from . import Context, Param
from .phrase import compile_conditions

NAME = "pattern"
PARAMS = {
    "pattern": Param("regex", doc="the regular expression", engine=True),
    "patterns": Param("regex-list", doc="several regular expressions, each reported alike", engine=True),
    "suggestion": Param("str", doc="replacement template (\\1, \\g<name>)"),
    "group": Param("any", default=0, doc="group whose span is the finding (number or name)"),
    "translate": Param("mapping", doc="{from: 甲乙, to: AB}: the suggestion is the reported text with "
                                      "each character of from replaced by the one at its place in to"),
    "per": Param("str", default="match", choices=("match", "sentence"),
                 doc="match: a finding per match; sentence: one finding per sentence, from its first match to the end of its last"),
    **{c: Param("regex", doc=f"context condition ({c})") for c in CONDITIONS},
}
FIELDS = frozenset({"text", "suggestion"})


class Compiled:
    def __init__(self, regexes: list[FastPattern], suggestion: str | None, group, guard: Entry,
                 table: dict | None = None, per: str = "match"):
        self.regexes = regexes
        self.suggestion = suggestion
        self.group = group
        self.guard = guard
        self.table = table
        self.per = per


def compile(params: dict, ctx: Context) -> Compiled:
    sources = ([params["pattern"]] if params.get("pattern") else []) + list(params.get("patterns") or [])
    if not sources:
        raise ctx.error("kind: pattern 需要“pattern”或“patterns”")
    regexes = [ctx.regex(s, "pattern" if params.get("pattern") else "patterns", lazy=True, engine=True)
               for s in sources]
    group = params["group"]
    for rx in regexes:
        if isinstance(group, int) and not 0 <= group <= rx.groups or \
                isinstance(group, str) and group not in rx.groupindex:
            raise ctx.error(f"“group”：正则表达式中没有第“{group}”组", "group")
        if params.get("suggestion"):
            try:
                _check_template(rx, params["suggestion"])
            except (re.error, IndexError) as exc:
                raise ctx.error(f"“suggestion”模板无效：{exc}", "suggestion") from None
    guard = Entry("", conditions=compile_conditions(params, ctx, "pattern"))
    table = None
    if params.get("translate") is not None:
        spec = params["translate"]
        if params.get("suggestion") is not None:
            raise ctx.error("“translate”与“suggestion”只能给一个", "translate")
        src, dst = spec.get("from"), spec.get("to")
        if set(spec) != {"from", "to"} or not isinstance(src, str) or not isinstance(dst, str) \
                or not src or len(src) != len(dst):
            raise ctx.error("“translate”应为 {from: 字符, to: 字符}，两边字符数相同", "translate")
        table = str.maketrans(src, dst)
    per = params["per"]
    if per == "sentence" and (params.get("suggestion") is not None or table is not None):
        # A finding that spans several matches and the text between has no one replacement.
        raise ctx.error("“per: sentence”的问题跨多处匹配，不能同时给“suggestion”或“translate”", "per")
    return Compiled(regexes, params.get("suggestion"), group, guard, table, per)


def _check_template(rx: FastPattern, template: str) -> None:
    for ref in re.findall(r"\\(\d+)|\\g<(\w+)>", template):
        num, name = ref
        if num and int(num) > rx.groups:
            raise re.error(f"没有第 {num} 组")
        if name and not name.isdigit() and name not in rx.groupindex:
            raise re.error(f"没有名为 {name} 的组")


def fields_for(params: dict) -> set[str]:
    names = set()
    for key in ("pattern", "patterns"):
        v = params.get(key)
        for s in ([v] if isinstance(v, str) else v or []):
            try:
                names |= set(fast(s).groupindex)
            except (re.error, OverflowError, RecursionError):
                pass
    return names


def check(c: Compiled, doc, rule) -> Iterator[Hit]:
    # Most patterns look for something rare: a search of the whole text for characters every
    # match needs rules a pattern out for the document.
    joined = doc.joined_text
    regexes = [rx for rx in c.regexes if rx.possible(joined)]
    if not regexes:
        return
    paragraphs, gates = _paragraphs(doc, rule, regexes)
    if c.per == "sentence":
        yield from _per_sentence(c, regexes, paragraphs)
        return
    several = len(regexes) > 1
    for p in paragraphs:
        text = p.text
        i = p.index
        hits = []
        for rx, gate in zip(regexes, gates):
            if gate is not None and i not in gate:
                continue
            for m in rx.finditer(text):
                start, end = m.span(c.group)
                if start < 0 or start == end and m.start() == m.end():
                    continue
                if not c.guard.accepts(text, start, end):
                    continue
                if c.table is not None:
                    sugg = text[start:end].translate(c.table)
                else:
                    sugg = m.expand(c.suggestion) if c.suggestion is not None else None
                data = {k: (v or "") for k, v in m.groupdict().items()}
                hits.append(Hit(p, start, end, sugg, data))
        yield from (_outermost(hits) if several and len(hits) > 1 else hits)


def _outermost(hits: list[Hit]) -> list[Hit]:
    """The hits of a rule's several patterns less those lying inside another's span or reaching
    into it from within: one slip found by two patterns (XX万 and XX of one placeholder; 20XX
    and XX年 of 20XX年) is one finding, the longer or the first."""
    order = sorted(range(len(hits)), key=lambda k: (hits[k].start, -hits[k].end))
    inside, best, group, group_best = set(), -1, None, -1
    for k in order:  # by start, longest first: a hit lies inside an earlier one of another span
        span = (hits[k].start, hits[k].end)
        if span != group:
            best, group = max(best, group_best), span
        if best > span[0]:
            inside.add(k)
            continue  # a dropped hit does not push the reach of the kept ones
        group_best = span[1]
    return [h for k, h in enumerate(hits) if k not in inside]


def _paragraphs(doc, rule, regexes: list[FastPattern]):
    """The paragraphs in the rule's scope where one of ``regexes`` may match, and for each
    regex the positions of the paragraphs it may match in (None: any), from the document's
    :class:`lint.text.gates.ParagraphIndex`. A regex is still searched in each paragraph: the
    gates only spare the searches that could not find anything."""
    index = doc.paragraph_index
    gates = [candidates(rx, index) for rx in regexes]
    if any(g is None for g in gates):
        return doc.iter(rule.scope), gates
    return doc.iter_at(frozenset().union(*gates), rule.scope), gates


def _per_sentence(c: Compiled, regexes: list[FastPattern], paragraphs) -> Iterator[Hit]:
    """One hit per sentence that has matches: from the first match's start to the last one's end."""
    for p in paragraphs:
        text = p.text
        for rx in regexes:
            if rx.search(text) is not None:
                break
        else:
            continue  # no match in the paragraph: its sentences are not split
        for s in p.sentences:
            spans = []
            for rx in regexes:
                for m in rx.finditer(text, s.start, s.end):
                    start, end = m.span(c.group)
                    if start < 0 or start == end and m.start() == m.end():
                        continue
                    if c.guard.accepts(text, start, end):
                        spans.append((start, end, m))
            if spans:
                spans.sort(key=lambda x: (x[0], x[1]))
                first = spans[0][2]
                data = {k: (v or "") for k, v in first.groupdict().items()}
                yield Hit(p, spans[0][0], max(e for _, e, _ in spans), None, data)
