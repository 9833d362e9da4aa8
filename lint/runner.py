"""Collect the drafts named on the command line, read and check each one.

A file that cannot be read becomes a result with an ``error`` and the others are still checked.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from .config import Settings
from .doctype import infer
from .engine import check_document
from .errors import InputError
from .readers import DRAFT_SUFFIXES, read_path, read_stdin
from .report import FileResult

STDIN = "-"


def collect(paths: list[str]) -> Iterator[tuple[str, Path | None, str | None]]:
    """(display name, path or None for stdin, error) for every draft the arguments name."""
    for raw in paths:
        if raw == STDIN:
            yield "<stdin>", None, None
            continue
        p = Path(raw)
        if not p.exists():
            yield raw, p, "文件或文件夹不存在"
        elif p.is_dir():
            found = list(_walk(p))
            if not found:
                yield raw, p, f"文件夹中没有可检查的文稿（{'、'.join(DRAFT_SUFFIXES)}）"
            for f in found:
                yield str(f), f, None
        else:
            yield raw, p, None


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            # ~$draft.docx is Word's lock file, not a draft.
            if name.startswith((".", "~$")) or Path(name).suffix.lower() not in DRAFT_SUFFIXES:
                continue
            yield Path(dirpath) / name


def check_one(display: str, path: Path | None, rules, settings: Settings,
              stdin_data: bytes | None = None, timing: dict | None = None) -> FileResult:
    try:
        doc = read_stdin(stdin_data or b"", display) if path is None else read_path(path, display)
    except InputError as exc:
        return FileResult(display, error=exc.reason)
    doc.meta["doctype"] = settings.doctype or infer(doc)
    doc.meta["public"] = settings.public
    findings = check_document(doc, rules, settings.severities, timing)
    return FileResult(display, findings, encoding=doc.encoding, doctype=doc.meta["doctype"],
                      chars=doc.text_chars, doc=doc)
