"""The house as the README draws it: the layers contract in pyproject.toml holds (lint-imports),
so a module never imports a stage above its own."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _lint_imports() -> str | None:
    here = Path(sys.executable).parent / "lint-imports"
    return str(here) if here.exists() else shutil.which("lint-imports")


@pytest.mark.skipif(_lint_imports() is None, reason="import-linter is in the test extra")
def test_layers_contract_is_kept(tmp_path):
    done = subprocess.run([_lint_imports(), "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "1 kept, 0 broken" in done.stdout


def test_no_module_over_450_lines():
    """A module that grows past this is holding more than one idea: split it by what it holds."""
    long = {str(p.relative_to(REPO)): n for p in (REPO / "lint").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 450}
    assert not long


def test_few_modules_at_the_top_of_the_package():
    """The top of lint/ holds the command, the package face and the base; the rest lives in the
    stage it belongs to."""
    top = sorted(p.name for p in (REPO / "lint").glob("*.py"))
    assert len(top) <= 8, top
