"""The pre-commit hook, run on a temporary git repository of drafts.

pre-commit itself installs the hook's repository into a virtualenv from the network, which a test
cannot rely on; so this test reads .pre-commit-hooks.yaml and does what pre-commit does with it:
take the staged files that match ``files``, append them to ``entry`` and run that command in the
repository, where its exit code decides the commit.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys

import pytest
import yaml

from tests.helpers import REPO

HOOKS = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def git(repo, *args):
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def run_hook(repo):
    """What `pre-commit run` does for the gwlint hook: matching staged files appended to entry."""
    hook = next(h for h in HOOKS if h["id"] == "gwlint")
    files = [f for f in git(repo, "diff", "--cached", "--name-only", "-z").split("\0") if f]
    files = [f for f in files if re.search(hook["files"], f)]
    if not files:
        return 0, ""
    entry = shlex.split(hook["entry"])
    exe = shutil.which(entry[0])
    cmd = [exe] if exe else [sys.executable, "-m", "lint"]
    proc = subprocess.run(cmd + entry[1:] + hook.get("args", []) + files, cwd=repo,
                          capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    return proc.returncode, proc.stdout + proc.stderr


@pytest.fixture
def repo(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git(tmp_path, "init", "-q")
    git(tmp_path, "config", "user.email", "t@example.com")
    git(tmp_path, "config", "user.name", "t")
    return tmp_path


def test_hook_definition():
    hook = next(h for h in HOOKS if h["id"] == "gwlint")
    assert hook["entry"].split()[:2] == ["gwlint", "check"]
    assert hook["language"] == "python" and hook["require_serial"] is True
    assert re.search(hook["files"], "a/通知.docx") and re.search(hook["files"], "讲话.txt")
    assert not re.search(hook["files"], "README.rst")


def test_hook_blocks_a_faulty_draft_and_passes_a_fixed_one(repo):
    (repo / "gwlint.yaml").write_text("select: [FC001]\n", encoding="utf-8")
    (repo / "通知.txt").write_text("关于召开会议的通知\n会议定于X月X日召开。\n", encoding="utf-8")
    (repo / "notes.rst").write_text("X月X日\n", encoding="utf-8")  # not a draft: not passed
    git(repo, "add", ".")
    code, out = run_hook(repo)
    assert code == 1 and "通知.txt:2:5: error FC001" in out and "notes.rst" not in out
    (repo / "通知.txt").write_text("关于召开会议的通知\n会议定于3月5日召开。\n", encoding="utf-8")
    git(repo, "add", ".")
    assert run_hook(repo) == (0, "未发现问题（共检查 1 个文件）。\n")
    git(repo, "commit", "-q", "-m", "draft")


def test_hook_honours_waivers_in_the_repository(repo):
    (repo / "gwlint.yaml").write_text("select: [FC001]\n", encoding="utf-8")
    (repo / "通知.txt").write_text("会议定于X月X日召开。\n", encoding="utf-8")
    git(repo, "add", ".")
    assert run_hook(repo)[0] == 1
    exe = shutil.which("gwlint")
    cmd = [exe] if exe else [sys.executable, "-m", "lint"]
    subprocess.run(cmd + ["waive", "通知.txt", "--reason", "会期待定"], cwd=repo, check=True, capture_output=True)
    git(repo, "add", ".")
    assert run_hook(repo)[0] == 0
