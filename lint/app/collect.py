"""The drafts a run checks: the paths named on the command line, folders walked, and the
configuration (settings and rules) that applies to each."""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..config.file import find_config, load_config
from ..config.settings import Overrides, Settings, resolve
from ..readers import DRAFT_SUFFIXES

STDIN = "-"


def collect(paths: list[str], stdin_name: str | None = None) -> Iterator[tuple[str, Path | None, str | None]]:
    """(display name, path or None for stdin, error) for every draft the arguments name."""
    for raw in paths:
        if raw == STDIN:
            yield stdin_name or "<stdin>", None, None
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


@dataclass
class Task:
    index: int
    display: str
    path: Path | None
    error: str | None
    context: str  # key of the configuration that applies ("" = none)


class Plan:
    """The files of a run with the configuration (settings and rules) of each."""

    def __init__(self, paths: list[str], overrides: Overrides, config: str | None = None,
                 stdin_name: str | None = None):
        self.overrides = overrides
        self.contexts: dict[str, tuple[Settings, list]] = {}
        self.config_paths: dict[str, Path | None] = {}
        self.tasks: list[Task] = []
        self.excluded: list[str] = []
        found: dict[Path, Path | None] = {}
        rulesets: dict = {}

        def context_for(start: Path) -> str:
            if config is not None:
                cfg_path: Path | None = Path(config)
            else:
                d = start.resolve()
                d = d if d.is_dir() else d.parent
                if d not in found:
                    found[d] = find_config(d)
                cfg_path = found[d]
            key = str(cfg_path.resolve()) if cfg_path else ""
            if key not in self.contexts:
                self.contexts[key] = resolve(load_config(cfg_path), overrides, rulesets)
                self.config_paths[key] = cfg_path
            return key

        for display, path, err in collect(paths, stdin_name):
            # Standard input named by --stdin-filename finds its configuration from that name.
            start = (Path(stdin_name) if stdin_name else Path.cwd()) if path is None else path
            key = context_for(Path.cwd() if err else start)
            if path is not None and err is None and self._excluded(path, self.contexts[key][0]):
                self.excluded.append(display)
                continue
            self.tasks.append(Task(len(self.tasks), display, path, err, key))

    @staticmethod
    def _excluded(path: Path, settings: Settings) -> bool:
        if not settings.exclude:
            return False
        p = path.resolve()
        rels = []
        for root in (settings.root, settings.cli_exclude_root):  # the config's folder; with --exclude, the current one
            try:
                rels.append(p.relative_to(root).as_posix())
            except (ValueError, TypeError):
                pass
        rels = rels or [p.as_posix()]
        return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(p.name, g) or fnmatch.fnmatch(rel, g.rstrip("/") + "/*")
                   for g in settings.exclude for rel in rels)

    @property
    def rules(self) -> list:
        """Every rule that runs on some file, once (for reports that explain rules)."""
        seen = {}
        for _, rules in self.contexts.values():
            for r in rules:
                seen.setdefault(r.code, r)
        return [seen[c] for c in sorted(seen)]


