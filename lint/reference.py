"""Word lists under reference/: tab-separated, one header row, every row with a source.

A list is named by its file stem (``reference/confusables.tsv`` is ``confusables``). Lines that
start with ``#`` are comments. The first column is the list's key and may not repeat; the
``source`` column may not be empty: a word list is a set of facts, each with where it came from.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .errors import RuleFileError
from .resources import reference_dir


class WordList(list):
    """Rows (dicts keyed by the header) with ``path`` and ``lines`` (1-based line of each row)."""

    path: str
    columns: list[str]
    lines: list[int]


def find_list(name: str, extra_dirs: tuple[Path, ...] = ()) -> Path | None:
    for d in (*extra_dirs, reference_dir()):
        p = Path(d) / f"{name}.tsv"
        if p.is_file():
            return p
    return None


@lru_cache(maxsize=None)
def load_list(path: Path) -> WordList:
    display = _display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(display, f"无法读取词表（{exc}）") from None
    rows = WordList()
    rows.path, rows.lines = display, []
    header: list[str] | None = None
    seen: dict[str, int] = {}
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            if "source" not in header:
                raise RuleFileError(display, "词表缺少 source 列（每一行都必须注明出处）", n)
            rows.columns = header
            continue
        if len(cells) != len(header):
            raise RuleFileError(display, f"这一行有 {len(cells)} 列，表头有 {len(header)} 列", n)
        row = {k: v.strip() for k, v in zip(header, cells)}
        if not row[header[0]]:
            raise RuleFileError(display, f"第一列（{header[0]}）为空", n)
        if not row["source"]:
            raise RuleFileError(display, "source 列为空：每一行都必须注明出处", n)
        # The same term may appear again with other conditions (context columns), never twice
        # with the same ones; notes and sources do not make a row different.
        key = "\t".join(v for k, v in row.items() if k not in ("note", "source", "right", "preferred"))
        if key in seen:
            raise RuleFileError(display, f"“{row[header[0]]}”与第{seen[key]}行重复", n)
        seen.setdefault(key, n)
        rows.append(row)
        rows.lines.append(n)
    if header is None:
        raise RuleFileError(display, "词表为空")
    return rows


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(reference_dir().parent))
    except ValueError:
        return str(path)
