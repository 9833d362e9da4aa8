"""The drafts a run checks: the paths named on the command line, folders walked, and the
configuration (settings and rules) that applies to each."""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..config.file import find_config, load_config
from ..config.settings import Overrides, Settings, resolve
from ..formats.common import printable  # a name as reports show it: no control character, valid UTF-8
from ..readers import DRAFT_SUFFIXES

STDIN = "-"


@dataclass
class Entry:
    """One thing the arguments reach: a draft to check (``error`` None), an entry that cannot be
    checked (``error``: one line, exit 2), or one skipped on purpose (``skipped``: why)."""

    display: str
    path: Path | None
    error: str | None = None
    skipped: str | None = None
    named: bool = False  # named on the command line, not found by walking a folder

    def __post_init__(self):
        self.display = printable(self.display)


def collect(paths: list[str]) -> Iterator[tuple[str, Path | None, str | None]]:
    """(display name, path or None for stdin, error) for every draft the arguments name."""
    for e in entries(paths):
        if e.skipped is None:
            yield e.display, e.path, e.error


def entries(paths: list[str]) -> Iterator[Entry]:
    """Every entry the arguments reach, in order. Only regular files are drafts; a folder walk
    does not follow folder links nor file links that lead out of the folder named, skips what
    gwlint itself wrote, and turns an entry it cannot read into an error of its own."""
    for raw in paths:
        if raw == STDIN:
            yield Entry("<stdin>", None, named=True)
            continue
        p = Path(raw)
        try:
            st = p.stat()
        except OSError as exc:
            yield Entry(raw, p, _stat_error(p, exc), named=True)
            continue
        if stat.S_ISDIR(st.st_mode):
            found = list(_walk(p))
            if not any(e.skipped is None for e in found):
                if not found:
                    yield Entry(raw, p, f"文件夹中没有可检查的文稿（{'、'.join(DRAFT_SUFFIXES)}）", named=True)
            yield from found
        elif not stat.S_ISREG(st.st_mode):
            yield Entry(raw, p, "不是普通文件（是管道、设备或套接字），gwlint 只检查普通文件", named=True)
        else:
            yield Entry(raw, p, named=True)


def _stat_error(p: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "符号链接循环指向自身，无法读取"
    if p.is_symlink():
        return "符号链接指向的文件不存在"
    if exc.errno == errno.EACCES:
        return "没有权限读取"
    if exc.errno == errno.ENOENT:
        return "文件或文件夹不存在"
    return f"无法读取（{exc.strerror or exc}）"


def _walk(root: Path) -> Iterator[Entry]:
    from .outputs import written_by_gwlint

    top = os.path.realpath(root)
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        while errors:  # an unreadable subfolder: one error for it, the rest is still walked
            exc = errors.pop(0)
            where = Path(exc.filename) if exc.filename else Path(dirpath)
            yield Entry(str(where), where, f"无法读取文件夹（{exc.strerror or exc}），其中的文稿未检查")
        keep = []
        for d in sorted(dirnames):
            if d.startswith("."):
                continue
            full = Path(dirpath) / d
            if full.is_symlink():
                yield Entry(str(full), full, skipped="文件夹的符号链接不进入（以免离开所检查的文件夹或重复检查）")
                continue
            keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            # ~$draft.docx is Word's lock file, not a draft.
            if name.startswith((".", "~$")) or Path(name).suffix.lower() not in DRAFT_SUFFIXES:
                continue
            full = Path(dirpath) / name
            try:
                st = full.stat()
            except OSError as exc:
                yield Entry(str(full), full, _stat_error(full, exc))
                continue
            if full.is_symlink():
                target = os.path.realpath(full)
                if os.path.commonpath([top, target]) != top:
                    yield Entry(str(full), full, skipped="符号链接指向所检查的文件夹之外，未读取")
                    continue
            if not stat.S_ISREG(st.st_mode):
                yield Entry(str(full), full, skipped="不是普通文件（管道、设备或套接字），未读取")
                continue
            what = written_by_gwlint(full)
            if what is not None:
                yield Entry(str(full), full, skipped=f"这是 gwlint 生成的{what}，不作为文稿检查（直接指定此文件可检查它）")
                continue
            yield Entry(str(full), full)


def cap_jobs(requested: int | None, cores: int) -> int:
    """Worker processes for ``--jobs``: the core count by default, and never more than it (each
    process holds the rules and a draft: ``--jobs 10000`` must not start ten thousand)."""
    cores = max(1, cores)
    return cores if requested is None else max(1, min(requested, cores))


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
        self.stdin_name: str | None = stdin_name  # --stdin-filename: the file standard input stands for
        found: dict[Path, Path | None] = {}
        untrusted: list = []  # configurations found where anyone could have put them
        rulesets: dict = {}

        def context_for(start: Path) -> str:
            if config is not None:
                cfg_path: Path | None = Path(config)
            else:
                d = start.resolve()
                d = d if d.is_dir() else d.parent
                if d not in found:
                    found[d] = find_config(d, untrusted)
                cfg_path = found[d]
            key = str(cfg_path.resolve()) if cfg_path else ""
            if key not in self.contexts:
                self.contexts[key] = resolve(load_config(cfg_path), overrides, rulesets)
                self.config_paths[key] = cfg_path
            return key

        from .outputs import Identity

        self.skipped: list[tuple[str, str]] = []  # (entry, why): said on standard error
        self.protected: list[Path] = []  # files the run reads or leaves alone: never an output
        self.waiver_files: list[Path] = []  # written only by waive and baseline
        seen: dict = {}
        for e in entries(paths):
            if e.skipped is not None:  # gwlint's own reports (which a run may replace), links, FIFOs
                self.skipped.append((e.display, e.skipped))
                continue
            if e.path is not None and e.error is None:
                ident = Identity.of(e.path)
                if ident is not None and ident in seen:
                    if seen[ident] != e.display:
                        self.skipped.append((e.display, f"与 {seen[ident]} 是同一个文件，只检查一次"))
                    continue
                if ident is not None:
                    seen[ident] = e.display
            if e.path is None and stdin_name:  # standard input named by --stdin-filename
                e.display = printable(stdin_name)
            # standard input finds its configuration from the name it stands for
            start = (Path(stdin_name) if stdin_name else Path.cwd()) if e.path is None else e.path
            key = context_for(Path.cwd() if e.error else start)
            if e.path is not None and e.error is None and self._excluded(e.path, self.contexts[key][0]):
                self.excluded.append(e.display)
                self.protected.append(e.path)
                if e.named:
                    self.skipped.append((e.display, "配置的 exclude 排除了此文件，未检查"))
                continue
            self.tasks.append(Task(len(self.tasks), e.display, e.path, e.error, key))
        for cfg_path, why in dict(untrusted).items():
            self.skipped.append((str(cfg_path), why))
        for key, (settings, _) in self.contexts.items():
            if self.config_paths.get(key) is not None:
                self.protected.append(Path(self.config_paths[key]))
            if settings.waivers_path is not None:
                self.waiver_files.append(Path(settings.waivers_path))

    def inputs(self) -> list[Path]:
        """Every draft this run reads."""
        return [t.path for t in self.tasks if t.path is not None]

    @property
    def nothing_checked(self) -> bool:
        """Every file the arguments reached was excluded or skipped."""
        return not self.tasks and bool(self.excluded or self.skipped)

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


