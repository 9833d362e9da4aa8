"""One check run as the command line starts it: plan the drafts, check them, apply waivers,
and decide the exit code. The CLI parses options and prints; everything between is here."""

from __future__ import annotations

import sys
from pathlib import Path

from ..config.settings import Overrides
from ..policy import exit as exit_policy


def run_check(paths, config: str | None, overrides: Overrides, jobs: int | None,
              progress: bool = True, keep_docs: bool = False, stdin_name: str | None = None,
              outputs=(), before=None, say=None):
    """The library's check (:func:`lint.app.api.run_check`) with standard input read, a progress
    bar on a terminal and the outputs guarded: ``(report, plan)``.

    ``outputs``: (what, path) of the files the command will write, refused before any check when
    one is a file the run reads (lint/app/outputs.py); ``before(plan)``: more such checks;
    ``say(line)``: how the command prints a note (skipped entries). ``keep_docs``: the report
    prints the drafts' text (HTML, Markdown, text quotes, Word comments)."""
    from . import api
    from .collect import cap_jobs
    from .jobs import ProgressBar, default_jobs
    from .outputs import guard

    def ready(plan):
        guard(outputs, plan.inputs(), plan.protected + plan.waiver_files, stdin_filename=plan.stdin_name)
        if before is not None:
            before(plan)
        if say is not None:
            for name, why in plan.skipped:
                say(f"gwlint: 跳过 {name}：{why}")
            if plan.nothing_checked:
                say("gwlint: 所有文件都被排除或跳过，没有检查任何文稿")
            for note in dict.fromkeys(n for settings, _ in plan.contexts.values() for n in settings.notes):
                say(f"gwlint: {note}")

    stdin_data = sys.stdin.buffer.read() if "-" in paths else None
    bar = ProgressBar() if progress and sys.stderr.isatty() else None
    try:
        return api.run_check(list(paths), overrides, config, cap_jobs(jobs, default_jobs()), stdin_data,
                             stdin_name=stdin_name, progress=bar, keep_docs=keep_docs, before=ready)
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
    """Write the Word copy with comments (atomically, marked as gwlint's so that a later walk
    does not check it); the number of comments, or None if the draft could not be read."""
    from ..formats.docx_comments import annotate as comments
    from .outputs import mark_docx, write_atomic

    result, path = single_draft(plan, report)
    if result.error:
        return None
    data, n = comments(result, path, Path(out), mark=mark_docx)
    write_atomic(out, data)
    return n


def write_report(output: str, fmt: str, text: str) -> bool:
    """Write a report atomically, marked as gwlint's; True when its folder had to be created."""
    from .outputs import mark, write_atomic

    return write_atomic(output, mark(fmt, text))
