"""The gwlint program ends its process itself once the run is done (lint/cli.py main): the
output is complete, the exit code is the run's, exit handlers still run; main(argv) raises
SystemExit as before."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lint.cli import main

REPO = Path(__file__).resolve().parent.parent
DRAFT = "关于做好XX工作的通知\n各乡镇：\n请于X月X日前报送材料。\n"


def _run(code: str, draft: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # stdout buffered, as usual
    return subprocess.run([sys.executable, "-c", code, str(draft)], capture_output=True, text=True,
                          cwd=REPO, timeout=120, env=env)


def test_program_output_is_complete_and_exit_code_kept(tmp_path):
    draft = tmp_path / "a.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    done = _run("import sys; sys.argv = ['gwlint', 'check', '-f', 'json', sys.argv[1]]\n"
                "from lint.cli import main; main()", draft)
    assert done.returncode == 1, done.stderr
    assert done.stdout.rstrip().endswith("}") and '"FC001"' in done.stdout


def test_exit_handlers_run_and_what_they_print_is_flushed(tmp_path):
    draft = tmp_path / "a.txt"
    draft.write_text("这是一段没有问题的话。\n", encoding="utf-8")
    # print() to a pipe is buffered: only the flush after the handlers gets it out
    done = _run("import atexit, sys; atexit.register(lambda: print('handler ran'))\n"
                "sys.argv = ['gwlint', 'check', sys.argv[1]]\nfrom lint.cli import main; main()", draft)
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("handler ran")


def test_main_with_arguments_raises_system_exit(tmp_path):
    draft = tmp_path / "a.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["check", "-q", str(draft)])
    assert exc.value.code == 1
