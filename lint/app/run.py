"""One check run as the command line starts it: plan the drafts, check them, apply waivers,
and decide the exit code. The CLI parses options and prints; everything between is here."""

from __future__ import annotations

import sys
from pathlib import Path

from ..config.settings import Overrides
from ..policy import exit as exit_policy


def run_check(paths, config: str | None, overrides: Overrides, jobs: int | None,
              progress: bool = True, keep_docs: bool = False, stdin_name: str | None = None):
    """The library's check (:func:`lint.app.api.run_check`) with standard input read and a
    progress bar on a terminal: ``(report, plan)``. ``keep_docs``: the report prints the
    drafts' text (HTML, Markdown, text quotes, Word comments)."""
    from . import api
    from .jobs import ProgressBar, default_jobs

    stdin_data = sys.stdin.buffer.read() if "-" in paths else None
    bar = ProgressBar() if progress and sys.stderr.isatty() else None
    try:
        return api.run_check(list(paths), overrides, config, jobs or default_jobs(), stdin_data,
                             stdin_name=stdin_name, progress=bar, keep_docs=keep_docs)
    finally:
        if bar:
            bar.close()


def exit_code(report, plan, exit_zero: bool = False) -> int:
    levels = {t.display: plan.contexts[t.context][0].fail_level for t in plan.tasks}
    return exit_policy.exit_code(report, levels, exit_zero)


def single_draft(plan, report):
    """(result, path) of the one draft of a run (``--annotate``), or a UsageError."""
    from ..errors import UsageError

    tasks = [t for t in plan.tasks if t.error is None]
    if len(tasks) != 1:
        raise UsageError(f"--annotate 只能用于一个文稿（这次要检查 {len(tasks)} 个）")
    return report.results[tasks[0].index], tasks[0].path


def annotate(plan, report, out: str) -> int | None:
    """Write the Word copy with comments; the number of comments, or None if the draft failed."""
    from ..formats.docx_comments import annotate as write

    result, path = single_draft(plan, report)
    if result.error:
        return None
    write(result, path, Path(out))
    return sum(1 for f in result.findings if not f.waived)
