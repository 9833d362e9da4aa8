"""lint.text.fastregex: the first-character analysis must never change what a pattern matches."""

from __future__ import annotations

import re

import pytest

from lint.analysis import announce, series
from lint.engine import load_rules
from lint.text.fastregex import FastPattern, first_class
from tests.helpers import CORPUS


def _chars(cls, pattern=""):
    """The characters of a class built by first_class, among ASCII, punctuation and the
    pattern's own characters."""
    universe = set(map(chr, range(0x20, 0x3100))) | set(pattern)
    return set() if cls is None else {c for c in universe if re.fullmatch(cls, c)}


@pytest.mark.parametrize("pattern, expected", [
    ("abc", {"a"}),
    ("[xy]z", {"x", "y"}),
    ("x?y", {"x", "y"}),
    ("(?<![A-Z])(?:XX|××)", {"X", "×"}),
    ("(?:^|(?<=，))—", {"—"}),
    ("(?=[ab])[a-c]", {"a", "b", "c"}),  # a lookahead narrows nothing here: still sound
    ("(?P<n>一|二)是", {"一", "二"}),
    ("…{3,}|。{3}", {"…", "。"}),
    ("(?:ab)*c", {"a", "c"}),
])
def test_first_class(pattern, expected):
    assert _chars(first_class(pattern), pattern) == expected


@pytest.mark.parametrize("pattern", [
    "a*",            # can match the empty string
    "(?:)",
    ".b",            # any character
    "[^a]b",         # negated class
    "\\Sx",          # negated category
    "(?i)abc",       # case folding: the literal set would be wrong
    "(?i:a)b",
    "(a)\\1",        # back-reference first? no: 'a' first, fine — but see the next one
    "(?(1)a|b)",     # conditional group
])
def test_first_class_gives_up(pattern):
    got = first_class(pattern)
    if pattern == "(a)\\1":
        assert _chars(got) == {"a"}
    else:
        assert got is None


@pytest.mark.parametrize("pattern", ["(?<=a+)b", "(?<=(?P<n>a)|bc)d", "(?:(?<=a|bb)x)+", "(?<!x*)y"])
def test_validate_fails_like_compile(pattern):
    """A rule's pattern is parsed at load and compiled later: what only the compiler rejects
    (variable-width lookbehinds) must fail at load too."""
    with pytest.raises(re.error) as compiled:
        re.compile(pattern)
    with pytest.raises(re.error) as parsed:
        FastPattern(pattern).validate()
    assert str(parsed.value) == str(compiled.value)


def test_digit_category_kept():
    cls = first_class(r"(?<!\d)\d{2}年")
    assert re.fullmatch(cls, "7") and re.fullmatch(cls, "٣") and not re.fullmatch(cls, "年")


def test_lead_keeps_groups_and_flags():
    fp = FastPattern(r"(?P<a>X+)(年)")
    assert fp.groupindex == {"a": 1} and fp.groups == 2
    assert fp.search("第XX年").groupdict() == {"a": "XX"}


def test_global_inline_flag_falls_back_to_the_plain_pattern():
    fp = FastPattern("(?x) X X 年")  # the lookahead cannot go before a global flag
    assert [m.span() for m in fp.finditer("第XX年")] == [(1, 4)]
    assert fp.search("没有") is None and fp.possible("XX年") and not fp.possible("年")


def _samples() -> list[str]:
    texts = [
        "XX年XX月", "××县", "第X期", "202X年", "某某单位", "□□万元", "○○县", "____年__月__日",
        "（此处补充数据）", "……等", "...", "。。。", "——", "--", "一是抓落实，二是抓督查。",
        "讲三点意见：", "概括起来就是“三个十分”：", "要做到三个“坚持”：", "19年底", "2023-5",
        "X", "—", "0", ".5", "首先，", "最后，我讲三个方面的问题。",
    ]
    gov = CORPUS / "gov-reports"
    if gov.is_dir():
        for f in sorted(gov.glob("*.txt"))[:6]:
            texts += f.read_text(encoding="utf-8").splitlines()
    return texts


def _patterns() -> list[str]:
    out = [series._INLINE.pattern, announce._ANNOUNCE.pattern]
    for rule in load_rules():
        if rule.kind == "pattern":
            out += [fp.pattern for fp in rule.compiled.regexes]
    return out


@pytest.fixture(scope="module")
def samples():
    return _samples()


@pytest.mark.parametrize("pattern", _patterns())
def test_fast_pattern_matches_like_re(pattern, samples):
    plain = re.compile(pattern)
    fast = FastPattern(pattern)
    for text in samples:
        want = [(m.span(), m.groups()) for m in plain.finditer(text)]
        got = [(m.span(), m.groups()) for m in fast.finditer(text)]
        assert got == want, text
        assert (plain.search(text) is None) == (fast.search(text) is None)


def test_every_module_pattern_compiles():
    """Module-level patterns are compiled on first use; compile them all here, so that one used
    only on a rare path cannot hide an error until a user's draft reaches it."""
    import importlib
    import pkgutil

    import lint
    import lint.checks

    names = [f"lint.{m.name}" for m in pkgutil.iter_modules(lint.__path__)] + \
            [f"lint.checks.{m.name}" for m in pkgutil.iter_modules(lint.checks.__path__)]
    seen = 0
    for name in names:
        if name.endswith("__main__"):
            continue
        mod = importlib.import_module(name)
        for value in vars(mod).values():
            items = value if isinstance(value, (list, tuple)) else [value]
            for item in items:
                for x in (item if isinstance(item, tuple) else (item,)):
                    if isinstance(x, FastPattern):
                        assert x.rx.pattern  # compiles, or raises re.error
                        seen += 1
    assert seen > 50
