"""Regular expressions from rule files that gwlint does not ship (``rule-dirs``).

A pattern such as ``(a+)+$`` makes a backtracking engine (Python's ``re``) take time exponential
in the text: a rule file from a colleague's share or a pull request could hang every run. So a
user rule's expressions are:

- refused at load, with file and line, when they hold what backtracking turns exponential:
  a back-reference, a repeat of something that itself repeats a variable number of times
  (``(a+)+``, ``(a*b?)*``), or a repeat of alternatives that can start alike (``(a|ab)*``);
- run on RE2 (``google-re2``, a linear-time engine) when the pattern is one RE2 accepts (no
  lookaround): :class:`Re2Pattern` has the interface of :class:`lint.text.fastregex.FastPattern`
  that ``kind: pattern`` uses.

The built-in rules are reviewed with the code and keep ``re`` (and its lookbehinds).
"""

from __future__ import annotations

import re

try:  # Python 3.11+
    import re._parser as _sre  # type: ignore[import-not-found]
    from re._constants import MAXREPEAT  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python 3.9/3.10
    import sre_parse as _sre  # type: ignore[no-redef]
    from sre_constants import MAXREPEAT  # type: ignore[no-redef]

try:
    import re2 as _re2
except ImportError:  # pragma: no cover - google-re2 has wheels for the usual platforms
    _re2 = None

_REPEATS = tuple(getattr(_sre, n) for n in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_sre, n))
_BACKREFS = tuple(getattr(_sre, n) for n in ("GROUPREF", "GROUPREF_EXISTS", "GROUPREF_IGNORE",
                                             "GROUPREF_LOC_IGNORE", "GROUPREF_UNI_IGNORE") if hasattr(_sre, n))


class Unsafe(ValueError):
    """Why a user pattern is refused (a Chinese sentence)."""


def check(pattern: str) -> None:
    """Raise :class:`Unsafe` for a pattern whose matching time can explode; ``re.error`` for
    one that does not parse."""
    _walk(_sre.parse(pattern), under_repeat=False)


def _variable(items) -> bool:
    """True when ``items`` can match text of more than one length (so a repeat of it has
    several ways to split the same text)."""
    lo, hi = items.getwidth()
    return lo != hi


def _walk(items, under_repeat: bool) -> None:
    for op, av in items:
        if op in _BACKREFS:
            raise Unsafe("含有反向引用（\\1、(?P=名称) 等）：外部规则的正则表达式不支持反向引用")
        if op in _REPEATS:
            lo, hi, sub = av
            unbounded = hi == MAXREPEAT or hi > 1000
            if under_repeat and (lo != hi):
                raise Unsafe("含有嵌套的量词（如 (a+)+）：这类表达式在某些文本上耗时呈指数增长，请改写为不嵌套的形式")
            if unbounded or hi > 1:
                if unbounded:
                    _check_alternatives(sub)
                if _variable(sub) and unbounded:
                    raise Unsafe("含有嵌套的量词（如 (a+)+、(a*b?)*）：这类表达式在某些文本上耗时呈指数增长，请改写为不嵌套的形式")
                _walk(sub, under_repeat or unbounded)
            else:
                _walk(sub, under_repeat)
        elif op is _sre.SUBPATTERN:
            _walk(av[-1], under_repeat)
        elif op is _sre.BRANCH:
            for alt in av[1]:
                _walk(alt, under_repeat)
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            _walk(av[1], under_repeat)
        elif hasattr(_sre, "ATOMIC_GROUP") and op is _sre.ATOMIC_GROUP:
            _walk(av, under_repeat)


def _check_alternatives(items) -> None:
    """A repeated group of alternatives is safe when no two alternatives can start with the same
    character (then each position has one way on)."""
    for op, av in items:
        if op is _sre.SUBPATTERN:
            _check_alternatives(av[-1])
        elif op is _sre.BRANCH:
            firsts = []
            for alt in av[1]:
                if not alt or alt[0][0] is not _sre.LITERAL:
                    raise Unsafe("量词作用于以非固定字符开头的多个选择支（如 (a|ab)*）：请改写，使各选择支的首字不同")
                firsts.append(alt[0][1])
            if len(set(firsts)) != len(firsts):
                raise Unsafe("量词作用于首字相同的多个选择支（如 (a|ab)*）：请改写，使各选择支的首字不同")


def available() -> bool:
    return _re2 is not None


class _Match:
    """A re2 match with group names accepted where ``re`` accepts them."""

    __slots__ = ("_m", "_index")

    def __init__(self, m, index: dict):
        self._m, self._index = m, index

    def _g(self, g):
        return self._index[g] if isinstance(g, str) else g

    def span(self, g=0):
        return self._m.span(self._g(g))

    def start(self, g=0):
        return self._m.start(self._g(g))

    def end(self, g=0):
        return self._m.end(self._g(g))

    def group(self, *gs):
        return self._m.group(*[self._g(g) for g in gs]) if gs else self._m.group()

    def groupdict(self, default=None):
        return {k: (v if v is not None else default) for k, v in self._m.groupdict().items()}

    def expand(self, template: str) -> str:
        def one(m):
            ref = m.group(1) or m.group(2)
            value = self.group(int(ref) if ref.isdigit() else ref)
            return value or ""

        return re.sub(r"\\(\d+)|\\g<(\w+)>", one, template)


def _options():
    opts = _re2.Options()
    opts.log_errors = False  # a pattern RE2 does not take is expected, not an error to print
    return opts


class Re2Pattern:
    """A user pattern on RE2, with what ``kind: pattern`` needs of a FastPattern."""

    def __init__(self, pattern: str):
        self.pattern = pattern
        self._rx = _re2.compile(pattern, _options())
        self.groups = self._rx.groups
        self.groupindex = dict(self._rx.groupindex)

    def validate(self) -> "Re2Pattern":
        return self

    def possible(self, text: str) -> bool:
        return True

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        it = self._rx.finditer(text, pos) if endpos is None else self._rx.finditer(text, pos, endpos)
        return (_Match(m, self.groupindex) for m in it)

    def search(self, text: str, pos: int = 0):
        m = self._rx.search(text, pos)
        return None if m is None else _Match(m, self.groupindex)


def compile_user(pattern: str):
    """A user pattern for ``kind: pattern``: on RE2 when RE2 takes it, else None (the caller
    keeps its ``re`` pattern, which :func:`check` has made safe)."""
    if _re2 is None:
        return None
    try:
        return Re2Pattern(pattern)
    except Exception:  # lookaround or a construct RE2 does not have
        return None
