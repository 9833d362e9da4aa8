"""Patterns compiled to skip to their first characters in the engine (lint.cache.compile_prefixed,
used by lint.text.fastregex.FastPattern) match exactly what ``re`` matches."""

from __future__ import annotations

import importlib
import pkgutil
import random
import re

import pytest

from lint import cache as _cache
from lint.cache import compile_prefixed
from lint.text.fastregex import FastPattern, first_class

from .helpers import CORPUS

# The engine's own program is built only where lint.cache can (CPython 3.11 and later); elsewhere
# FastPattern keeps its lookahead, which tests/test_prefilter.py covers.
needs_cpython = pytest.mark.skipif(not _cache._FAST_COMPILE, reason="the prefixed program needs CPython 3.11+")

EDGE_PATTERNS = [
    r"(?<!甲)乙",                      # lookbehind at the very start of the text
    r"(?<=[甲乙])丙+",
    r"(?:^|(?<=[，。]))—(?![— ])",     # ^ only at the start of the text, also with pos > 0
    r"。{2,}$",
    r"(?P<a>[甲乙])(?P<b>丙)?丁",
    r"(?<![\d.])0(?P<d>[1-9])(?=[月日])",
    r"(?:甲乙|乙丙)+丁?",
    r"\d{2}年",
    r"[甲乙][^，]{0,3}?，",
    # classes whose str meaning is wider than their ASCII one: the ideographic space, full-width
    # digits and Han characters (a program once compiled them as ASCII classes)
    r"(?:^|(?<=[：\s]))(?P<n>[甲乙]丙)",
    r"(?<=\s)乙",
    r"\d+月",
    r"\w丁",
    r"\s+甲",
]
ALPHABET = "甲乙丙丁，。—0123456789月日年 \u3000０１：a"


@needs_cpython
def test_prefixed_program_is_made_and_kept_to_its_class():
    rx = compile_prefixed(r"(?<!甲)乙", 0, first_class(r"(?<!甲)乙"))
    assert rx is not None and rx.pattern == r"(?<!甲)乙"
    assert [m.span() for m in rx.finditer("乙甲乙丙乙")] == [(0, 1), (4, 5)]
    fp = FastPattern(r"(?<!甲)乙")
    assert fp.rx is not None and fp._prefixed


def test_a_pattern_that_may_match_nothing_is_not_prefixed():
    assert compile_prefixed(r"乙?", 0, "[乙]") is None


@needs_cpython
@pytest.mark.parametrize("pattern", EDGE_PATTERNS)
def test_prefixed_matches_like_re_on_random_text(pattern):
    plain = re.compile(pattern)
    first = first_class(pattern)
    assert first is not None
    rx = compile_prefixed(pattern, 0, first)
    assert rx is not None
    rng = random.Random(pattern)
    for _ in range(400):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 16)))
        pos = rng.randint(0, len(text))
        end = rng.randint(pos, len(text))
        assert [(m.span(), m.groups()) for m in rx.finditer(text)] == \
            [(m.span(), m.groups()) for m in plain.finditer(text)], text
        assert [m.span() for m in rx.finditer(text, pos, end)] == [m.span() for m in plain.finditer(text, pos, end)]
        got, want = rx.search(text, pos), plain.search(text, pos)
        assert (got and got.span()) == (want and want.span()), (text, pos)
        assert rx.sub("X", text) == plain.sub("X", text)
        fp = FastPattern(pattern)
        assert [m.span() for m in fp.finditer(text, pos)] == [m.span() for m in plain.finditer(text, pos)]


def _module_patterns() -> list[FastPattern]:
    """Every FastPattern held at the top of a lint module (the checks' and the analyses')."""
    import lint
    import lint.analysis
    import lint.checks

    out = {}
    for pkg in (lint, lint.analysis, lint.checks):
        for m in pkgutil.iter_modules(pkg.__path__):
            if m.name == "__main__":
                continue
            mod = importlib.import_module(f"{pkg.__name__}.{m.name}")
            for value in vars(mod).values():
                for item in (value if isinstance(value, (list, tuple)) else [value]):
                    if isinstance(item, FastPattern):
                        out[(item.pattern, item.flags)] = item
    return list(out.values())


@pytest.fixture(scope="module")
def lines():
    texts = ["第1条", "一是，二是。", "2023年5月", "……", "——", "据统计", "副县长"]
    gov = CORPUS / "gov-reports"
    if gov.is_dir():
        for f in sorted(gov.glob("*.txt"))[:2]:
            texts += f.read_text(encoding="utf-8").splitlines()
    return texts


def test_module_patterns_match_like_re(lines):
    patterns = _module_patterns()
    assert len(patterns) > 20
    for fp in patterns:
        plain = re.compile(fp.pattern, fp.flags)
        for text in lines:
            assert [(m.span(), m.groups()) for m in fp.finditer(text)] == \
                [(m.span(), m.groups()) for m in plain.finditer(text)], (fp.pattern, text)
