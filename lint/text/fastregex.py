"""Which characters can a regular expression's match start with?

Most rule patterns look for something rare (×× placeholders, ……, --) but begin with a
lookbehind, which stops CPython's ``re`` from skipping ahead to a likely start: it then tries a
full match at every character of every paragraph. :func:`analyse` works out, from the
parsed pattern, a character class that every match must begin with. :class:`FastPattern` hands
that class to the engine in the compiled program's information block
(:func:`lint.cache.compile_prefixed`), where ``re`` itself puts the class of a pattern that
opens with one: the engine's search then skips in C to those characters and tries a match only
there (a match is exactly what the pattern alone would match). Where that cannot be done (not
CPython 3.11+), the class goes in front of the pattern as a lookahead, ``(?=[…])(?:pattern)``,
so that most positions are rejected by one class test. The analysis is conservative: whenever
it cannot be sure (a match may be empty, may start with any character, or the pattern ignores
case or uses back-references) it returns None and the pattern runs unfiltered. The analysis of each
pattern is kept in the start-up cache (:mod:`lint.cache`), keyed by pattern and flags.
"""

from __future__ import annotations

import re
from functools import lru_cache

import _sre as _sre_c  # the C engine: its code size bounds a lookbehind

try:  # Python 3.11+
    import re._parser as _sre  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python 3.9/3.10
    import sre_parse as _sre  # type: ignore[no-redef]

from ..cache import compile_prefixed, compile_regex, get_cache

_CATEGORIES = {
    _sre.CATEGORY_DIGIT: r"\d",
    _sre.CATEGORY_SPACE: r"\s",
    _sre.CATEGORY_WORD: r"\w",
}
_REPEATS = tuple(getattr(_sre, n) for n in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                 if hasattr(_sre, n))
_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)


class _Unbounded(Exception):
    """The set of first characters is not a usable class."""


def _char(code: int) -> str:
    return "\\U%08x" % code


def _class_items(av) -> list[str]:
    out = []
    for op, arg in av:
        if op is _sre.LITERAL:
            out.append(_char(arg))
        elif op is _sre.RANGE:
            out.append(_char(arg[0]) + "-" + _char(arg[1]))
        elif op is _sre.CATEGORY and arg in _CATEGORIES:
            out.append(_CATEGORIES[arg])
        else:  # NEGATE, \D, \S, \W …
            raise _Unbounded
    return out


def _seq(items) -> tuple[list[str], bool]:
    """First characters of a sequence, and whether it can match the empty string."""
    first: list[str] = []
    for op, av in items:
        got, nullable = _item(op, av)
        first += got
        if not nullable:
            return first, False
    return first, True


def _item(op, av) -> tuple[list[str], bool]:
    if op is _sre.LITERAL:
        return [_char(av)], False
    if op is _sre.IN:
        return _class_items(av), False
    if op in _ZERO_WIDTH:
        return [], True
    if op is _sre.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & re.IGNORECASE:
            raise _Unbounded
        return _seq(sub.data)
    if op is _sre.BRANCH:
        first: list[str] = []
        nullable = False
        for sub in av[1]:
            got, n = _seq(sub.data)
            first += got
            nullable = nullable or n
        return first, nullable
    if op in _REPEATS:
        low, _high, sub = av
        got, nullable = _seq(sub.data)
        return got, nullable or low == 0
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _seq(av.data)
    raise _Unbounded  # ANY, NOT_LITERAL, GROUPREF, conditional groups …


def _required(items) -> list[list[str]]:
    """Classes that each contribute a character to every match of the sequence ``items``."""
    out: list[list[str]] = []
    for op, av in items:
        try:
            if op is _sre.LITERAL or op is _sre.IN:
                out.append(_item(op, av)[0])
            elif op is _sre.SUBPATTERN and not av[1] & re.IGNORECASE:
                out += _required(av[3].data)
            elif op in _REPEATS and av[0] >= 1:
                out += _required(av[2].data)
            elif op is _sre.BRANCH:
                got, nullable = _item(op, av)
                if got and not nullable:
                    out.append(got)
        except _Unbounded:
            continue  # this item may be any character: it requires nothing
    return out


def _check_lookbehinds(items) -> None:
    """Raise what ``re.compile`` would raise for a lookbehind, the one error the parser leaves to
    the compiler (so that a pattern parsed now and compiled later fails now, at load)."""
    for op, av in items:
        if op in (_sre.ASSERT, _sre.ASSERT_NOT):
            if av[0] < 0:
                lo, hi = av[1].getwidth()
                if lo > _MAXCODE:
                    raise re.error("looks too much behind")
                if lo != hi:
                    raise re.error("look-behind requires fixed-width pattern")
            _check_lookbehinds(av[1].data)
        elif op is _sre.SUBPATTERN:
            _check_lookbehinds(av[3].data)
        elif op is _sre.BRANCH:
            for sub in av[1]:
                _check_lookbehinds(sub.data)
        elif op in _REPEATS:
            _check_lookbehinds(av[2].data)
        elif op is getattr(_sre, "ATOMIC_GROUP", None):
            _check_lookbehinds(av.data)
        elif op is _sre.GROUPREF_EXISTS:
            for sub in av[1:]:
                if sub is not None:
                    _check_lookbehinds(sub.data)


_MAXCODE = (1 << (8 * _sre_c.CODESIZE)) - 1


def _engine_skips_ahead(parsed) -> bool:
    """Whether ``re`` gives this pattern a literal or character-class prefix of its own, with
    which its search skips to a possible start in C (what ``re._compiler`` looks for: a leading
    literal or class, or alternatives that each start with a literal)."""
    data = parsed.data
    while data and data[0][0] is _sre.SUBPATTERN:
        av = data[0][1]
        if av[1] & re.IGNORECASE:
            return False
        data = av[3].data
    if not data:
        return False
    op, av = data[0]
    if op is _sre.LITERAL or op is _sre.IN:
        return True
    if op is _sre.BRANCH:
        return all(alt.data and alt.data[0][0] is _sre.LITERAL for alt in av[1])
    return False


def _analyse_parsed(parsed) -> tuple[str | None, list[str]]:
    if parsed.state.flags & re.IGNORECASE:  # re.I or (?i): the literal sets would be wrong
        return None, []
    try:
        try:
            first, nullable = _seq(parsed.data)
        except _Unbounded:
            first, nullable = [], True
        required = _required(parsed.data)
    except RecursionError:
        return None, []
    first_cls = None if nullable or not first else "[" + "".join(dict.fromkeys(first)) + "]"
    classes = ["[" + "".join(dict.fromkeys(c)) + "]" for c in required if c]
    return first_cls, list(dict.fromkeys(classes))


def analyse(pattern: str, flags: int = 0) -> tuple[str | None, list[str]]:
    """The class every match of ``pattern`` starts with (or None), and classes of which each
    match holds at least one character (regex sources; empty when unknown)."""
    if not isinstance(pattern, str):
        return None, []
    try:
        return _analyse_parsed(_sre.parse(pattern, flags))
    except (re.error, RecursionError):
        return None, []


def first_class(pattern: str, flags: int = 0) -> str | None:
    """A one-character class (as regex source) that every match of ``pattern`` starts with."""
    return analyse(pattern, flags)[0]


class _strict:
    """Python 3.10 only warns about a global inline flag that is not at the start of a pattern
    (``(?:(?i)x)``); 3.11 and later refuse it. Make it the error it is everywhere."""

    def __enter__(self):
        import warnings

        self._catch = warnings.catch_warnings()
        self._catch.__enter__()
        warnings.filterwarnings("error", category=DeprecationWarning, message=".*[Ff]lags")
        return self

    def __exit__(self, kind, exc, tb):
        self._catch.__exit__(kind, exc, tb)
        if kind is DeprecationWarning:
            raise re.error(str(exc)) from None
        return False


# At most this many required classes are kept, the narrowest first: each costs a search of the
# whole document when the pattern is tried on it.
_MAX_REQUIRED = 3


_LITERAL_CLASS = re.compile(r"\[((?:\\U[0-9a-f]{8}){1,12})\]")


def _literals(cls: str) -> str | None:
    """The characters of a class made only of a few literals (as built here), else None."""
    m = _LITERAL_CLASS.fullmatch(cls)
    if m is None:
        return None
    return "".join(chr(int(h, 16)) for h in re.findall(r"[0-9a-f]{8}", m.group(1)))


_NOTHING = iter(())  # an exhausted iterator: what finditer returns when nothing can match


class FastPattern:
    """A pattern that skips text which cannot hold a match, compiled when first used.

    ``finditer``/``search``/``findall`` behave as on ``re.Pattern``: a text without any of the
    pattern's first characters is skipped after one fast class search, and the scan of any other
    text starts at the first of them, with a lookahead for its first characters. :meth:`possible`
    tells whether a whole document can hold a match at all. The pattern is parsed at once (a bad
    pattern raises ``re.error`` here) but compiled only when a text needs it: a rule whose
    characters a document lacks never pays for compiling its expression.
    """

    __slots__ = ("pattern", "flags", "_groups", "_groupindex", "_source", "_rx", "_first_src",
                 "_first", "_required_src", "_required", "_literal_sets", "_gate", "_prefixed")

    def __init__(self, pattern: re.Pattern | str, flags: int = 0):
        if isinstance(pattern, re.Pattern):
            pattern, flags = pattern.pattern, pattern.flags
        self.pattern = pattern
        self.flags = flags
        self._source = None  # parsed and analysed on first use (or by validate)
        self._rx = self._first = self._required = None
        self._prefixed = False  # rx skips to the first class itself (lint.cache.compile_prefixed)
        self._gate = None  # (literal sets, the first class's search or None), made by _make_gate

    def validate(self) -> "FastPattern":
        """Parse now: raises ``re.error`` for a bad pattern."""
        if self._source is None:
            cache = get_cache()
            key = (self.pattern, self.flags)
            hit = cache.get("pattern", key)
            if hit is not None:
                (self._groups, groupindex, self._first_src, required, literal_sets, self._source) = hit
                self._groupindex = dict(groupindex)
                self._required_src = list(required)
                self._literal_sets = tuple(literal_sets)
                return self
            with _strict():
                parsed = _sre.parse(self.pattern, self.flags)
            _check_lookbehinds(parsed.data)
            self._groups = parsed.state.groups - 1
            self._groupindex = dict(parsed.state.groupdict)
            first, required = _analyse_parsed(parsed)
            self._first_src = first
            self._required_src = sorted(required, key=len)[:_MAX_REQUIRED]
            # Required classes of a few literal characters: tested on every text before a
            # search (``in`` on a paragraph costs less than starting the regex engine).
            self._literal_sets = tuple(filter(None, map(_literals, self._required_src)))
            if first is not None and _engine_skips_ahead(parsed):
                # The engine finds the start itself (a literal prefix or a leading class): a
                # lookahead or a separate search would only cost compiling another class.
                first = self._first_src = None
            self._source = self.pattern if first is None else f"(?={first})(?:{self.pattern})"
            cache.put("pattern", key, (self._groups, tuple(self._groupindex.items()), self._first_src,
                                       tuple(self._required_src), self._literal_sets, self._source))
        return self

    @property
    def groups(self) -> int:
        return self.validate()._groups

    @property
    def groupindex(self) -> dict:
        return self.validate()._groupindex

    @property
    def rx(self) -> re.Pattern:
        if self._rx is None:
            self.validate()
            if self._first_src is not None:
                # Told the characters every match starts with, the engine skips to them in C;
                # the lookahead of _source is the way on a Python where this cannot be done.
                rx = compile_prefixed(self.pattern, self.flags, self._first_src)
                if rx is not None:
                    self._prefixed = True
                    self._rx = rx
                    return rx
            try:
                self._rx = compile_regex(self._source, self.flags)
            except re.error:  # a global inline flag, which must stay at the start: no lookahead
                self._rx = compile_regex(self.pattern, self.flags)
        return self._rx

    @property
    def first(self) -> re.Pattern | None:
        if self._first is None and self.validate()._first_src is not None:
            self._first = compile_regex(self._first_src, self.rx.flags & re.ASCII)
        return self._first

    @property
    def required(self) -> tuple:
        if self._required is None:
            self.validate()
            ascii_flag = self.flags & re.ASCII
            self._required = tuple(_literals(c) or compile_regex(c, ascii_flag).search
                                   for c in self._required_src)
        return self._required

    def possible(self, text: str) -> bool:
        """False when ``text`` lacks a character that every match needs."""
        for r in self.required:
            if isinstance(r, str):
                # ``in`` finds one character ten times faster than a class search.
                if not any(c in text for c in r):
                    return False
            elif r(text) is None:
                return False
        return True

    def gate_sets(self) -> tuple[str, ...]:
        """What :mod:`lint.text.gates` filters paragraphs with: sets of characters of which
        every match holds one (the literal sets, and the first class when it is only literals)."""
        self.validate()
        first = None if self._first_src is None else _literals(self._first_src)
        return self._literal_sets + ((first,) if first else ())

    def _make_gate(self) -> tuple:
        """(literal sets, the first class's search or None): what a search needs on every
        paragraph before the pattern itself, kept in one tuple."""
        self.validate()
        search = None
        if self._first_src is not None:
            self.rx  # compiled now: a pattern that skips to its first class itself needs no search
            if not self._prefixed:
                search = self.first.search
        gate = self._gate = (self._literal_sets, search)
        return gate

    def _start(self, text: str, pos: int) -> int:
        """Where a search of ``text`` from ``pos`` may start (-1: no match is possible)."""
        lits, search = self._gate or self._make_gate()
        for chars in lits:
            for c in chars:
                if c in text:
                    break
            else:
                return -1
        if search is None:
            return pos
        m = search(text, pos)
        return -1 if m is None else m.start()

    # finditer and search are called for every paragraph and pattern: the test of _start is
    # written out in them (a call less each time).
    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        # Lookbehinds still see the text before the start; ``^`` could only match at 0, and
        # then the first character is there.
        lits, search = self._gate or self._make_gate()
        for chars in lits:
            for c in chars:
                if c in text:
                    break
            else:
                return _NOTHING
        if search is not None:
            m = search(text, pos)
            if m is None:
                return _NOTHING
            pos = m.start()
        rx = self._rx or self.rx
        return rx.finditer(text, pos) if endpos is None else rx.finditer(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        lits, search = self._gate or self._make_gate()
        for chars in lits:
            for c in chars:
                if c in text:
                    break
            else:
                return None
        if search is not None:
            m = search(text, pos)
            if m is None:
                return None
            pos = m.start()
        rx = self._rx or self.rx
        return rx.search(text, pos) if endpos is None else rx.search(text, pos, endpos)

    def findall(self, text: str, pos: int = 0):
        start = self._start(text, pos)
        return [] if start < 0 else self.rx.findall(text, start)

    def match(self, text: str, pos: int = 0, endpos: int | None = None):
        return self.rx.match(text, pos) if endpos is None else self.rx.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int | None = None):
        return self.rx.fullmatch(text, pos) if endpos is None else self.rx.fullmatch(text, pos, endpos)

    def sub(self, repl, text: str, count: int = 0) -> str:
        return text if self._start(text, 0) < 0 else self.rx.sub(repl, text, count)

    def subn(self, repl, text: str, count: int = 0):
        return (text, 0) if self._start(text, 0) < 0 else self.rx.subn(repl, text, count)

    def split(self, text: str, maxsplit: int = 0) -> list:
        return self.rx.split(text, maxsplit)


@lru_cache(maxsize=2048)
def fast(pattern: re.Pattern | str, flags: int = 0) -> FastPattern:
    """A :class:`FastPattern`, shared by every caller with the same pattern (rule files repeat
    their conditions, and validation and compilation see each pattern twice)."""
    return FastPattern(pattern, flags)
