"""Plain-text and Markdown drafts: each physical line is a paragraph."""

from __future__ import annotations

import codecs

from ..cache import compile_regex
from ..model.document import Document, Paragraph, classify
from ..errors import InputError

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),  # checked before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_CONTROLS = compile_regex(r"[\x00-\x08\x0e-\x19\x1b-\x1f]")  # not \t \n \v \f \r or \x1a (DOS EOF)
_ODD = compile_regex("[\ue000-\uf8ff\U00010000-\U0010ffff]")
# The same two counts on the bytes of a UTF-8 text, where each such character has a byte of its
# own: a control character is its one byte (no byte below 0x80 is part of a longer sequence); a
# character beyond U+FFFF starts with F0-F4, one of U+E000-U+EFFF with EE, one of U+F000-U+F8FF
# with EF 80-A3 (EE, EF and F0-F4 only ever start a sequence).
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if not _CONTROLS.match(chr(b)))
_NOT_ODD_LEADS = bytes(b for b in range(256) if b not in (0xEE, 0xF0, 0xF1, 0xF2, 0xF3, 0xF4))
_ODD_EF = compile_regex(rb"\xef[\x80-\xa3]")


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode a text draft; returns (text, encoding name shown by --verbose)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), {"utf-8-sig": "UTF-8（带 BOM）"}.get(enc, enc.upper() + "（带 BOM）")
            except UnicodeDecodeError:
                raise InputError(name, f"文件以 {enc.upper()} 的 BOM 开头，但内容无法按该编码解码") from None
    if b"\x00" in data:
        raise InputError(name, "不是文本文件（含有二进制内容），请检查文件是否正确")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _plausible(text):
        return text, "GBK" if _encodes_as_gbk(text) else "GB18030"
    from charset_normalizer import from_bytes  # only for the rare file that is neither

    best = from_bytes(data).best()
    if best is not None and best.encoding and not best.encoding.startswith("utf_16"):
        text = str(best)
        if _plausible(text):
            return text, best.encoding.upper().replace("_", "-")
    # A UTF-8 file with a few damaged bytes (a truncated last character, a stray byte from a
    # bad copy) is still UTF-8: read it with the damage replaced and say so in --verbose.
    bad = _utf8_damage(data)
    if bad is not None and bad <= max(3, len(data) // 2000):
        return data.decode("utf-8", errors="replace"), f"UTF-8（{bad} 处无效字节已替换为 �）"
    raise InputError(name, "无法识别文件编码（不是 UTF-8、GB18030/GBK 或带 BOM 的 UTF-16），请另存为 UTF-8 后再检查")


def _utf8_damage(data: bytes) -> int | None:
    """Number of invalid UTF-8 sequences, or None when the bytes do not look like UTF-8 at all."""
    count = 0
    valid_multibyte = 0
    pos = 0
    while pos < len(data):
        try:
            text = data[pos:].decode("utf-8")
            valid_multibyte += sum(1 for c in text if ord(c) > 0x7F)
            break
        except UnicodeDecodeError as exc:
            valid_multibyte += sum(1 for c in data[pos:pos + exc.start].decode("utf-8") if ord(c) > 0x7F)
            count += 1
            pos += exc.end
    return count if valid_multibyte >= 10 * count else None


def _encodes_as_gbk(text: str) -> bool:
    try:
        text.encode("gbk")
        return True
    except UnicodeEncodeError:
        return False


def _plausible(text: str, utf8: bytes | None = None) -> bool:
    """Text, not binary decoded by accident: few control characters, mostly common characters.
    ``utf8``: the bytes ``text`` was decoded from as UTF-8, where both are counted quicker."""
    if not text:
        return True
    # Counted with regular expressions (or byte tables): a draft of 2 MB must not cost a Python
    # loop per character.
    controls = len(utf8.translate(None, _NOT_CONTROL_BYTES)) if utf8 is not None else len(_CONTROLS.findall(text))
    if controls > max(2, len(text) // 200):
        return False
    # Binary read as GB18030 yields mostly rare ideographs and private-use characters.
    if utf8 is not None:
        odd = len(utf8.translate(None, _NOT_ODD_LEADS)) + (len(_ODD_EF.findall(utf8)) if b"\xef" in utf8 else 0)
    else:
        odd = len(_ODD.findall(text))
    return odd <= max(2, len(text) // 100)


def read_text_bytes(data: bytes, name: str, fmt: str = "txt") -> Document:
    if not data.strip():
        raise InputError(name, "文件为空，没有可检查的内容")
    text, encoding = decode(data, name)
    if not _plausible(text, data if encoding == "UTF-8" else None):
        raise InputError(name, "不是文本文件（含有大量控制字符），请检查文件是否正确")
    if not text.strip(" \t\r\n\u3000\ufeff"):
        raise InputError(name, "文件为空，没有可检查的内容")
    # Universal newlines: CRLF, LF and CR each end a line; line numbers are physical lines.
    lines = text.split("\n")
    paragraphs = []
    for i, raw in enumerate(lines, start=1):
        line = raw[:-1] if raw.endswith("\r") else raw
        if i == len(lines) and not line:
            break  # the final newline does not open a new line
        paragraphs.append(Paragraph(text=line, line=i, location=f"第{i}行"))
    doc = Document(path=name, paragraphs=paragraphs, source_format=fmt, encoding=encoding)
    if fmt == "md":
        _strip_markdown_headings(paragraphs)
    classify(paragraphs)
    return doc


def _strip_markdown_headings(paragraphs: list[Paragraph]) -> None:
    """A Markdown ``#`` heading keeps its text (offsets unchanged) and gets its level."""
    for p in paragraphs:
        s = p.text
        if s.startswith("#"):
            hashes = len(s) - len(s.lstrip("#"))
            if 1 <= hashes <= 6 and s[hashes:hashes + 1] in (" ", ""):
                p.level = hashes
