"""The rule files themselves: schema, uniqueness, examples, docs and word lists."""

from __future__ import annotations

import pytest

from lint.engine import basis
from lint.engine import load_rules, rule_files
from lint.engine.wordlists import load_list
from lint.resources import reference_dir, rules_dir
from lint.formats.ruledocs import markdown
from tests.helpers import REPO

RULESET = load_rules()


def test_rules_exist_for_every_kind():
    kinds = {r.kind for r in RULESET}
    assert kinds >= {"phrase", "substitution", "pattern", "metric", "series", "python"}


def test_every_rule_file_loaded():
    assert len(RULESET) == len(rule_files(rules_dir()))


@pytest.mark.parametrize("rule", list(RULESET), ids=lambda r: r.code)
def test_rule_has_three_fail_and_three_pass_examples(rule):
    assert len(rule.examples["fail"]) >= 3, f"{rule.path}: fewer than three fail examples"
    assert len(rule.examples["pass"]) >= 3, f"{rule.path}: fewer than three pass examples"


@pytest.mark.parametrize("rule", list(RULESET), ids=lambda r: r.code)
def test_rule_lives_in_its_category_folder(rule):
    assert rule.path.replace("\\", "/").startswith(f"rules/{rule.category}/"), rule.path


@pytest.mark.parametrize("rule", list(RULESET), ids=lambda r: r.code)
def test_basis_names_an_authority(rule):
    assert basis.names_authority(rule.basis)


def test_generated_rule_docs_are_current():
    current = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == markdown(RULESET), "docs/rules.md is stale: run `gwlint docs`"


@pytest.mark.parametrize("path", sorted(reference_dir().glob("*.tsv")), ids=lambda p: p.name)
def test_reference_lists_load_and_cite_sources(path):
    rows = load_list(path)
    assert rows, f"{path.name} is empty"
    assert all(r["source"] for r in rows)


def test_every_reference_list_is_described():
    documented = (reference_dir() / "README.md").read_text(encoding="utf-8")
    for path in reference_dir().glob("*.tsv"):
        assert f"`{path.name}`" in documented, f"reference/{path.name} is not described in reference/README.md"


def test_every_basis_names_a_source_a_reader_can_find():
    """A speech by its title and speaker's role, a standard by number and clause; never a file
    of this repository."""
    from lint.engine import basis

    for rule in load_rules():
        assert basis.problem(rule.basis) is None, rule.code
        assert not any(short in rule.basis and title not in rule.basis for short, title in basis.SPEECHES.items())
    assert basis.problem("STANDARDS.md 编辑规则：写明年月日。") is not None
    assert basis.problem("见 GUIDANCE.md §4") is not None
    assert basis.problem("GB/T 15834-2011：逗号") is not None
    assert basis.problem("GB/T 15834-2011 附录B.3：序次语") is None
    assert basis.cite("县长讲话：“文字准确”").startswith("县长在全县政府系统办公室工作会议上的讲话")
