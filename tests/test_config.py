"""The project file: discovery, every key, presets, errors with file and line, config --show."""

from __future__ import annotations

import shutil
import textwrap

import pytest
import yaml

from lint.config.settings import resolve
from lint.config.file import load_config, preset_names
from tests.helpers import REPO, run

SNAP_RULES = REPO / "tests" / "snapshots" / "rules"
DRAFT = "关于召开会议的通知\n各乡镇：\n会议定于X月X日召开，此项工作涉及到全县。\n"


def write(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def codes(r) -> list[str]:
    return [f["code"] for f in r.json["findings"]]


@pytest.fixture
def project(tmp_path):
    write(tmp_path / "drafts" / "sub" / "通知.txt", DRAFT)
    return tmp_path


def test_found_by_walking_up(project):
    draft = project / "drafts" / "sub" / "通知.txt"
    assert set(codes(run("check", "-f", "json", str(draft)))) == {"FC001", "WD002"}
    write(project / "gwlint.yaml", "ignore: [WD002]\n")
    assert codes(run("check", "-f", "json", str(draft))) == ["FC001"]
    # The nearest file wins, with no merging of files further up.
    write(project / "drafts" / "gwlint.yaml", "select: [WD002]\n")
    assert codes(run("check", "-f", "json", str(draft))) == ["WD002"]
    # --config overrides discovery.
    other = write(project / "other.yaml", "select: [FC001]\n")
    assert codes(run("check", "-f", "json", "--config", str(other), str(draft))) == ["FC001"]


def test_pyproject_tool_section(project):
    write(project / "pyproject.toml", """\
        [project]
        name = "drafts"

        [tool.gwlint]
        ignore = ["FC001"]

        [tool.gwlint.rules]
        WD002 = "error"
        """)
    r = run("check", "-f", "json", str(project / "drafts"))
    assert codes(r) == ["WD002"] and r.json["findings"][0]["severity"] == "error"
    write(project / "pyproject.toml", "[tool.gwlint]\nignore = [\"FC001\"]\ncolour = true\n")
    bad = run("check", str(project / "drafts"))
    assert bad.code == 2 and "pyproject.toml:3" in bad.err and "colour" in bad.err


def test_per_rule_off_severity_and_options(project):
    draft = project / "drafts" / "sub" / "通知.txt"
    write(project / "gwlint.yaml", """\
        rules:
          FC001: off
          WD002: {severity: error}
          LN001: {severity: warning, max: 10}
        """)
    r = run("check", "-f", "json", str(draft))
    got = {f["code"]: f["severity"] for f in r.json["findings"]}
    assert got == {"WD002": "error", "LN001": "warning"}
    assert "超过 10 字" in next(f["message"] for f in r.json["findings"] if f["code"] == "LN001")


def test_on_enables_a_rule_outside_the_selection(project):
    draft = project / "drafts" / "sub" / "通知.txt"
    write(project / "gwlint.yaml", "select: [FC001]\nrules:\n  WD002: on\n")
    assert codes(run("check", "-f", "json", str(draft))) == ["FC001", "WD002"]
    # The command line still wins.
    assert codes(run("check", "-f", "json", "--ignore", "WD002", str(draft))) == ["FC001"]


def test_extends_presets(project):
    draft = project / "drafts" / "sub" / "通知.txt"
    write(project / "gwlint.yaml", "extends: 讲话稿\n")
    r = run("check", "-f", "json", "-v", str(draft))
    assert r.json["findings"][0]["path"] == str(draft)
    show = yaml.safe_load(run("config", "--show", str(project)).out)
    assert show["doctype"] == "讲话稿" and show["extends"] == ["讲话稿"]
    assert show["rules"]["LN001"] == {"severity": "warning", "max": 100}
    assert "format" in show["ignore"]
    # The file's own keys override the preset's.
    write(project / "gwlint.yaml", "extends: speech\ndoctype: 通知\nrules:\n  LN001: {max: 80}\n")
    show = yaml.safe_load(run("config", "--show", str(project)).out)
    assert show["doctype"] == "通知" and show["rules"]["LN001"] == {"severity": "warning", "max": 80}


@pytest.mark.parametrize("name", preset_names())
def test_every_preset_loads(tmp_path, name):
    write(tmp_path / "gwlint.yaml", f"extends: {name}\n")
    settings, rules = resolve(load_config(tmp_path / "gwlint.yaml"))
    assert rules


def test_doctype_and_public_from_config(project):
    draft = project / "drafts" / "sub" / "通知.txt"
    write(project / "gwlint.yaml", "doctype: 请示\npublic: true\n")
    r = run("check", "-f", "json", "-v", str(draft))
    assert r.code == 1
    show = yaml.safe_load(run("config", "--show", str(project)).out)
    assert show["doctype"] == "请示" and show["public"] is True
    v = run("check", "-v", str(draft))
    assert "文种 请示" in v.out
    assert "文种 通知" in run("check", "-v", "--doctype", "通知", str(draft)).out  # command line wins


def test_exclude_globs(project):
    write(project / "drafts" / "old" / "旧稿.txt", DRAFT)
    write(project / "gwlint.yaml", "exclude: ['drafts/old/*', '*.md']\n")
    write(project / "drafts" / "说明.md", DRAFT)
    r = run("check", "-f", "json", str(project / "drafts"))
    paths = {f["path"] for f in r.json["findings"]}
    assert paths == {str(project / "drafts" / "sub" / "通知.txt")}


def test_allow_terms_suppress_findings_inside_them(project):
    draft = project / "drafts" / "sub" / "通知.txt"
    write(project / "gwlint.yaml", "allow: [此项工作涉及到全县]\n")
    assert codes(run("check", "-f", "json", str(draft))) == ["FC001"]
    write(project / "gwlint.yaml", "allow: [涉及到]\n")  # the exact matched text
    assert codes(run("check", "-f", "json", str(draft))) == ["FC001"]
    write(project / "gwlint.yaml", "allow: [涉及]\n")  # shorter than the finding: no effect
    assert codes(run("check", "-f", "json", str(draft))) == ["FC001", "WD002"]


def test_rule_dirs_and_reference_dirs(project):
    draft = project / "drafts" / "sub" / "通知.txt"
    shutil.copytree(SNAP_RULES, project / "rules")  # a configuration reads only inside its folder
    write(project / "gwlint.yaml", "rule-dirs: [rules]\nselect: [FC901, WD002]\n")
    assert codes(run("check", "-f", "json", str(draft))) == ["FC901", "WD002"]
    # An office's own list replaces the built-in list of the same name.
    write(project / "lists" / "redundant-phrases.tsv",
          "phrase\tsuggestion\tnote\tsource\n召开\t开\t测试\t本单位规范\n")
    write(project / "gwlint.yaml", "reference-dirs: [lists]\nselect: [WD002]\n")
    r = run("check", "-f", "json", str(draft))
    assert [(f["line"], f["text"], f["suggestion"]) for f in r.json["findings"]] == [
        (1, "召开", "开"), (3, "召开", "开")]


@pytest.mark.parametrize("body, line, words", [
    ("select: [FC001]\ncolour: red\n", 2, "未知的配置项“colour”"),
    ("rules:\n  FC001: error\n  XX999: off\n", 3, "未知的规则代码“XX999”"),
    ("ignore:\n  - FC001\n  - NOPE\n", 3, "NOPE"),
    ("rules:\n  LN001: {maxx: 3}\n", 2, "maxx"),
    ("rules:\n  LN001: loud\n", 2, "loud"),
    ("extends: nonexistent\n", 1, "未知的预设“nonexistent”"),
    ("doctype: 便条\n", 1, "未知的文种"),
    ("public: yes please\n", 1, "true 或 false"),
    ("rule-dirs: [nowhere]\n", 1, "nowhere"),
    ("select: [FC001\n", 2, "YAML 语法错误"),
])
def test_errors_name_file_and_line(tmp_path, body, line, words):
    write(tmp_path / "a.txt", DRAFT)
    write(tmp_path / "gwlint.yaml", body)
    r = run("check", str(tmp_path / "a.txt"))
    assert r.code == 2, r
    assert f"gwlint.yaml:{line}:" in r.err and words in r.err, r.err
    assert "Traceback" not in r.err and len(r.err.strip().splitlines()) == 1


def test_config_show_round_trip(tmp_path):
    write(tmp_path / "gwlint.yaml", """\
        extends: report
        select: [FC, WD]
        ignore: [WD001]
        rules:
          WD002: error
          LN001: {max: 120}
        allow: [XX县人民政府办公室]
        exclude: ['*.bak.txt']
        fail-level: error
        """)
    r = run("config", "--show", "--config", str(tmp_path / "gwlint.yaml"))
    assert r.code == 0, r
    shown = yaml.safe_load(r.out)
    assert {"FC001", "WD002"} <= set(shown["rules-run"])
    assert all(c.startswith(("FC", "WD")) for c in shown["rules-run"])
    assert "WD001" not in shown["rules-run"] and "LN001" not in shown["rules-run"]
    assert shown["fail-level"] == "error" and shown["doctype"] == "报告"
    # The merged result is itself a valid configuration that gives the same result.
    again = {k: v for k, v in shown.items() if k not in ("config", "rules-run", "waivers", "extends")}
    write(tmp_path / "merged" / "gwlint.yaml", yaml.safe_dump(again, allow_unicode=True))
    shown2 = yaml.safe_load(run("config", "--show", "--config", str(tmp_path / "merged" / "gwlint.yaml")).out)
    assert shown2["rules-run"] == shown["rules-run"] and shown2["rules"] == shown["rules"]


def test_fail_level_from_config(project):
    draft = project / "drafts" / "sub" / "通知.txt"
    write(project / "gwlint.yaml", "select: [WD002]\nfail-level: error\n")
    assert run("check", str(draft)).code == 0
    assert run("check", "--fail-level", "warning", str(draft)).code == 1
