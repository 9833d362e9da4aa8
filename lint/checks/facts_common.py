"""Shared pieces of the fact checks (FC008–FC029): the document's date, reference tables,
word edges and a small edit distance.

The document date is looked up in one function, :func:`lint.checks.dates.document_date`, which
the date checks (FC002, FC006) share.
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache

from ..model.finding import Hit
from ..text.chinese import is_han
from ..text.fastregex import fast
from .dates import document_date, years_in  # noqa: F401 - the fact checks take them from here
from ..cache import compile_regex

_TITLE_YEAR = fast(r"((?:19|20)\d{2})年")


def effective_date(doc) -> _dt.date:
    """The document date, or today for an undated draft (it is being written now)."""
    got = doc.meta.get("_facts_effective")
    if got is None:
        got = doc.meta["_facts_effective"] = _effective_date(doc)
    return got


def _effective_date(doc) -> _dt.date:
    found = document_date(doc)
    if found:
        y, m, d = found[0]
        try:
            return _dt.date(y, m, d)
        except ValueError:
            return _dt.date(y, 12, 31)
    latest = _latest_year(doc)
    if latest is not None:
        return _dt.date(latest + 1, 12, 31)
    return _dt.date.today()


_SPOKEN_YEAR = compile_regex(r"(?<![\d到至])((?:19|20)\d{2})年(?!前|以前|之前|底前|末前)")


def _latest_year(doc) -> int | None:
    """For an undated text: the latest year it speaks of, when that is two or more years ago (a
    text that speaks of nothing after 2016 was written by the end of 2017, not today). Years
    after 到/至 are targets, and are not counted."""
    got = doc.meta.get("_facts_latest", False)
    if got is not False:
        return got
    this = _dt.date.today().year
    years = [int(y) for y in _SPOKEN_YEAR.findall(doc.joined_text) if int(y) <= this]
    got = max(years) if years and max(years) + 1 < this else None
    doc.meta["_facts_latest"] = got
    return got


def date_words(doc) -> str:
    found = document_date(doc)
    if not found:
        latest = _latest_year(doc)
        if latest is not None:
            return f"文稿未写成文日期，文中最晚讲到{latest}年，按{latest + 1}年底"
        return "文稿未写成文日期，按今天"
    (y, m, d), where = found
    return f"{where}{y}年{m}月{d}日"


def parse_date(text: str) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


@lru_cache(maxsize=32)
def table(source) -> list[dict]:
    """The rows of a reference list (a :class:`ListSource`), kept for the process."""
    return read_rows(source)


def read_rows(source) -> list[dict]:
    """The rows of a reference list (a :class:`ListSource`), read afresh.

    The base file is read with a plain split, a few times faster than the validating loader on
    the four thousand rows of places.tsv: the built-in files are validated by the tests, and an
    office's replacement or additions are validated by ``check_dirs`` on every run that uses
    them (and are read here with the validating loader)."""
    from ..engine.wordlists import load_list
    from ..resources import reference_dir

    if not hasattr(source, "base"):
        return list(load_list(source))
    if source.base.parent == reference_dir():
        rows = _plain_rows(source.base)
    else:
        rows = list(load_list(source.base))
    for extra in source.additions:
        rows.extend(load_list(extra))
    return rows


def cached(tag: str, source, build, restore):
    """``restore(build())``, where ``build()``'s plain data (dicts, lists, strings, numbers) is
    kept in gwlint's cache folder (:func:`lint.cache.kept_data`) under ``tag`` and the contents
    of the list's files (``source``, a :class:`ListSource`), as the lexicon and the idiom index
    are."""
    from .. import cache

    if not hasattr(source, "base"):
        return restore(build())
    data = cache.kept_data(tag.rsplit("-", 1)[0], build, (source.base, *source.additions), salt=tag)
    try:
        return restore(data)
    except (KeyError, ValueError, TypeError, IndexError):  # a kept entry of another shape
        return restore(build())


def _plain_rows(path) -> list[dict]:
    lines = [ln for ln in path.read_text(encoding="utf-8-sig").splitlines() if ln and ln[0] != "#"]
    header = [c.strip() for c in lines[0].split("\t")]
    return [dict(zip(header, ln.split("\t"))) for ln in lines[1:] if ln.strip()]


_SOURCES: dict = {}


def source(rule, name: str):
    """Where list ``name`` comes from for ``rule`` (a missing list is a configuration error),
    looked up once per set of reference folders: the per-paragraph checks ask for every
    paragraph."""
    key = (rule.reference_dirs, name)
    got = _SOURCES.get(key)
    if got is None:
        from .facts import list_path

        got = _SOURCES[key] = list_path(rule, name)
    return got


def rows(rule, name: str) -> list[dict]:
    return table(source(rule, name))


class Words:
    """Many words found in one pass (Aho-Corasick, C speed): :meth:`finditer` gives
    (start, end, word) for every occurrence, overlapping ones included, in order of their end."""

    def __init__(self, words):
        import ahocorasick

        self.auto = ahocorasick.Automaton()
        for w in words:
            if w:
                self.auto.add_word(w, w)
        self.empty = len(self.auto) == 0
        if not self.empty:
            self.auto.make_automaton()

    def finditer(self, text: str):
        if self.empty or not text:
            return
        for end, w in self.auto.iter(text):
            yield end + 1 - len(w), end + 1, w

    def longest(self, text: str):
        """Occurrences not inside a longer one (the longest at each place, left to right)."""
        return longest_of(self.finditer(text))


def longest_of(found):
    """Of (start, end, word) occurrences, those not inside a longer one (:meth:`Words.longest`)."""
    found = sorted(found, key=lambda t: (t[0], -t[1]))
    out, reach = [], -1
    for s, e, w in found:
        if e <= reach:
            continue
        if out and s < out[-1][1]:
            continue
        out.append((s, e, w))
        reach = e
    return out


@lru_cache(maxsize=32)
def _keyed(source, key: str):
    by_key = {}
    for r in table(source):
        by_key.setdefault(r[key], r)
    return Words(by_key), by_key


def keyed(rule, name: str, key: str):
    """(a :class:`Words` of every ``key`` of list ``name``, {key: row})."""
    return _keyed(source(rule, name), key)


# Characters after which an organisation or place name starts a new word: not a Han character,
# an administrative unit (县农业局, 杭州市工商局) or a function word (由环保局, 和工商局).
_LEFT_OK = set("省市县区州旗盟委府原和与及同由向经对在将会报请据按照合送交为是把被给到从至于的、，。；：“”（）《》")


# 和, 与, 及 join two bodies after the end of the first (环保局和工商局); after another character
# they are inside one name (文化和旅游局, 住房和城乡建设局), whose tail is not a name of its own.
_JOINS = set("和与及")
_BODY_ENDS = set("局委厅办部署院会所队站司处科室府")


def left_edge(text: str, start: int) -> bool:
    if start == 0 or not is_han(text[start - 1]):
        return True
    before = text[start - 1]
    if before in _JOINS:
        return start < 2 or not is_han(text[start - 2]) or text[start - 2] in _BODY_ENDS
    return before in _LEFT_OK


def starts_word(text: str, start: int, end: int) -> bool:
    """Whether the name ``text[start:end]`` stands as words of its own: :func:`left_edge`, or,
    after another Han character (通过襄樊市, 赴富阳市), no frequent word across its start (新增城市
    does not hold 增城市) and the segmentation of its neighbourhood
    (:meth:`lint.text.segment.Lexicon.aligned`, whose vocabulary holds the place names). The
    lexicon is loaded only for a span the first two tests leave open."""
    if left_edge(text, start):
        return True
    from ..text.segment import lexicon, word_pairs

    if text[start - 1] in word_pairs()[1].get(text[start], ""):
        return False  # 新增 + 城市: a frequent word across the start (read without the lexicon)
    return lexicon().aligned(text, start, end)


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance, cut off above ``limit`` (returns limit + 1)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    if a == b:
        return 0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        # one row of the table; the three-way min written out (the builtin call costs more than
        # the comparisons on titles of a few dozen characters)
        cur = [i]
        left = best = i
        for j, cb in enumerate(b, 1):
            v = prev[j - 1] if ca == cb else prev[j - 1] + 1
            if left + 1 < v:
                v = left + 1
            if prev[j] + 1 < v:
                v = prev[j] + 1
            cur.append(v)
            left = v
            if v < best:
                best = v
        if best > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def sentence_at(p, pos: int) -> tuple[int, int]:
    for s in p.sentences:
        if s.start <= pos < s.end:
            return s.start, s.end
    return 0, len(p.text)


def clause_at(p, pos: int) -> tuple[int, int]:
    """The part of the sentence at ``pos`` between semicolons: a sentence of several clauses
    (……划入市应急管理局；市安全生产监督管理局要……) speaks of the past in one and of today in
    another."""
    s0, s1 = sentence_at(p, pos)
    text = p.text
    a = text.rfind("；", s0, pos)
    b = text.find("；", pos, s1)
    return (a + 1 if a != -1 else s0), (b if b != -1 else s1)


def per_paragraph(check):
    """A check of one paragraph at a time, ``check(doc, rule, options, p)`` yielding hits in
    ``p``, run once per distinct paragraph text of a document: a repeated paragraph (a 2 MB draft
    that repeats its sections, a boilerplate line) reuses the first one's findings. Checks that
    depend on the document (its date) are the same for every paragraph of it."""

    def run(doc, rule, options):
        memo = doc.meta.setdefault("_facts_memo", {})
        for p in doc.iter(rule.scope):
            key = (rule.code, p.text)
            got = memo.get(key)
            if got is None:
                got = memo[key] = [(h.start, h.end, h.suggestion, h.data, h.shown)
                                   for h in check(doc, rule, options, p)]
            for start, end, suggestion, data, shown in got:
                yield Hit(p, start, end, suggestion, dict(data), shown)

    # the check belongs to the module that defines ``check`` (the engine only runs a module's own
    # functions); no __wrapped__, so that its signature stays (doc, rule, options)
    run.__name__ = run.__qualname__ = check.__name__
    run.__module__ = check.__module__
    run.__doc__ = check.__doc__
    return run
