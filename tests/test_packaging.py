"""The wheel carries rules/ and reference/, and an installed gwlint finds them from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from lint.engine import rule_files
from lint.resources import reference_dir, rules_dir
from tests.helpers import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.fail(f"pip wheel failed:\n{proc.stderr[-2000:]}")
    wheels = list(out.glob("gwlint-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_wheel_contains_rules_and_reference(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in rule_files(rules_dir()):
        assert f"lint/_data/rules/{path.relative_to(rules_dir()).as_posix()}" in names
    for path in reference_dir().glob("*.tsv"):
        assert f"lint/_data/reference/{path.name}" in names
    assert any(n.endswith("entry_points.txt") for n in names)
    # the HTML report's template and style sheet are package data
    assert {"lint/formats/templates/report.html.j2", "lint/formats/templates/report.css"} <= names


def test_requires_python_is_what_click_needs(wheel):
    meta = next(zipfile.ZipFile(wheel).read(n).decode() for n in zipfile.ZipFile(wheel).namelist()
                if n.endswith("METADATA"))
    assert "Requires-Python: >=3.10" in meta
    assert "Requires-Dist: jinja2" in meta


def test_installed_wheel_finds_its_rules_from_another_folder(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    draft = tmp_path / "elsewhere" / "a.txt"
    draft.parent.mkdir()
    draft.write_text("会议定于X月X日召开。\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = ("import lint.resources as r, sys; assert r.rules_dir().is_relative_to(sys.argv[1]), r.rules_dir(); "
            "from lint.cli import main; main(['check', '--select', 'FC001', '-f', 'html', '-o', 'r.html', 'a.txt'])")
    proc = subprocess.run([sys.executable, "-c", code, str(site)], cwd=draft.parent, env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    assert "FC001" in (draft.parent / "r.html").read_text(encoding="utf-8")  # rendered from the wheel's template
