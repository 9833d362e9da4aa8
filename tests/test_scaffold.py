"""gwlint new-rule: a skeleton that loads, takes the next free code, never overwrites, and whose
placeholder examples fail until a contributor writes real ones."""

from __future__ import annotations

import pytest

from lint.engine import check_document, load_rules
from lint.errors import RuleFileError
from lint.engine.rules import CATEGORIES
from lint.readers import read_stdin
from tests.helpers import run


def test_skeleton_loads_with_the_next_free_code(tmp_path):
    r = run("new-rule", "wording", "my-rule", "--dir", str(tmp_path))
    assert r.code == 0, r.err
    path = tmp_path / "wording" / "my-rule.yml"
    ruleset = load_rules([tmp_path])
    rule = next(x for x in ruleset if x.name == "my-rule")
    builtin = {x.code for x in load_rules() if x.category == "wording"}
    assert rule.code.startswith(CATEGORIES["wording"][0]) and rule.code not in builtin
    assert rule.status == "preview" and path.read_text(encoding="utf-8").count("（") > 3
    r2 = run("new-rule", "wording", "second-rule", "--dir", str(tmp_path))
    second = next(x for x in load_rules([tmp_path]) if x.name == "second-rule")
    assert r2.code == 0 and second.code != rule.code


def test_placeholder_examples_fail_their_own_test(tmp_path):
    run("new-rule", "punctuation", "odd-mark", "--dir", str(tmp_path))
    rule = next(x for x in load_rules([tmp_path]) if x.name == "odd-mark")
    fail = rule.examples["fail"][0]
    doc = read_stdin(fail["text"].encode("utf-8"), "example.txt")
    assert not [f for f in check_document(doc, [rule]) if f.code == rule.code]  # must be rewritten


def test_every_kind_gives_a_loadable_skeleton(tmp_path):
    for kind in ("pattern", "phrase", "substitution", "metric"):
        folder = tmp_path / kind
        assert run("new-rule", "hollow", f"rule-{kind}", "--kind", kind, "--dir", str(folder)).code == 0
        assert f"rule-{kind}" in {x.name for x in load_rules([folder])}


def test_python_skeleton_names_the_function_still_to_write(tmp_path):
    assert run("new-rule", "hollow", "odd-claim", "--kind", "python", "--dir", str(tmp_path)).code == 0
    with pytest.raises(RuleFileError) as exc:
        load_rules([tmp_path])
    assert "odd-claim.yml" in str(exc.value) and "odd_claim" in str(exc.value)


def test_never_overwrites_and_refuses_bad_names(tmp_path):
    assert run("new-rule", "wording", "my-rule", "--dir", str(tmp_path)).code == 0
    again = run("new-rule", "wording", "my-rule", "--dir", str(tmp_path))
    assert again.code == 2 and "已经存在" in again.err
    assert run("new-rule", "wording", "My_Rule", "--dir", str(tmp_path)).code == 2
    assert run("new-rule", "nosuch", "x", "--dir", str(tmp_path)).code == 2
