"""Readers turn a path (or standard input) into a :class:`lint.model.document.Document`.

Each failure is an :class:`lint.errors.InputError` with a one-line Chinese reason; a reader
never writes to the file it reads.
"""

from __future__ import annotations

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


def read_path(path: Path, display: str | None = None) -> Document:
    """Read a draft from ``path``; ``display`` is the name findings will carry."""
    name = display or str(path)
    if not path.exists():
        raise InputError(name, "文件不存在")
    if path.is_dir():
        raise InputError(name, "这是一个文件夹，不是文件")
    suffix = path.suffix.lower()
    if suffix not in DRAFT_SUFFIXES:
        what = _UNSUPPORTED.get(suffix, f"“{suffix or '无扩展名'}”类型的文件")
        raise InputError(name, f"不支持{what}，请在 Word 或 WPS 中另存为 .docx 后再检查")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(name, f"无法读取文件（{exc.strerror or exc}）") from None
    if suffix == ".docx":
        from .docx import read_docx_bytes  # python-docx loads lxml: only when needed

        return read_docx_bytes(data, name)
    return read_text_bytes(data, name, "md" if suffix == ".md" else "txt")


def read_stdin(data: bytes, display: str = "<stdin>") -> Document:
    """A draft from standard input; ``display`` (``--stdin-filename``) also gives its format."""
    suffix = Path(display).suffix.lower()
    if suffix == ".docx":
        from .docx import read_docx_bytes

        return read_docx_bytes(data, display)
    return read_text_bytes(data, display, "md" if suffix == ".md" else "txt")
