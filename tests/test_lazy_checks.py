"""kind: python rules import their check module when they first run; a rule is still validated
at load (a bad function or option is an error there, warm cache or not), and a verdict kept in
the start-up cache is never served once a check module changes."""

from __future__ import annotations

import importlib
import sys

import pytest

from lint import cache as cache_mod
from lint.engine import check_document, load_rules
from lint.engine.kinds import python as py_kind
from lint.errors import RuleFileError
from lint.readers import read_stdin
from tests.test_engine import write_rule

RULE = """\
code: WD901
name: test-rule
category: wording
severity: error
message: "“{{text}}”重复，写作“{{suggestion}}”。"
why: 测试规则。
basis: "县长讲话：“文字准确”"
kind: python
fix: unsafe
function: {function}
{extra}examples:
  fail: [这是我们的的工作重点。]
  pass: [这的确是我们的工作重点。]
"""
MODULE = "lint.checks.wording"




def _load(tmp_path, function=f"{MODULE}:doubled_word", extra=""):
    d = write_rule(tmp_path, RULE.format(function=function, extra=extra))
    cache_mod._CACHES.clear()  # as a new process would
    return list(load_rules([d], builtin=False))[0]


def _no_import(monkeypatch):
    def refuse(name, *a, **k):
        raise AssertionError(f"imported {name} at load although the cache holds the verdict")
    monkeypatch.setattr(py_kind.importlib, "import_module", refuse)
    monkeypatch.delitem(sys.modules, MODULE, raising=False)


def _findings(rule):
    doc = read_stdin("这是我们的的工作重点。\n".encode("utf-8"), "a.txt")
    doc.meta["doctype"] = None
    return [f.as_dict() for f in check_document(doc, [rule])]


def test_a_warm_load_validates_without_importing_and_the_rule_runs(cache_dir, tmp_path, monkeypatch):
    cold = _load(tmp_path)
    expected = _findings(cold)
    assert expected
    with monkeypatch.context() as m:
        _no_import(m)
        warm = _load(tmp_path)
        assert MODULE not in sys.modules
    assert set(warm.compiled.fields) == set(cold.compiled.fields) and warm.fix == "unsafe"
    assert warm.prepare() is None
    assert _findings(warm) == expected  # imported now, when it runs


@pytest.mark.parametrize("function,extra,words", [
    (f"{MODULE}:no_such_check", "", "没有函数"),
    ("lint.checks.no_such_module:doubled_word", "", "找不到检查模块"),
    (f"{MODULE}:doubled_word", "options:\n  strange: 1\n", "未知的选项"),
])
def test_a_bad_function_or_option_is_an_error_at_load_with_the_cache_warm(cache_dir, tmp_path, function, extra,
                                                                           words):
    _load(tmp_path)  # the good rule's verdict is in the cache
    _load(tmp_path)
    for _ in range(2):  # and a bad one is never kept there
        with pytest.raises(RuleFileError) as info:
            _load(tmp_path, function, extra)
        assert words in info.value.reason


def test_an_edited_check_module_invalidates_the_verdicts(cache_dir, tmp_path, monkeypatch):
    _load(tmp_path)
    real = importlib.import_module
    imported = []

    def record(name, *a, **k):
        imported.append(name)
        return real(name, *a, **k)
    monkeypatch.setattr(py_kind.importlib, "import_module", record)
    monkeypatch.setattr(py_kind, "_modules_stamp", lambda: "an edited module")
    _load(tmp_path)
    assert imported == [MODULE]
