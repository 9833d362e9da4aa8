"""kind: python accepts a check function by its code object as inspect.signature would."""

from __future__ import annotations

import functools
import inspect

import pytest

from lint.engine.kinds.python import is_check

SOURCES = {
    "plain": "def f(doc, rule, options): pass",
    "default": "def f(doc, rule, options=1): pass",
    "keyword_only": "def f(doc, rule, *, options): pass",
    "varargs": "def f(doc, rule, options, *extra): pass",
    "varkw": "def f(doc, rule, options, **kw): pass",
    "positional_only": "def f(doc, rule, /, options): pass",
    "other_name": "def f(doc, rule, opts): pass",
    "two": "def f(doc, rule): pass",
    "four": "def f(doc, rule, options, x): pass",
}
EXPECTED = {"plain": True, "positional_only": True}


def _by_signature(fn) -> bool:
    params = list(inspect.signature(fn).parameters.values())
    return [p.name for p in params] == ["doc", "rule", "options"] and all(
        p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty for p in params)


@pytest.mark.parametrize("name", SOURCES)
def test_is_check_reads_the_signature(name):
    ns: dict = {}
    exec(SOURCES[name], ns)
    fn = ns["f"]
    fn.__module__ = "lint.checks.example"
    assert is_check(fn, "lint.checks.example") is EXPECTED.get(name, False)
    assert is_check(fn, "lint.checks.example") == _by_signature(fn)


def test_a_wrapped_function_is_judged_by_what_it_wraps():
    def check(doc, rule, options):
        pass

    @functools.wraps(check)
    def wrapper(*args):
        return check(*args)

    assert is_check(wrapper, wrapper.__module__) == _by_signature(wrapper) is True
