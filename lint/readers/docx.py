"""Word (.docx) drafts, read with python-docx.

Body paragraphs and table-cell paragraphs are numbered together in document order (``line``);
headers, footers and footnotes follow as scopes of their own. Each paragraph keeps its style
name, alignment and runs (East Asian font, size, bold as set directly on the run) so that
layout rules can resolve the effective format later.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib

from ..model.document import Document, Paragraph, Run, classify
from .docx_numbering import number_paragraphs
from ..errors import InputError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
# Containers whose runs belong to the paragraph; anything else (w:del, drawings with text boxes,
# w:pPr) is skipped so that deleted text and text-box paragraphs are not read twice.
_CONTAINERS = {W + t for t in ("hyperlink", "ins", "smartTag", "fldSimple", "sdt", "sdtContent",
                               "customXml", "moveTo", "dir", "bdo")}
_FOOTNOTE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
# A .docx is refused by the sizes its zip directory declares, before anything is decompressed:
# no part over MAX_PART bytes, all parts together under MAX_TOTAL, and no large part packed
# more tightly than MAX_RATIO (a "zip bomb": a megabyte that unpacks to gigabytes). Real drafts
# are far below each (the 2 MB benchmark draft: 9 MB unpacked, ratio under 10).
MAX_PART = 128 * 1024 * 1024
MAX_TOTAL = 512 * 1024 * 1024
MAX_RATIO = 200
_RATIO_FROM = 8 * 1024 * 1024


class Damaged(Exception):
    """A part of the .docx that cannot be read: ``part`` and what is wrong (no content)."""

    def __init__(self, part: str, what: str):
        self.part, self.what = part, what
        super().__init__(f"{part}: {what}")


def _int(value, part: str, what: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Damaged(part, f"{what} 的值不是整数") from None


def _check_sizes(zf: zipfile.ZipFile, name: str) -> None:
    total = 0
    for info in zf.infolist():
        total += info.file_size
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > MAX_PART or total > MAX_TOTAL or (info.file_size > _RATIO_FROM and ratio > MAX_RATIO):
            raise InputError(name, f".docx 文件中的 {info.filename} 解压后过大（{info.file_size // (1024 * 1024)} MB，"
                             f"压缩比 {ratio:.0f}:1），疑为恶意构造的压缩包，未读取")


def _check_container(data: bytes, name: str) -> None:
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED in data:
            raise InputError(name, "文件已加密（设有打开密码），请取消密码后另存为 .docx 再检查")
        raise InputError(name, "这是旧版 Word/WPS 二进制文档（.doc/.wps）改了扩展名，请在 Word 或 WPS 中另存为 .docx 后再检查")
    if not data:
        raise InputError(name, "文件为空，没有可检查的内容")
    if not data.startswith(b"PK"):
        raise InputError(name, "不是有效的 .docx 文件（文件内容不是 Word 文档格式），请在 Word 或 WPS 中另存为 .docx 后再检查")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "word/document.xml" not in names:
                raise InputError(name, "不是有效的 .docx 文件（缺少 word/document.xml），请在 Word 或 WPS 中另存为 .docx 后再检查")
            _check_sizes(zf, name)
            # Each part's checksum is verified as python-docx reads it (once, not twice).
    except zipfile.BadZipFile:
        raise InputError(name, ".docx 文件已损坏或不完整（无法解压），请用 Word 或 WPS 打开修复后另存") from None
    except (zipfile.LargeZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
        raise InputError(name, f".docx 文件已损坏（{type(exc).__name__}），请用 Word 或 WPS 修复后另存") from None


def read_docx_bytes(data: bytes, name: str) -> Document:
    try:
        return _read_docx_bytes(data, name)
    except Damaged as exc:
        raise InputError(name, f".docx 文件已损坏（{exc.part}：{exc.what}），请用 Word 或 WPS 修复后另存") from None
    except InputError:
        raise
    except (AttributeError, TypeError, ValueError, KeyError, IndexError, LookupError) as exc:
        # A part python-docx parsed but whose structure is not Word's (a foreign root element,
        # a missing body): damaged, not an internal error. GWLINT_DEBUG=1 shows where.
        if os.environ.get("GWLINT_DEBUG"):
            raise
        raise InputError(name, f".docx 文件已损坏，结构不完整（{type(exc).__name__}），请用 Word 或 WPS 修复后另存") from None


def _read_docx_bytes(data: bytes, name: str) -> Document:
    _check_container(data, name)
    import docx  # noqa: WPS433 - deferred: importing python-docx costs ~0.1 s

    try:
        d = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:  # a part whose checksum or data is wrong
        m = re.search(r"file '([^']{1,200})'", str(exc))
        part = f"{m.group(1)} " if m else ""
        raise InputError(name, f".docx 文件已损坏（{part}校验失败），请用 Word 或 WPS 修复后另存") from None
    except Exception as exc:  # python-docx raises assorted errors on malformed parts
        raise InputError(name, f".docx 文件已损坏，无法解析（{type(exc).__name__}），请用 Word 或 WPS 修复后另存") from None
    if d.element.tag != W + "document" or d.element.find(W + "body") is None:
        raise Damaged("word/document.xml", "根元素不是 w:document，或缺少 w:body")

    from docx.styles import BabelFish

    paragraphs: list[Paragraph] = []
    counter = {"table": 0}
    style_names: dict[str, str] = {}
    for s in d.styles.element.iter(W + "style"):
        sid = s.get(W + "styleId")
        n = s.find(W + "name")
        if sid:
            # styles.xml stores built-in names in lower case ("heading 1"); Word shows "Heading 1".
            style_names[sid] = BabelFish.internal2ui(n.get(W + "val")) if n is not None else sid

    def style_of(p_el) -> str | None:
        ps = p_el.find(f"{W}pPr/{W}pStyle")
        if ps is None:
            return style_names.get(_default_para_style(d)) or "Normal"
        sid = ps.get(W + "val")
        return style_names.get(sid, sid)

    def add_paragraph(p_el, scope: str, location: str, table=None) -> None:
        text, runs = _paragraph_text(p_el)
        style = style_of(p_el)
        para = Paragraph(text=text, line=len(paragraphs) + 1, location=location, scope=scope,
                         style=style, alignment=_alignment(p_el), runs=runs, element=p_el,
                         table=table)
        if scope == "body":
            para.level = _heading_level(p_el, style)
        paragraphs.append(para)

    def walk(container, scope: str, loc_prefix: str, in_table=None) -> None:
        for child in container.iterchildren():
            tag = child.tag
            if tag == W + "p":
                if in_table:
                    t, r, c = in_table
                    where = f"表格{t} 第{r}行第{c}列"
                    add_paragraph(child, "table" if scope == "body" else scope,
                                  where if scope == "body" else f"{loc_prefix}{where}", in_table)
                elif scope == "body":
                    add_paragraph(child, scope, f"第{len(paragraphs) + 1}段")
                else:
                    add_paragraph(child, scope, f"{loc_prefix}第{_count(paragraphs, loc_prefix) + 1}段")
            elif tag == W + "tbl":
                counter["table"] += 1
                t = counter["table"]
                for r, tr in enumerate(child.iterchildren(W + "tr"), start=1):
                    c = 0
                    for tc in tr.iterchildren(W + "tc"):
                        c += 1
                        walk(tc, scope, loc_prefix, (t, r, c))
                        span = tc.find(f"{W}tcPr/{W}gridSpan")
                        if span is not None:
                            c += max(1, _int(span.get(W + "val", "1"), _part_name(child), "w:gridSpan")) - 1
            elif tag in (W + "sdt", W + "sdtContent", W + "customXml"):
                walk(child, scope, loc_prefix, in_table)

    walk(d.element.body, "body", "")

    # Headers and footers, each part once even when sections link to it.
    seen = set()
    for si, section in enumerate(d.sections, start=1):
        for kind, label in (("header", "页眉"), ("first_page_header", "首页页眉"),
                            ("even_page_header", "偶数页页眉"), ("footer", "页脚"),
                            ("first_page_footer", "首页页脚"), ("even_page_footer", "偶数页页脚")):
            try:
                hf = getattr(section, kind)
                if hf.is_linked_to_previous:
                    continue
                part = hf.part
            except Exception:  # a header part that is missing or damaged is not fatal
                continue
            if id(part) in seen:
                continue
            seen.add(id(part))
            prefix = f"第{si}节{label} " if len(d.sections) > 1 else f"{label} "
            walk(part.element, "header" if "header" in kind else "footer", prefix)

    _read_footnotes(d, paragraphs)

    title_hint = None
    body = [p for p in paragraphs if p.scope == "body"]
    for i, p in enumerate(body):
        if not p.is_blank:
            if (p.style or "").lower() in ("title", "标题"):
                title_hint = i
            break
    number_paragraphs(d, paragraphs)
    classify(paragraphs, title_hint)
    doc = Document(path=name, paragraphs=paragraphs, source_format="docx", docx=d)
    return doc


def _part_name(el) -> str:
    """The part an element belongs to, for a message about damage in it."""
    root = el.getroottree().getroot()
    tag = root.tag.rsplit("}", 1)[-1]
    return {"document": "word/document.xml", "hdr": "页眉部件", "ftr": "页脚部件"}.get(tag, "word/document.xml")


def _count(paragraphs: list[Paragraph], prefix: str) -> int:
    return sum(1 for p in paragraphs if p.location.startswith(prefix))


def _default_para_style(d) -> str:
    for s in d.styles.element.iter(W + "style"):
        if s.get(W + "type") == "paragraph" and s.get(W + "default") in ("1", "true"):
            return s.get(W + "styleId")
    return "Normal"


def _alignment(p_el) -> str | None:
    jc = p_el.find(f"{W}pPr/{W}jc")
    return jc.get(W + "val") if jc is not None else None


def _heading_level(p_el, style: str | None) -> int | None:
    lvl = p_el.find(f"{W}pPr/{W}outlineLvl")
    if lvl is not None:
        v = _int(lvl.get(W + "val", "9"), "word/document.xml", "w:outlineLvl")
        if v < 9:
            return v + 1
    if style:
        s = style.lower().replace(" ", "")
        for prefix in ("heading", "标题"):
            if s.startswith(prefix) and s[len(prefix):].isdigit():
                return int(s[len(prefix):])
    return None


def _paragraph_text(p_el) -> tuple[str, list[Run]]:
    parts: list[str] = []
    runs: list[Run] = []
    pos = 0

    def visit(el) -> None:
        nonlocal pos
        for child in el.iterchildren():
            tag = child.tag
            if tag == W + "r":
                text = _run_text(child)
                if text:
                    runs.append(_run(child, pos, text))
                    parts.append(text)
                    pos += len(text)
            elif tag in _CONTAINERS:
                visit(child)

    visit(p_el)
    return "".join(parts), runs


def _run_text(r_el) -> str:
    out = []
    for c in r_el.iterchildren():
        tag = c.tag
        if tag == W + "t":
            out.append(c.text or "")
        elif tag == W + "tab":
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
    return "".join(out)


def _run(r_el, start: int, text: str) -> Run:
    rpr = r_el.find(W + "rPr")
    east = ascii_ = style = None
    size = bold = None
    if rpr is not None:
        fonts = rpr.find(W + "rFonts")
        if fonts is not None:
            east = fonts.get(W + "eastAsia")
            ascii_ = fonts.get(W + "ascii")
        sz = rpr.find(W + "sz")
        if sz is not None and sz.get(W + "val", "").isdigit():
            size = int(sz.get(W + "val")) / 2
        b = rpr.find(W + "b")
        if b is not None:
            bold = b.get(W + "val", "true") not in ("0", "false", "off")
        rs = rpr.find(W + "rStyle")
        if rs is not None:
            style = rs.get(W + "val")
    return Run(start, start + len(text), text, east, ascii_, size, bold, style, r_el)


def _read_footnotes(d, paragraphs: list[Paragraph]) -> None:
    from lxml import etree

    for rel in d.part.rels.values():
        if rel.reltype != _FOOTNOTE_REL or rel.is_external:
            continue
        part = str(rel.target_part.partname).lstrip("/")
        try:
            root = etree.fromstring(rel.target_part.blob)
        except Exception:
            raise Damaged(part, "XML 无法解析") from None
        for fn in root.iterchildren(W + "footnote"):
            if fn.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            fid = fn.get(W + "id")
            for p_el in fn.iter(W + "p"):
                text, runs = _paragraph_text(p_el)
                paragraphs.append(Paragraph(text=text, line=len(paragraphs) + 1,
                                            location=f"脚注{fid}", scope="footnote",
                                            runs=runs, element=p_el))
