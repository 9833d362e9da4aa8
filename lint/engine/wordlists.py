"""Word lists under reference/: tab-separated, one header row, every row with a source.

A list is named by its file stem (``reference/confusables.tsv`` is ``confusables``). Lines that
start with ``#`` are comments. The first column is the list's key and may not repeat; the
``source`` column may not be empty: a word list is a set of facts, each with where it came from.

An office changes a list through its configuration's ``reference-dirs``, searched in order:

- ``<name>.tsv`` replaces the list: the first folder that has one wins over the later folders
  and over the built-in ``reference/<name>.tsv``;
- ``<name>.add.tsv`` adds rows to it: the files of every folder, in folder order, are appended
  to whichever list the replacement rule picked. An addition has the same columns as that list
  (in any order: cells are taken by column name), and a row may not repeat a row of the list or
  of an earlier addition (same key as within one list).

:func:`find_list` names the files that make up a list as a :class:`ListSource`, which
:func:`load_list` reads (and caches); every user of a list goes through the two, so a rule sees
the additions whichever way it reads the list, and two configurations with different folders get
different (separately cached) lists.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import RuleFileError
from ..resources import reference_dir

ADD_SUFFIX = ".add.tsv"
# Columns that do not make two rows different: the same term may appear again with other
# conditions (context columns), never twice with the same ones.
_NOT_KEY = ("note", "source", "right", "preferred")


class WordList(list):
    """Rows (dicts keyed by the header) with ``path`` and ``lines`` (1-based line of each row).

    ``files`` gives, for each row, the file it comes from (``path`` unless it was added)."""

    path: str
    columns: list[str]
    lines: list[int]
    files: list[str]


@dataclass(frozen=True)
class ListSource:
    """The files that make up word list ``name`` for a set of reference folders: ``base`` (the
    built-in file or the replacement) and the ``.add.tsv`` files appended to it, in order.
    Hashable, so the caches of :func:`load_list` and of the checks key on it."""

    name: str
    base: Path
    additions: tuple[Path, ...] = ()

    @property
    def replaced(self) -> bool:
        return self.base.parent != reference_dir()


def find_list(name: str, extra_dirs=()) -> ListSource | None:
    """Where list ``name`` comes from with the reference folders ``extra_dirs`` (None: nowhere).

    Cached: the folders are looked at once per run, not once per document."""
    return _find(name, tuple(Path(d) for d in extra_dirs))


@lru_cache(maxsize=None)
def _find(name: str, dirs: tuple[Path, ...]) -> ListSource | None:
    if name.endswith(".add"):  # an addition file is not a list of its own
        return None
    base = next((d / f"{name}.tsv" for d in dirs if _usable(d / f"{name}.tsv", d)), None)
    if base is None:
        base = reference_dir() / f"{name}.tsv"
        if not base.is_file():
            return None
    additions = tuple(d / f"{name}{ADD_SUFFIX}" for d in dirs if _usable(d / f"{name}{ADD_SUFFIX}", d))
    return ListSource(name, base, additions)


def _usable(path: Path, folder: Path) -> bool:
    """An office's list file: False when absent; an error when it is not a regular file inside
    its folder (a link to a secrets file or to /proc/self/environ is never opened)."""
    if not os.path.lexists(path):
        return False
    real, top = os.path.realpath(path), os.path.realpath(folder)
    if os.path.commonpath([real, top]) != top:
        raise RuleFileError(_display(path), "词表是指向词表文件夹之外的符号链接：gwlint 只读取配置文件夹之内的词表")
    try:
        st = os.stat(path)
    except OSError:
        raise RuleFileError(_display(path), "词表无法读取（符号链接指向的文件不存在或循环）") from None
    if not stat.S_ISREG(st.st_mode):
        raise RuleFileError(_display(path), "词表不是普通文件")
    return True


def check_dirs(extra_dirs) -> None:
    """Load every list that an ``.add.tsv`` in ``extra_dirs`` extends, so that a bad addition, or
    one for a list that does not exist (a misspelt name), stops any run that uses the folders,
    not only one whose rules happen to read the list."""
    dirs = tuple(Path(d) for d in extra_dirs)
    for d in dirs:
        for add in sorted(d.glob(f"*{ADD_SUFFIX}")):
            _usable(add, d)
            name = add.name[: -len(ADD_SUFFIX)]
            source = find_list(name, dirs)
            if source is None:
                known = sorted({p.stem for p in reference_dir().glob("*.tsv")}
                               | {p.stem for x in dirs for p in x.glob("*.tsv")
                                  if not p.name.endswith(ADD_SUFFIX)})
                raise RuleFileError(_display(add), f"没有名为“{name}”的词表可以补充"
                                    f"（文件名应为“词表名{ADD_SUFFIX}”，现有词表：{'、'.join(known)}）", 1)
            load_list(source)


def list_origins(extra_dirs) -> dict[str, dict]:
    """{list name: {"file": base file, "additions": [files]}} for the lists that ``extra_dirs``
    replace or extend (for ``gwlint config --show``)."""
    dirs = tuple(Path(d) for d in extra_dirs)
    names = []
    for d in dirs:
        for p in sorted(d.glob("*.tsv")):
            name = p.name[: -len(ADD_SUFFIX)] if p.name.endswith(ADD_SUFFIX) else p.stem
            if name not in names:
                names.append(name)
    out = {}
    for name in names:
        source = find_list(name, dirs)
        if source is None:
            continue
        out[name] = {"file": str(source.base) if source.replaced else f"内置 {_display(source.base)}",
                     "additions": [str(p) for p in source.additions]}
    return out


@lru_cache(maxsize=None)
def load_list(source: Path | ListSource) -> WordList:
    """The rows of one list file (a Path) or of a list with its additions (a ListSource)."""
    if isinstance(source, ListSource):
        base = load_list(source.base)
        return _extend(base, source.name, source.additions) if source.additions else base
    try:
        big = source.stat().st_size >= KEEP_SIZE
    except OSError:
        big = False
    return _kept(source) if big else _read(source)[0]


KEEP_SIZE = 100_000  # bytes: a list this long is kept parsed in the cache folder


def _kept(path: Path) -> WordList:
    """A long list (WD016's two thousand rows) parsed once and kept in the cache folder as plain
    data under a hash of the file's bytes (:func:`lint.cache.kept_data`): read back in about a
    millisecond where parsing and checking the rows takes several. A list with an error is never
    kept, so the error comes on every run."""
    from ..cache import kept_data

    def build() -> dict:
        rows, _ = _read(path)
        return {"columns": rows.columns, "rows": list(rows), "lines": rows.lines}

    data = kept_data(f"list-{path.stem}", build, files=(path,), salt=f"{_KEPT_VERSION}\0{path}")
    rows = WordList(data["rows"])
    rows.path, rows.columns, rows.lines = _display(path), data["columns"], data["lines"]
    rows.files = [rows.path] * len(rows)
    return rows


_KEPT_VERSION = "1"


def _read(path: Path, columns: list[str] | None = None, name: str = "") -> tuple[WordList, int]:
    """(rows, header line) of one file; ``columns`` (an addition): the header must hold exactly
    these columns, and the rows are given in their order."""
    display = _display(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RuleFileError(display, f"无法读取词表（{exc.strerror or type(exc).__name__}）") from None
    except UnicodeDecodeError:
        raise RuleFileError(display, "词表不是 UTF-8 编码的文本文件") from None
    rows = WordList()
    rows.path, rows.lines = display, []
    header: list[str] | None = None
    header_line = 0
    seen: dict[str, int] = {}
    order: list[int] = []  # the header position of each of rows.columns
    keyed: list[int] = []  # the positions (in rows.columns) of the columns that make a row's key
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if header is None:
            header, header_line = [c.strip() for c in cells], n
            if columns is not None and sorted(header) != sorted(columns):
                # Only the expected column names are named, never the cells found: the file may
                # not be a word list at all, and its first line is nobody's business.
                missing = [c for c in columns if c not in header]
                extra = sum(1 for c in header if c not in columns) + len(header) - len(set(header))
                raise RuleFileError(display, f"补充词表的表头应与词表“{name}”的列相同：{'、'.join(columns)}"
                                    + (f"；缺少 {'、'.join(missing)}" if missing else "")
                                    + (f"；另有 {extra} 个多余或重复的列" if extra else ""), n)
            if "source" not in header:
                raise RuleFileError(display, "词表缺少 source 列（每一行都必须注明出处）", n)
            rows.columns = list(columns) if columns is not None else header
            # a repeated column name: the last cell of that name counts, as in a dict
            where = {k: i for i, k in enumerate(header)}
            order = [where[k] for k in rows.columns]
            keyed = [i for i, k in enumerate(rows.columns) if k not in _NOT_KEY]
            first = rows.columns[0]
            continue
        if len(cells) != len(header):
            raise RuleFileError(display, f"这一行有 {len(cells)} 列，表头有 {len(header)} 列", n)
        values = [cells[i].strip() for i in order]
        row = dict(zip(rows.columns, values))
        if not row[first]:
            raise RuleFileError(display, f"第一列（{first}）为空", n)
        if not row["source"]:
            raise RuleFileError(display, "source 列为空：每一行都必须注明出处", n)
        key = "\t".join([values[i] for i in keyed])
        if key in seen:
            raise RuleFileError(display, f"“{row[first]}”与第{seen[key]}行重复", n)
        seen[key] = n
        rows.append(row)
        rows.lines.append(n)
    if header is None:
        raise RuleFileError(display, "词表为空")
    rows.files = [display] * len(rows)
    return rows, header_line


def _key(row: dict) -> str:
    return "\t".join(v for k, v in row.items() if k not in _NOT_KEY)


def _extend(base: WordList, name: str, additions: tuple[Path, ...]) -> WordList:
    out = WordList(base)
    out.path, out.columns = base.path, base.columns
    out.lines, out.files = list(base.lines), list(base.files)
    seen = {_key(row): f"{f}:{n}" for row, f, n in zip(base, base.files, base.lines)}
    for path in additions:
        rows, header_line = _read(path, base.columns, name)
        if not rows:
            raise RuleFileError(rows.path, "补充词表只有表头，没有词条", header_line)
        for row, n in zip(rows, rows.lines):
            key = _key(row)
            if key in seen:
                raise RuleFileError(rows.path, f"“{row[base.columns[0]]}”与 {seen[key]} 重复", n)
            seen[key] = f"{rows.path}:{n}"
        out.extend(rows)
        out.lines += rows.lines
        out.files += rows.files
    return out


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(reference_dir().parent))
    except ValueError:
        return str(path)
