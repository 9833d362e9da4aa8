"""Readers turn a path (or standard input) into a :class:`lint.model.document.Document`.

Each failure is an :class:`lint.errors.InputError` with a one-line Chinese reason; a reader
never writes to the file it reads.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..model.document import Document
from ..errors import InputError
from .text import read_text_bytes

DRAFT_SUFFIXES = (".docx", ".txt", ".md")

_UNSUPPORTED = {
    ".doc": "Word 97-2003 文档（.doc）",
    ".wps": "WPS 文字文档（.wps）",
    ".pdf": "PDF 文件",
    ".rtf": "RTF 文档",
    ".odt": "OpenDocument 文档（.odt）",
    ".docm": "启用宏的 Word 文档（.docm）",
    ".dotx": "Word 模板（.dotx）",
    ".wpt": "WPS 模板（.wpt）",
}


# Text drafts larger than this are refused with a message (``max-file-size`` in the configuration,
# in megabytes): a draft of many megabytes is almost always a mistake (a log, a data export), and
# a linter must not read until memory runs out. Word files are bounded by their zip directory.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def read_path(path: Path, display: str | None = None, max_bytes: int | None = None) -> Document:
    """Read a draft from ``path``; ``display`` is the name findings will carry. Only a regular
    file is read (a FIFO would block, a device never end)."""
    name = display or str(path)
    suffix = path.suffix.lower()
    try:
        st = path.stat()
    except OSError:
        if path.is_symlink():
            raise InputError(name, "符号链接指向的文件不存在或循环指向自身") from None
        raise InputError(name, "文件不存在") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(name, "这是一个文件夹，不是文件")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(name, "不是普通文件（是管道、设备或套接字），gwlint 只检查普通文件")
    if suffix not in DRAFT_SUFFIXES:
        what = _UNSUPPORTED.get(suffix, f"“{suffix or '无扩展名'}”类型的文件")
        raise InputError(name, f"不支持{what}，请在 Word 或 WPS 中另存为 .docx 后再检查")
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    try:
        # O_NONBLOCK: if the file was swapped for a FIFO since the check above, opening it must
        # not wait for a writer; fstat then refuses it.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise InputError(name, "不是普通文件（是管道、设备或套接字），gwlint 只检查普通文件")
            if suffix != ".docx" and st.st_size > limit:
                raise InputError(name, _too_big(st.st_size, limit))
            data = fh.read(limit + 1 if suffix != ".docx" else -1)
    except OSError as exc:
        raise InputError(name, f"无法读取文件（{exc.strerror or exc}）") from None
    if suffix == ".docx":
        from .docx import read_docx_bytes  # python-docx loads lxml: only when needed

        return read_docx_bytes(data, name)
    if len(data) > limit:
        raise InputError(name, _too_big(len(data), limit))
    return read_text_bytes(data, name, "md" if suffix == ".md" else "txt")


def _too_big(size: int, limit: int) -> str:
    return (f"文件过大（{size / 1048576:.1f} MB，超过 {limit / 1048576:g} MB 的上限），不像是一篇文稿；"
            "确需检查请在配置中调高 max-file-size（单位 MB）")


def read_stdin(data: bytes, display: str = "<stdin>", max_bytes: int | None = None) -> Document:
    """A draft from standard input; ``display`` (``--stdin-filename``) also gives its format."""
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    if len(data) > limit:
        raise InputError(display, _too_big(len(data), limit))
    suffix = Path(display).suffix.lower()
    if suffix == ".docx":
        from .docx import read_docx_bytes

        return read_docx_bytes(data, display)
    return read_text_bytes(data, display, "md" if suffix == ".md" else "txt")
