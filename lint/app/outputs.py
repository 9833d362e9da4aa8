"""Everything gwlint writes goes through here: reports (``-o``), the annotated Word copy
(``--annotate``), waiver files, ``gwlint docs``, ``--fix`` and the ``--tracked`` copy.

Three promises, each kept in one place:

- :func:`guard` refuses, before any draft is checked, an output that is one of the inputs
  however the input was reached (a folder argument, a glob, a symlink, a hard link, ``..``, a
  different case on a case-insensitive file system, ``--stdin-filename``). Files are compared by
  identity (device and inode, as :func:`os.path.samefile`), never by the strings typed.
- :func:`write_atomic` writes a temporary file in the target's folder and renames it over the
  target, so an interrupted run (Ctrl-C, a crash, a full disk) leaves either the old file or the
  new one, never half of one; it never writes through a symbolic link.
- :func:`mark` stamps what gwlint writes, and :func:`written_by_gwlint` recognises it, so that a
  report saved beside the drafts is not checked as a draft on the next run of the folder.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..errors import UsageError

# In every report gwlint writes into a file: an HTML <meta name="generator">, a Markdown or text
# comment line, a JSON "tool" name; in the annotated .docx's core properties (dc:identifier).
MARKER = "gwlint-report"
DOCX_MARKER = "gwlint-annotated"
_SNIFF = 2048  # bytes read from each end of a text file to find the marker
_DRAFT_SUFFIXES = (".docx", ".txt", ".md")


class OutputError(UsageError):
    """An output that gwlint refuses to write (exit 2, one line)."""


@dataclass(frozen=True)
class Identity:
    """A file's identity on its file system: the same for every path that reaches it."""

    dev: int
    ino: int

    @classmethod
    def of(cls, path: str | os.PathLike) -> "Identity | None":
        try:
            st = os.stat(path)  # follows symlinks: a link to a draft is that draft
        except (OSError, ValueError):
            return None
        return cls(st.st_dev, st.st_ino)


def _label(what: str) -> str:
    return {"output": "输出文件", "annotate": "批注副本", "waivers": "豁免文件", "docs": "规则文档",
            "fix": "修改后的副本"}.get(what, "输出文件")


def guard(outputs: Iterable[tuple[str, str | os.PathLike]], inputs: Iterable[str | os.PathLike],
          protected: Iterable[str | os.PathLike] = (), stdin_filename: str | None = None) -> None:
    """Refuse (:class:`OutputError`, exit 2) before anything is checked or written when an
    output is one of the ``inputs`` (every draft the run will read, however reached), one of
    the ``protected`` files (configurations, waiver files, drafts an exclusion skipped), or the
    file ``--stdin-filename`` names; when two outputs are one file; or when an output is a
    symbolic link, a folder or another non-regular file.

    ``outputs``: (what, path) pairs, ``what`` one of output, annotate, waivers, docs, fix."""
    outputs = [(what, os.fspath(p)) for what, p in outputs if p is not None]
    ids: dict[Identity, str] = {}
    for p in list(inputs) + ([stdin_filename] if stdin_filename else []):
        ident = Identity.of(p)
        if ident is not None:
            ids.setdefault(ident, os.fspath(p))
    kept: dict[Identity, str] = {}
    for p in protected:
        ident = Identity.of(p)
        if ident is not None:
            kept.setdefault(ident, os.fspath(p))
    seen: dict[str, str] = {}
    for what, out in outputs:
        label = _label(what)
        if os.path.islink(out):
            raise OutputError(f"{label} {out} 是符号链接：gwlint 不通过链接写入，请给出真实的文件路径")
        if os.path.lexists(out) and not os.path.isfile(out):
            raise OutputError(f"{label} {out} 不是普通文件（是文件夹或设备等），请换一个文件名")
        ident = Identity.of(out)
        if ident is not None:
            if ident in ids:
                same = ids[ident]
                how = "" if os.path.normcase(os.path.abspath(same)) == os.path.normcase(os.path.abspath(out)) \
                    else f"（与 {same} 是同一个文件）"
                raise OutputError(f"{label} {out} 就是被检查的文件{how}：gwlint 不会覆盖原稿，请换一个文件名")
            if ident in kept:
                raise OutputError(f"{label} {out} 是 gwlint 读取的文件（{kept[ident]}）：gwlint 不会覆盖它，请换一个文件名")
        key = os.path.normcase(os.path.realpath(out))
        if key in seen:
            raise OutputError(f"{label} {out} 与{seen[key]}是同一个文件，请换一个文件名")
        seen[key] = label
        if what in ("output", "annotate", "fix") and ident is not None \
                and Path(out).suffix.lower() in _DRAFT_SUFFIXES and written_by_gwlint(out) is None:
            raise OutputError(f"{label} {out} 已存在，且不是 gwlint 生成的文件：为免覆盖文稿，请先删除它或换一个文件名")


def write_atomic(path: str | os.PathLike, data: bytes | str, mode: int | None = None) -> bool:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A missing parent folder is created (returns True when one was). The target may not be a
    symbolic link (the link would be replaced, or written through) nor a non-regular file; a
    replaced file keeps its permission bits. Any failure is one :class:`OutputError` line and
    leaves the old file, if any, untouched."""
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if path.is_symlink():
        raise OutputError(f"{path} 是符号链接：gwlint 不通过链接写入，请给出真实的文件路径")
    if path.exists() and not path.is_file():
        raise OutputError(f"无法写入 {path}：它不是普通文件（是文件夹或设备等）")
    parent = path.parent if str(path.parent) else Path(".")
    created = False
    if not parent.is_dir():
        if parent.exists() or parent.is_symlink():
            raise OutputError(f"无法写入 {path}：{parent} 不是文件夹")
        try:
            parent.mkdir(parents=True)
            created = True
        except OSError as exc:
            raise OutputError(f"无法创建文件夹 {parent}（{exc.strerror or exc}）") from None
    if mode is None:
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
    tmp = None
    try:
        import tempfile

        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".gwlint-tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise OutputError(f"无法写入 {path}（{exc.strerror or exc}），原有文件未改动") from None
    finally:
        if tmp is not None:  # interrupted or failed: no half-written file is left behind
            try:
                os.unlink(tmp)
            except OSError:
                pass
    return created


# --- marking what gwlint writes --------------------------------------------------------------------

def mark(fmt: str, text: str) -> str:
    """``text`` (a rendered report of format ``fmt``) with gwlint's marker, for writing to a file."""
    if fmt == "html":
        i = text.find("<head>")
        if i >= 0:
            i += len("<head>")
            return f'{text[:i]}<meta name="generator" content="{MARKER}">{text[i:]}'
        return f"<!-- {MARKER} -->\n{text}"
    if fmt == "markdown":
        return f"<!-- {MARKER}：本报告由 gwlint 生成 -->\n{text}"
    if fmt in ("json", "sarif"):
        return text  # a "tool" (JSON) or "driver" (SARIF) named gwlint is the mark
    # text, github: a last line that says what the file is
    return text + ("" if text.endswith("\n") or not text else "\n") + f"# {MARKER}：本报告由 gwlint 生成\n"


def mark_docx(document) -> None:
    """Mark a python-docx Document as gwlint's annotated copy (before saving it)."""
    document.core_properties.identifier = DOCX_MARKER


def written_by_gwlint(path: str | os.PathLike) -> str | None:
    """What gwlint wrote at ``path`` ("报告" or "批注副本"), or None for a file it did not write."""
    p = Path(path)
    if p.suffix.lower() == ".docx":
        import zipfile  # only for a .docx: a run on text files never loads it

        try:
            if zipfile.is_zipfile(p):
                with zipfile.ZipFile(p) as zf:
                    info = zf.getinfo("docProps/core.xml")
                    if info.file_size > 1 << 20:
                        return None
                    return "批注副本" if DOCX_MARKER.encode() in zf.read(info) else None
        except (OSError, KeyError, zipfile.BadZipFile, ValueError, RuntimeError, EOFError):
            return None
    try:
        with open(p, "rb") as fh:
            head = fh.read(_SNIFF)
            size = os.fstat(fh.fileno()).st_size
            tail = b""
            if size > _SNIFF:
                fh.seek(max(_SNIFF, size - _SNIFF))
                tail = fh.read(_SNIFF)
    except (OSError, ValueError):
        return None
    if MARKER.encode() in head or MARKER.encode() in tail:
        return "报告"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"{") and b'"name": "gwlint"' in head[:400]:
        return "报告"
    return None
