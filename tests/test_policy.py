"""lint/policy/: rule selection and the exit code, as units."""

from __future__ import annotations

import pytest

from lint.engine import load_rules
from lint.errors import ConfigError, UsageError
from lint.model.finding import Finding
from lint.model.report import FileResult, Report
from lint.policy import exit as exit_policy
from lint.policy import selection


@pytest.fixture(scope="module")
def ruleset():
    return load_rules()


def codes(rules):
    return {r.code for r in rules}


def test_matches_is_case_insensitive_and_knows_explicit_from_broad(ruleset):
    rule = ruleset.get("PN001")
    assert selection.matches(rule, "pn001") == (True, True)
    assert selection.matches(rule, rule.name.upper()) == (True, True)
    assert selection.matches(rule, "Punctuation") == (True, False)
    assert selection.matches(rule, "标点符号") == (True, False)
    assert selection.matches(rule, "pn") == (True, False)
    assert selection.matches(rule, "all") == (True, False)
    assert selection.matches(rule, "FC") == (False, False)
    assert selection.matches(rule, "P") == (True, False)  # a one-letter prefix is a prefix too


def test_known_and_close_matches(ruleset):
    assert selection.known(ruleset, "ALL") and selection.known(ruleset, "secrecy")
    assert not selection.known(ruleset, "PN999") and not selection.known(ruleset, "punctuaton")
    assert "punctuation" in selection.close_matches(ruleset, "punctuaton")
    assert "FC001" in selection.close_matches(ruleset, "fc0001")
    assert selection.close_matches(ruleset, "zzzzzzzz") == []
    with pytest.raises(UsageError, match="是否想用"):
        selection.check_cli(ruleset, ["PN0001"])
    with pytest.raises(ConfigError):
        selection.check_config(ruleset, ["PN0001"], {"PN0001": ("gwlint.yaml", 4)}, "gwlint.yaml")


def test_select_rules_defaults_preview_and_extend(ruleset):
    default = codes(selection.select_rules(ruleset))
    preview = {r.code for r in ruleset if r.status == "preview"}
    assert default and not (default & preview)
    assert preview <= codes(selection.select_rules(ruleset, preview=True))
    some_preview = sorted(preview)[0]
    # named explicitly, a preview rule runs; a category does not bring in its preview rules
    assert codes(selection.select_rules(ruleset, [some_preview])) == {some_preview}
    cat = ruleset.get(some_preview).category
    assert some_preview not in codes(selection.select_rules(ruleset, [cat]))
    ext = codes(selection.select_rules(ruleset, ["FC001"], extend_select=["pn001"]))
    assert ext == {"FC001", "PN001"}
    assert codes(selection.select_rules(ruleset, extend_select=["PN001"])) == default


def test_keep_protects_explicit_choices_from_ignore(ruleset):
    assert "FC001" not in codes(selection.select_rules(ruleset, ["FC001", "PN001"], ["facts"]))
    kept = selection.select_rules(ruleset, ["FC001", "PN001"], ["facts"], keep=["fc001"])
    assert codes(kept) == {"FC001", "PN001"}
    # a broad keep (a category) does not override a specific ignore
    assert "FC001" not in codes(selection.select_rules(ruleset, ["facts"], ["FC001"], keep=["facts"]))


def test_per_file_ignores_match_paths_and_names(ruleset):
    per_file = {"old/*": ["punctuation"], "*.md": ["FC001"], "附件/": ["ALL"]}
    rules = selection.select_rules(ruleset)
    assert "PN001" not in codes(selection.rules_for_file(rules, per_file, "old/a.txt", "a.txt"))
    assert "PN001" in codes(selection.rules_for_file(rules, per_file, "new/a.txt", "a.txt"))
    assert "FC001" not in codes(selection.rules_for_file(rules, per_file, "x/y/说明.md", "说明.md"))
    assert selection.rules_for_file(rules, per_file, "附件/1.txt", "1.txt") == []
    assert selection.rules_for_file(rules, per_file, None, "a.txt") == rules


def _finding(sev, waived=False):
    f = Finding(path="a.txt", line=1, column=1, end_line=1, end_column=2, location="第1行", code="PN001",
                name="n", category="punctuation", severity=sev, message="m", text="x", suggestion=None, basis="b")
    f.waived = waived
    return f


def test_exit_code():
    sug = Report([FileResult("a.txt", [_finding("suggestion")])])
    err = Report([FileResult("a.txt", [_finding("error")])])
    waived = Report([FileResult("a.txt", [_finding("error", waived=True)])])
    broken = Report([FileResult("a.txt", error="无法读取")])
    assert exit_policy.exit_code(sug, {"a.txt": "warning"}) == exit_policy.EXIT_OK
    assert exit_policy.exit_code(sug, {"a.txt": "suggestion"}) == exit_policy.EXIT_FINDINGS
    assert exit_policy.exit_code(err, {}) == exit_policy.EXIT_FINDINGS
    assert exit_policy.exit_code(err, {}, exit_zero=True) == exit_policy.EXIT_OK
    assert exit_policy.exit_code(waived, {}) == exit_policy.EXIT_OK
    assert exit_policy.exit_code(broken, {}, exit_zero=True) == exit_policy.EXIT_ERROR
    assert exit_policy.fail_level(None, None) == "warning"
    assert exit_policy.fail_level("error", "suggestion") == "error"
    assert exit_policy.report_level(["error", "suggestion"]) == "error"
