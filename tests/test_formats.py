"""Every output format, as snapshots of a fixed draft, plus the properties each format promises.

The snapshot draft is tests/snapshots/draft.txt, checked with tests/snapshots/gwlint.yaml, which
runs only the test rules under tests/snapshots/rules/ (so new gwlint rules do not change the
snapshots) and has a waiver file with one live and one stale waiver. To accept new output:
``GWLINT_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_formats.py``, then review the diff.
"""

from __future__ import annotations

import json
import os
import re
import shutil

import pytest

from tests.helpers import REPO, run

SNAP = REPO / "tests" / "snapshots"
UPDATE = os.environ.get("GWLINT_UPDATE_SNAPSHOTS") == "1"
SUFFIX = {"text": "txt", "json": "json", "html": "html", "markdown": "md", "sarif": "sarif",
          "github": "github.txt"}


@pytest.fixture
def in_snapshots(monkeypatch):
    monkeypatch.chdir(SNAP)


@pytest.mark.parametrize("fmt", list(SUFFIX))
def test_snapshot(fmt, in_snapshots):
    r = run("check", "--no-color", "-f", fmt, "draft.txt")
    assert r.code == 1, r
    assert "gwlint-waivers.yaml:10: 豁免 FC901" in r.err  # the stale waiver, on stderr
    expected = SNAP / f"expected.{SUFFIX[fmt]}"
    if UPDATE:
        expected.write_text(r.out, encoding="utf-8")
    assert expected.exists(), f"no snapshot {expected.name}: run with GWLINT_UPDATE_SNAPSHOTS=1"
    assert r.out == expected.read_text(encoding="utf-8"), (
        f"{fmt} output changed; if intended, rerun with GWLINT_UPDATE_SNAPSHOTS=1 and review the diff")


def test_json_summary_counts(in_snapshots):
    data = run("check", "-f", "json", "draft.txt").json
    s = data["summary"]
    assert s["by_severity"] == {"error": 2, "warning": 0, "suggestion": 7}
    assert s["by_category"] == {"facts": 2, "length": 1, "punctuation": 6}
    assert s["by_rule"] == {"FC901": 2, "LN901": 1, "PN901": 6}
    assert s["waived"] == 1 and [w["code"] for w in data["waived"]] == ["WD901"]
    assert s["stale_waivers"] == 1 and data["stale_waivers"][0]["line"] == 10


# A minimal schema of the SARIF 2.1.0 parts gwlint writes, written from the OASIS specification's
# required properties (§3.13 sarifLog, §3.14 run, §3.18 tool, §3.19 toolComponent, §3.49
# reportingDescriptor, §3.27 result, §3.28 location, §3.29 physicalLocation, §3.30 region).
_TEXT = {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}
SARIF_SCHEMA = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "$schema": {"type": "string"},
        "runs": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["tool"],
            "properties": {
                "tool": {"type": "object", "required": ["driver"], "properties": {"driver": {
                    "type": "object", "required": ["name"],
                    "properties": {"name": {"type": "string"}, "rules": {"type": "array", "items": {
                        "type": "object", "required": ["id"],
                        "properties": {"id": {"type": "string"}, "shortDescription": _TEXT,
                                       "fullDescription": _TEXT, "help": _TEXT,
                                       "defaultConfiguration": {"type": "object", "properties": {
                                           "level": {"enum": ["none", "note", "warning", "error"]}}}}}}}}}},
                "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                "results": {"type": "array", "items": {
                    "type": "object", "required": ["message"],
                    "properties": {
                        "ruleId": {"type": "string"}, "ruleIndex": {"type": "integer", "minimum": 0},
                        "level": {"enum": ["none", "note", "warning", "error"]},
                        "message": _TEXT,
                        "locations": {"type": "array", "items": {"type": "object", "properties": {
                            "physicalLocation": {"type": "object", "required": ["artifactLocation"], "properties": {
                                "artifactLocation": {"type": "object", "required": ["uri"]},
                                "region": {"type": "object", "properties": {
                                    "startLine": {"type": "integer", "minimum": 1},
                                    "startColumn": {"type": "integer", "minimum": 1},
                                    "endLine": {"type": "integer", "minimum": 1},
                                    "endColumn": {"type": "integer", "minimum": 1}}}}}}}},
                        "suppressions": {"type": "array", "items": {
                            "type": "object", "required": ["kind"],
                            "properties": {"kind": {"enum": ["inSource", "external"]}}}},
                    }}},
            }}},
    },
}


def test_sarif_structure(in_snapshots):
    jsonschema = pytest.importorskip("jsonschema")
    data = json.loads(run("check", "-f", "sarif", "draft.txt").out)
    jsonschema.validate(data, SARIF_SCHEMA)
    run_ = data["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["FC901", "LN901", "PN901", "WD901"]  # one entry per rule
    assert all(r["help"]["text"] and "依据" in r["help"]["text"] for r in rules)
    for res in run_["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
    waived = [res for res in run_["results"] if res.get("suppressions")]
    assert [w["ruleId"] for w in waived] == ["WD901"]
    assert run_["columnKind"] == "unicodeCodePoints"


def test_sarif_valid_without_findings(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    p = tmp_path / "ok.txt"
    p.write_text("全年完成投资120亿元。\n", encoding="utf-8")
    data = json.loads(run("check", "-f", "sarif", "--select", "FC001", str(p)).out)
    jsonschema.validate(data, SARIF_SCHEMA)
    assert data["runs"][0]["results"] == []


def test_github_annotations_escape(tmp_path):
    p = tmp_path / "a,b.txt"
    p.write_text("会议定于X月X日召开。\n", encoding="utf-8")
    out = run("check", "-f", "github", "--select", "FC001", str(p)).out
    line = out.splitlines()[0]
    assert line.startswith("::error file=") and "a%2Cb.txt" in line
    assert re.search(r",line=1,col=5,endLine=1,endColumn=9,title=FC001 unfilled-placeholder::“X月X日”", line)


def test_html_is_self_contained(in_snapshots):
    html = run("check", "-f", "html", "draft.txt").out
    assert "<script" not in html and "<link" not in html and "@import" not in html and "url(" not in html
    # The only URL is the SVG namespace, which is never fetched.
    assert set(re.findall(r"https?://[^\"' )]+", html)) == {"http://www.w3.org/2000/svg"}
    assert 'lang="zh-CN"' in html and '<meta charset="utf-8">' in html
    assert "<svg" in html  # the chart
    # Every finding links to its rule's explanation, and every explanation is in the file.
    for code in set(re.findall(r'href="#rule-([A-Z]{2}\d{3})"', html)):
        assert f'id="rule-{code}"' in html
    # The draft is in the file with the finding marked in place.
    assert '<mark class="error" title="FC901 “X月X日”是没有填写的占位符。">X月X日</mark>' in html


def _many_commas(tmp_path):
    p = tmp_path / "长稿.txt"
    body = "".join(f"第{i}项工作要抓紧,要落实,要见效。" for i in range(150))
    p.write_text(f"关于做好工作的通知\n{body}\n会议定于X月X日召开。\n", encoding="utf-8")
    cfg = tmp_path / "gwlint.yaml"
    shutil.copytree(SNAP / "rules", tmp_path / "rules")  # a configuration reads only inside its folder
    cfg.write_text("rule-dirs: [rules]\nselect: [FC901, PN901]\n", encoding="utf-8")
    return p


def test_one_placeholder_is_not_buried_under_commas(tmp_path):
    p = _many_commas(tmp_path)
    html = run("check", "-f", "html", str(p)).out
    first_group = html.index('<details class="group')
    assert html.index("FC901", first_group) < html.index("PN901", first_group)
    assert '<details class="group error" open>' in html
    assert '<details class="group suggestion">' in html  # 300 commas: folded
    assert "本段 300 处" in html  # one note for the paragraph's commas, not 300
    md = run("check", "-f", "markdown", str(p)).out
    assert md.index("FC901 snap-placeholder（1 处）") < md.index("PN901 snap-halfwidth-comma（300 处）")
    assert "……另有 290 处同类问题" in md
    assert md.count("中文句子中用了半角逗号") == 10


def test_html_renders_in_chromium(tmp_path, in_snapshots):
    """Render the report in headless Chromium, when it is installed, and check it draws."""
    import shutil
    import subprocess

    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        pytest.skip("Chromium is not installed (apt-get install chromium) – rendering not checked")
    report = tmp_path / "report.html"
    assert run("check", "-f", "html", "-o", str(report), "draft.txt").code == 1
    png = tmp_path / "shot.png"
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,1600",
                    f"--screenshot={png}", report.as_uri()], capture_output=True, timeout=120)
    assert png.exists() and png.stat().st_size > 20_000
