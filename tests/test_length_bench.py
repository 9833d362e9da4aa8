"""bench/length_distribution.py: the tables the length thresholds come from."""

from __future__ import annotations

import importlib.util

import pytest

from tests.helpers import CORPUS, REPO


def _module():
    spec = importlib.util.spec_from_file_location("length_distribution", REPO / "bench" / "length_distribution.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_percentile_nearest_rank():
    mod = _module()
    values = list(range(1, 101))
    assert mod.percentile(values, 50) == 50 and mod.percentile(values, 99) == 99
    assert mod.percentile(values, 100) == 100 and mod.percentile([], 50) == 0


def test_markdown_tables_on_a_small_corpus(tmp_path):
    mod = _module()
    (tmp_path / "a.txt").write_text("一、总体要求\n这是第一句。这是第二句，稍长一些。\n", encoding="utf-8")
    out = mod.markdown(tmp_path, {"sentence": 3, "paragraph": 900, "heading": 30})
    assert "| sentence (body, tables) | 2 |" in out
    assert "| heading level 1 | 1 |" in out
    assert "| sentence | 3 | 2 |" in out


def test_defaults_sit_above_the_corpus_99th_percentile():
    gov = CORPUS / "gov-reports"
    if not gov.is_dir():
        pytest.skip("corpus not beside the repository")
    from lint.engine import load_rules

    mod = _module()
    m = mod.measure(gov)
    rules = load_rules()
    assert rules.get("LN001").params["max"] >= mod.percentile(m["units"]["sentence"], 99)
    assert rules.get("LN002").params["max"] >= mod.percentile(m["units"]["paragraph"], 99.9)
    headings = [v for vs in m["headings"].values() for v in vs]
    assert rules.get("LN003").params["max"] >= max(headings)


def test_thresholds_come_from_the_rule_files():
    from lint.engine import load_rules

    rules = load_rules()
    assert _module().rule_thresholds() == {"sentence": rules.get("LN001").params["max"],
                                           "paragraph": rules.get("LN002").params["max"],
                                           "heading": rules.get("LN003").params["max"]}
